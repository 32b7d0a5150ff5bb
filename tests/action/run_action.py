#!/usr/bin/env python3
"""Runs the composite GitHub Action in action.yml locally, step by step, as a runner would, and checks what it does.

Each `run:` step is run with `bash --noprofile --norc -eo pipefail` (GitHub's `shell: bash`), with the GITHUB_*
and RUNNER_* variables pointed at temp files and directories; GITHUB_OUTPUT, GITHUB_ENV and GITHUB_PATH are read back
after each step as the runner reads them, and `${{ }}` expressions in `env:`, `working-directory:` and `with:` are
evaluated from inputs, step outputs and the github/runner contexts. `uses:` steps (actions/cache, actions/setup-dotnet)
need GitHub's own services and are not run: the test checks instead that the install step reuses a prefix that
already holds the build, which is what a cache hit gives it.

Scenarios, each in a real git repository with real venvs (python3 -m venv, wheels built here, pip offline):
  in sync   -> exit 0, no ::error, the summary's project table says "in sync"
  drift     -> exit 1, an ::error annotation per finding on file and line, the summary's finding table shows them; the
               project's directory has a '|' and '*' in its name, so an unescaped cell would break the rendered table
  bad input -> exit 2 (a .hookguard.toml with a bad value), an ::error annotation, the summary says it could not check
The summary is rendered with cmark-gfm (GitHub's Markdown) and read as HTML tables.

  tests/action/run_action.py          HookGuard is built once (install.sh --no-aot, the action's aot: false) into a
                                      temporary RUNNER_TEMP shared by the scenarios.
Needs python3-yaml and cmark-gfm (installed by .ci/run); fails, naming the tool, when one is missing.
"""
import html.parser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(REPO, "tests"))
from python_fixtures import build_wheel  # noqa: E402  (the tests folder is not a package)

try:
    import yaml
except ImportError:
    sys.exit("run_action.py: FAIL: needs PyYAML for python3 (Debian package python3-yaml; .ci/run installs it)")
if shutil.which("cmark-gfm") is None:
    sys.exit("run_action.py: FAIL: needs cmark-gfm to render the job summary (Debian package cmark-gfm; .ci/run installs it)")


def fail(message):
    sys.exit(f"run_action.py: FAIL: {message}")


def check(condition, message):
    if not condition:
        fail(message)


# ------------------------------------------------------------------------------------------------ the action runner

EXPRESSION = re.compile(r"\$\{\{\s*(.*?)\s*\}\}")


def evaluate(text, contexts):
    """Replaces ${{ a.b.c }} by its value; only property paths, the only expressions action.yml may use in run steps."""

    def value(match):
        path = match.group(1)
        if not re.fullmatch(r"[A-Za-z_][\w-]*(\.[A-Za-z_][\w-]*)+", path):
            fail(f"action.yml uses an expression this runner cannot evaluate: ${{{{ {path} }}}}")
        node = contexts
        for part in path.split("."):
            if not isinstance(node, dict) or part not in node:
                if path.startswith("steps.") and path.count(".") == 3:
                    return ""  # an output a step did not set reads as empty, as on GitHub
                fail(f"action.yml refers to an unknown context value: {path}")
            node = node[part]
        return str(node)

    return EXPRESSION.sub(value, str(text))


def read_file_commands(path):
    """GITHUB_OUTPUT / GITHUB_ENV syntax: NAME=value lines and NAME<<DELIMITER ... DELIMITER blocks."""
    values = {}
    with open(path, encoding="utf-8") as file:
        lines = file.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            block = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                block.append(lines[i])
                i += 1
            check(i < len(lines), f"{path}: {name}<<{delimiter} is never closed")
            values[name] = "\n".join(block)
        elif "=" in line:
            name, value = line.split("=", 1)
            values[name] = value
        elif line.strip():
            fail(f"{path}: a line the runner would reject: {line!r}")
        i += 1
    return values


def run_action(action, inputs, workspace, runner_temp, base_env):
    """Runs the composite action's steps in order; returns (exit status, combined log, step outputs, skipped uses)."""
    check(action["runs"]["using"] == "composite", "action.yml must be a composite action")
    for name in inputs:
        check(name in action["inputs"], f"the test passes an input action.yml does not declare: {name}")
    values = {name: spec.get("default", "") for name, spec in action["inputs"].items()}
    values.update(inputs)

    job = tempfile.mkdtemp(prefix="job.", dir=runner_temp)
    files = {name: os.path.join(job, name.lower()) for name in ("GITHUB_STEP_SUMMARY", "GITHUB_ENV", "GITHUB_PATH")}
    for path in files.values():
        open(path, "w").close()

    contexts = {
        "inputs": values,
        "steps": {},
        "github": {"action_path": REPO, "workspace": workspace},
        "runner": {"temp": runner_temp, "os": "Linux", "arch": "X64"},
    }
    log = []
    skipped = []
    for index, step in enumerate(action["runs"]["steps"]):
        if "uses" in step:
            skipped.append(step["uses"])
            for value in (step.get("with") or {}).values():
                evaluate(value, contexts)  # its expressions must still make sense
            continue
        check("if" not in step, f"step {index} has an if: this runner does not evaluate")
        check(step.get("shell") == "bash", f"step {index} must say shell: bash")

        output_file = os.path.join(job, f"output.{index}")
        open(output_file, "w").close()
        env = dict(base_env)
        env.update(read_file_commands(files["GITHUB_ENV"]))
        with open(files["GITHUB_PATH"], encoding="utf-8") as file:
            added = [line for line in file.read().splitlines() if line]
        env["PATH"] = os.pathsep.join(list(reversed(added)) + [base_env["PATH"]])
        env.update({
            "CI": "true", "GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": workspace, "GITHUB_ACTION_PATH": REPO,
            "RUNNER_TEMP": runner_temp, "RUNNER_OS": "Linux", "GITHUB_OUTPUT": output_file, **files,
        })
        for name, value in (step.get("env") or {}).items():
            env[name] = evaluate(value, contexts)
        cwd = os.path.join(workspace, evaluate(step.get("working-directory", "."), contexts))

        script = os.path.join(job, f"step.{index}.sh")
        with open(script, "w", encoding="utf-8") as file:
            file.write(step["run"])
        started = time.monotonic()
        result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", script], cwd=cwd, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL)
        log.append(result.stdout)
        print(f"    step {step.get('id') or index}: exit {result.returncode} in {time.monotonic() - started:.1f}s")
        if step.get("id"):
            contexts["steps"][step["id"]] = {"outputs": read_file_commands(output_file)}
        if result.returncode != 0:
            return result.returncode, "".join(log), contexts, skipped, files["GITHUB_STEP_SUMMARY"]
    return 0, "".join(log), contexts, skipped, files["GITHUB_STEP_SUMMARY"]


# ------------------------------------------------------------------------------------------------- real fixtures

def make_venv(path, wheelhouse, *names):
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", path], check=True)
    if names:
        subprocess.run([sys.executable, "-m", "pip", "--python", os.path.join(path, "bin", "python"), "install",
                        "--isolated", "--no-index", "--find-links", wheelhouse, "--quiet", *names], check=True,
                       env=clean_env())


def clean_env():
    env = {name: value for name, value in os.environ.items()
           if not name.startswith(("PIP_", "GIT_", "GITHUB_", "RUNNER_", "HOOKGUARD_", "PYTHON")) and name != "VIRTUAL_ENV"}
    env.update({"GIT_AUTHOR_NAME": "CI", "GIT_AUTHOR_EMAIL": "ci@example.invalid",
                "GIT_COMMITTER_NAME": "CI", "GIT_COMMITTER_EMAIL": "ci@example.invalid", "NO_COLOR": "1"})
    return env


def make_repo(path, files):
    os.makedirs(path)
    subprocess.run(["git", "init", "--quiet", "-b", "main", path], check=True, env=clean_env())
    for name, text in files.items():
        os.makedirs(os.path.dirname(os.path.join(path, name)), exist_ok=True)
        with open(os.path.join(path, name), "w", encoding="utf-8") as file:
            file.write(text)
    subprocess.run(["git", "-C", path, "add", "--", *files], check=True, env=clean_env())
    subprocess.run(["git", "-C", path, "commit", "--quiet", "--no-verify", "-m", "fixture"], check=True, env=clean_env())


class Tables(html.parser.HTMLParser):
    """The rows of every <table> in the rendered summary, as lists of cell texts."""

    def __init__(self):
        super().__init__()
        self.tables, self.cell, self.row = [], None, None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr":
            self.tables[-1].append(self.row)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def render(summary_path):
    with open(summary_path, encoding="utf-8") as file:
        markdown = file.read()
    rendered = subprocess.run(["cmark-gfm", "-e", "table"], input=markdown, stdout=subprocess.PIPE, text=True, check=True).stdout
    parser = Tables()
    parser.feed(rendered)
    return markdown, rendered, parser.tables


def gitlab_job():
    """The .gitlab-ci.yml job documented in README.md (section "GitLab CI"; the yaml block that starts with '# .gitlab-ci.yml')."""
    with open(os.path.join(REPO, "README.md"), encoding="utf-8") as file:
        blocks = re.findall(r"```yaml\n(.*?)```", file.read(), re.S)
    documented = [block for block in blocks if block.startswith("# .gitlab-ci.yml")]
    check(len(documented) == 1, "README.md must hold one yaml block starting with '# .gitlab-ci.yml'")
    return yaml.safe_load(documented[0])["hookguard"]


def run_gitlab_script(job, project_dir, hookguard_prefix, base_env):
    """Runs the job's script: lines as GitLab's shell executor does (bash, errexit); the built HookGuard is put where
    the job's before_script would have built it (.hookguard, from the cache)."""
    os.symlink(hookguard_prefix, os.path.join(project_dir, ".hookguard"))
    script = "set -eo pipefail\n" + "\n".join(job["script"]) + "\n"
    result = subprocess.run(["bash", "--noprofile", "--norc", "-c", script], cwd=project_dir, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, stdin=subprocess.DEVNULL,
                            env={**base_env, "CI_PROJECT_DIR": project_dir})
    for artifact in job["artifacts"]["paths"]:
        check(os.path.isfile(os.path.join(project_dir, artifact)), f"gitlab: the job did not write its artifact {artifact}")
    return result.returncode, result.stdout


# ------------------------------------------------------------------------------------------------------ scenarios

def main():
    started = time.monotonic()
    with open(os.path.join(REPO, "action.yml"), encoding="utf-8") as file:
        action = yaml.safe_load(file)

    temp = tempfile.mkdtemp(prefix="hookguard-action.")
    try:
        runner_temp = os.path.join(temp, "runner temp")  # a space, as Windows-style runner paths can have
        os.makedirs(runner_temp)
        wheelhouse = os.path.join(temp, "wheels")
        os.makedirs(wheelhouse)
        build_wheel(wheelhouse, "alpha", "1.0")
        build_wheel(wheelhouse, "beta", "2.0")
        base_env = clean_env()
        inputs = {"aot": "false"}  # the framework-dependent build: seconds, where NativeAOT takes minutes here

        print("==> in sync: a repository whose venv matches requirements.txt")
        in_sync = os.path.join(temp, "in-sync")
        make_repo(in_sync, {"requirements.txt": "alpha==1.0\n"})
        make_venv(os.path.join(in_sync, ".venv"), wheelhouse, "alpha")
        status, log, contexts, skipped, summary = run_action(action, inputs, in_sync, runner_temp, base_env)
        print(log)
        check(status == 0, f"in sync: the action exited {status}, not 0")
        check(skipped == ["actions/cache@v4", "actions/setup-dotnet@v4"], f"unexpected uses: steps {skipped}")
        check(contexts["steps"]["check"]["outputs"].get("exit-code") == "0", "in sync: output exit-code is not 0")
        hookguard = contexts["steps"]["install"]["outputs"]["hookguard"]
        check(hookguard == os.path.join(runner_temp, "hookguard", "bin", "hookguard"), f"hookguard output: {hookguard}")
        check("::error" not in log, "in sync: an ::error annotation was written")
        markdown, rendered, tables = render(summary)
        check(tables and tables[0][0] == ["Project", "Verdict", "Venv", "Compared with"], f"in sync: no project table in\n{rendered}")
        check(tables[0][1] == [".", "✅ in sync", os.path.join(in_sync, ".venv"), "requirements.txt"], f"in sync: project row {tables[0][1:]}")
        check(len(tables) == 1, "in sync: a finding table was rendered")
        check("<h3>HookGuard: the project is in sync</h3>" in rendered, f"in sync: headline missing in\n{rendered}")

        print("==> drift: a project in 'services/a|b*' with a wrong pin and an undeclared package")
        drift = os.path.join(temp, "drift")
        project = "services/a|b*"
        make_repo(drift, {f"{project}/requirements.txt": "# pinned\nalpha==0.9\n", "README.md": "x\n"})
        make_venv(os.path.join(drift, project, ".venv"), wheelhouse, "alpha", "beta")
        status, log, contexts, skipped, summary = run_action(action, inputs, drift, runner_temp, base_env)
        print(log)
        check(status == 1, f"drift: the action exited {status}, not 1")
        check("already installed" in log, "drift: the install step rebuilt HookGuard instead of reusing the prefix")
        errors = [line for line in log.splitlines() if line.startswith("::error ")]
        check(len(errors) == 2, f"drift: expected 2 ::error annotations, got {errors}")
        file_property = "file=services/a|b*/requirements.txt"
        check(any(line.startswith(f"::error {file_property},line=2,title=HookGuard%3A version-mismatch alpha::") for line in errors),
              f"drift: no version-mismatch annotation on line 2 in {errors}")
        check(any(line.startswith(f"::error {file_property},title=HookGuard%3A undeclared beta::") for line in errors),
              f"drift: no undeclared annotation in {errors}")
        markdown, rendered, tables = render(summary)
        check(len(tables) == 2, f"drift: expected a project table and a finding table in\n{markdown}\n{rendered}")
        check(tables[0][1][:2] == [project, "❌ 2 differences"], f"drift: project row {tables[0][1]}")
        findings = tables[1]
        check(findings[0] == ["Where", "Finding", "Package", "Details", "Fix"], f"drift: finding header {findings[0]}")
        check(all(len(row) == 5 for row in findings), f"drift: a finding row has the wrong number of cells: {findings}")
        by_kind = {row[1]: row for row in findings[1:]}
        check(by_kind.get("version-mismatch", [None])[0] == f"{project}/requirements.txt:2", f"drift: rows {findings}")
        check(by_kind["version-mismatch"][3] == "alpha: declared 'alpha==0.9', installed 1.0", f"drift: {by_kind['version-mismatch']}")
        check(by_kind.get("undeclared", [None, None, None])[2] == "beta", f"drift: rows {findings}")
        check(by_kind["undeclared"][4] == "hookguard fix 'services/a|b*'", f"drift: fix cell {by_kind['undeclared'][4]}")
        check("<code>hookguard fix 'services/a|b*'</code>" in rendered, "drift: the fix is not rendered as code")

        print("==> bad input: a .hookguard.toml with a bad value")
        bad = os.path.join(temp, "bad input")
        make_repo(bad, {"requirements.txt": "alpha==1.0\n", ".hookguard.toml": 'policy = "<b>nope</b>"\n'})
        make_venv(os.path.join(bad, ".venv"), wheelhouse, "alpha")
        status, log, contexts, skipped, summary = run_action(action, {**inputs, "working-directory": "."}, bad, runner_temp, base_env)
        print(log)
        check(status == 2, f"bad input: the action exited {status}, not 2")
        errors = [line for line in log.splitlines() if line.startswith("::error title=HookGuard could not check (exit 2)::")]
        check(len(errors) == 1 and ".hookguard.toml" in errors[0], f"bad input: annotation {errors}")
        markdown, rendered, tables = render(summary)
        check("<h3>HookGuard could not check (exit 2)</h3>" in rendered, f"bad input: summary\n{rendered}")
        check("<pre><code>hookguard: " in rendered and ".hookguard.toml" in rendered and "&lt;b&gt;" in rendered,
              f"bad input: the error is not shown as a code block in\n{rendered}")

        print("==> GitLab: the documented job's script, in the in-sync and the drift repository")
        job = gitlab_job()
        prefix = os.path.join(runner_temp, "hookguard")
        status, log = run_gitlab_script(job, in_sync, prefix, base_env)
        check(status == 0, f"gitlab in sync: the job exited {status}\n{log}")
        status, log = run_gitlab_script(job, drift, prefix, base_env)
        check(status == 1, f"gitlab drift: the job exited {status}, not 1\n{log}")
        check("undeclared: beta 2.0 is installed but not declared" in log, f"gitlab drift: the log does not name beta\n{log}")
        markdown, rendered, tables = render(os.path.join(drift, "hookguard-report.md"))
        check(len(tables) == 2 and all(len(row) == 5 for row in tables[1]), f"gitlab drift: report tables\n{rendered}")

        print(f"run_action.py: OK, 3 scenarios and the GitLab job in {time.monotonic() - started:.0f}s")
    finally:
        shutil.rmtree(temp, ignore_errors=True)


if __name__ == "__main__":
    main()
