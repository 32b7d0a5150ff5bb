#!/usr/bin/env python3
"""Times the Issue 5 speed figures side by side and prints the table bench/README.md shows.

Usage: measure.py WORK_DIR --hookguard PATH --prek PATH [--quick] [--runs N] [--json OUT]

Each figure compares a HookGuard command with a reference command. Both are run in the same loop, interleaved
(A B, B A, A B, ...), after warm-up runs, so that the load of a shared machine falls on both alike; the table shows
the median wall-clock time of each (process start included: a hook pays it) and their ratio, for wall-clock time and for CPU time (user + system
of the command and all the processes it waited for, from wait4). On a shared, overloaded machine the wall-clock
medians mostly measure waiting for a core; the CPU figures are the cost itself. A figure passes when both do. Every command must
exit 0 (the fixtures are in sync); any other exit code stops the run with the command's output.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def clean_env(**extra: str) -> dict[str, str]:
    """No PIP_*/PYTHON* (this machine sets PIP_FIND_LINKS) and no GIT_* from whoever started the benchmark."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON", "GIT_", "HOOKGUARD_"))}
    env.update(extra)
    return env


@dataclass
class Command:
    label: str
    argv: list[str]
    cwd: str
    env: dict[str, str] = field(default_factory=clean_env)
    prepare: list[list[str]] = field(default_factory=list)  # untimed, before every run (e.g. stage an edit)

    def run(self) -> tuple[int, int]:
        """Runs once; returns (wall ns, CPU ns): user+system time of the command and every process it waited for."""
        for step in self.prepare:
            subprocess.run(step, cwd=self.cwd, env=self.env, check=True, stdout=subprocess.DEVNULL)
        start = time.perf_counter_ns()
        child = subprocess.Popen(self.argv, cwd=self.cwd, env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter_ns() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            again = subprocess.run(self.argv, cwd=self.cwd, env=self.env, capture_output=True, text=True)
            print(f"'{' '.join(self.argv)}' in {self.cwd} exited {child.returncode}:\n{again.stdout}{again.stderr}", file=sys.stderr)
            sys.exit(2)
        return elapsed, int((usage.ru_utime + usage.ru_stime) * 1e9)


@dataclass
class Figure:
    name: str
    ours: Command
    reference: Command
    target: str          # e.g. "<= 0.03"; "" for a figure shown for information
    runs: int


def check_target(ratio: float, target: str) -> str:
    if not target:
        return "info"
    op, bound = target.split()
    value = float(bound.rstrip("x"))
    ok = ratio <= value if op == "<=" else ratio < value
    return "PASS" if ok else "FAIL"


@dataclass
class Timing:
    wall_ms: float
    cpu_ms: float


def time_figure(figure: Figure, warmup: int) -> tuple[Timing, Timing]:
    for _ in range(warmup):
        figure.ours.run()
        figure.reference.run()
    samples: dict[int, list[tuple[int, int]]] = {id(figure.ours): [], id(figure.reference): []}
    for i in range(figure.runs):
        pair = (figure.ours, figure.reference) if i % 2 == 0 else (figure.reference, figure.ours)
        for command in pair:
            samples[id(command)].append(command.run())

    def summary(command: Command) -> Timing:
        runs = samples[id(command)]
        return Timing(statistics.median(w for w, _ in runs) / 1e6, statistics.median(c for _, c in runs) / 1e6)

    return summary(figure.ours), summary(figure.reference)


def set_up_commit_repos(work: Path, hookguard: str, prek: str, env: dict[str, str]) -> None:
    """Installs the four guards once: HookGuard's hook, prek with a do-nothing hook, a pip freeze | diff hook, none."""
    def git(repo: Path, *args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, env=env, stdout=subprocess.DEVNULL)

    guarded = work / "commit-hookguard"
    if not (guarded / ".git" / "hooks" / "pre-commit").exists():
        subprocess.run([hookguard, "install"], cwd=guarded, env=env, check=True, stdout=subprocess.DEVNULL)

    with_prek = work / "commit-prek"
    config = with_prek / ".pre-commit-config.yaml"
    if not config.exists():
        config.write_text(
            "repos:\n"
            "  - repo: local\n"
            "    hooks:\n"
            "      - id: nothing\n"
            "        name: a hook that does nothing\n"
            "        entry: 'true'\n"
            "        language: system\n"
            "        pass_filenames: false\n"
            "        always_run: true\n")
        git(with_prek, "add", ".pre-commit-config.yaml")
        git(with_prek, "commit", "-q", "--no-verify", "-m", "prek config")
        subprocess.run([prek, "install"], cwd=with_prek, env=env, check=True, stdout=subprocess.DEVNULL)

    freezing = work / "commit-pipfreeze"
    hook = freezing / ".git" / "hooks" / "pre-commit"
    if not hook.exists():
        # What a careful user writes by hand: block when pip freeze and the staged requirements.txt differ.
        hook.write_text(
            "#!/bin/sh\n"
            "root=$(git rev-parse --show-toplevel) || exit 1\n"
            "frozen=$(mktemp) || exit 1\n"
            "trap 'rm -f \"$frozen\"' EXIT\n"
            "\"$root/services/app/.venv/bin/python\" -m pip freeze > \"$frozen\" || exit 1\n"
            "git show :services/app/requirements.txt | diff -u - \"$frozen\"\n")
        hook.chmod(0o755)


def outside_project_index(repo: Path, env: dict[str, str]) -> Path:
    """An index file like the repository's, staging one new file that lies in no project (made once)."""
    index = repo / ".git" / "index-outside-project"
    if not index.exists():
        # HEAD's tree as an index (with its cache-tree, as git writes it), plus one new file.
        subprocess.run(["git", "-C", str(repo), "read-tree", "HEAD"], env=dict(env, GIT_INDEX_FILE=str(index)), check=True)
        blob = subprocess.run(["git", "-C", str(repo), "hash-object", "-w", "--stdin"], input=b"print('new')\n",
                              env=env, check=True, capture_output=True).stdout.decode().strip()
        subprocess.run(["git", "-C", str(repo), "update-index", "--add", "--cacheinfo", f"100644,{blob},src/new_module.py"],
                       env=dict(env, GIT_INDEX_FILE=str(index)), check=True)
    return index


def commit_command(label: str, repo: Path, env: dict[str, str]) -> Command:
    edit = ["sh", "-c", "echo \"print('edit')\" >> services/app/app.py && git add services/app/app.py"]
    return Command(label, ["git", "commit", "-q", "-m", "bench"], str(repo), env, prepare=[edit])


def figures(work: Path, manifest: dict, hookguard: str, prek_home: str, runs: int) -> list[Figure]:
    env = clean_env(PREK_HOME=prek_home)
    check = [hookguard, "check"]
    diff_cached = ["git", "diff", "--cached", "--name-only"]
    result = []
    for label, title in (("venv100", "check, 1 project, {n} dists / pip freeze"), ("venv2000", "check, 1 project, {n} dists / pip freeze")):
        fixture = manifest[label]
        repo, venv = fixture["repo"], fixture["venv"]
        result.append(Figure(
            title.format(n=fixture["distributions"]),
            Command("hookguard check", check, repo, env),
            Command("pip freeze", [f"{venv}/bin/python", "-m", "pip", "freeze"], repo, env),
            "<= 0.03", max(5, runs // 2) if label == "venv2000" else runs))
    if "uvlock500" in manifest:
        fixture = manifest["uvlock500"]
        result.append(Figure(
            f"check, 1 project, {fixture['distributions']}-package uv.lock / pip freeze",
            Command("hookguard check", check, fixture["repo"], env),
            Command("pip freeze", [f"{fixture['venv']}/bin/python", "-m", "pip", "freeze"], fixture["repo"], env),
            "<= 0.03", runs))
    for label in ("repo2k", "repo200k"):
        fixture = manifest[label]
        result.append(Figure(
            f"check, repo of {fixture['tracked_files']:,} files / git diff --cached",
            Command("hookguard check", check, fixture["repo"], env),
            Command("git diff --cached --name-only", diff_cached, fixture["repo"], env),
            "<= 3x", runs))
    for label in ("repo2k", "repo200k"):
        # Diagnostic: the same repositories, a staged path in no project: what the git side alone costs.
        fixture = manifest[label]
        index = outside_project_index(Path(fixture["repo"]), env)
        result.append(Figure(
            f"  same, staged path outside any project ({fixture['tracked_files'] // 1000}k)",
            Command("hookguard check", ["env", f"GIT_INDEX_FILE={index}", *check], fixture["repo"], env),
            Command("git diff --cached --name-only", ["env", f"GIT_INDEX_FILE={index}", *diff_cached], fixture["repo"], env),
            "", runs))
    mono = manifest["monorepo"]
    result.append(Figure(
        "monorepo: check of 20 touched projects / of 1",
        Command("hookguard check (20 projects)", ["env", f"GIT_INDEX_FILE={mono['index_twenty']}", *check], mono["repo"], env),
        Command("hookguard check (1 project)", ["env", f"GIT_INDEX_FILE={mono['index_one']}", *check], mono["repo"], env),
        "<= 5x", runs))
    guarded = commit_command("git commit, HookGuard hook", work / "commit-hookguard", env)
    result.append(Figure("git commit: HookGuard hook / prek no-op hook", guarded,
                         commit_command("git commit, prek no-op hook", work / "commit-prek", env), "< 1x", runs))
    result.append(Figure("git commit: HookGuard hook / pip freeze|diff hook", guarded,
                         commit_command("git commit, pip freeze | diff hook", work / "commit-pipfreeze", env), "", max(5, runs // 2)))
    result.append(Figure("git commit: HookGuard hook / no hook", guarded,
                         commit_command("git commit, no hook", work / "commit-nohook", env), "", runs))
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("work", type=Path)
    parser.add_argument("--hookguard", required=True)
    parser.add_argument("--prek", required=True)
    parser.add_argument("--quick", action="store_true", help="few runs; never fails on a ratio")
    parser.add_argument("--runs", type=int, default=0)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--only", default="", help="time only the figures whose name contains this text")
    args = parser.parse_args()

    work = args.work.resolve()
    manifest = json.loads((work / "manifest.json").read_text())
    prek_home = str(work / "prek-home")
    set_up_commit_repos(work, args.hookguard, args.prek, clean_env(PREK_HOME=prek_home))
    runs = args.runs or (3 if args.quick else 30)
    warmup = 1 if args.quick else 3

    rows = []
    print(f"load average before timing: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; medians of {runs} interleaved runs a figure")
    print()
    header = (f"| {'figure':<52} | {'HG wall ms':>10} | {'ref wall ms':>11} | {'wall ratio':>10} | {'HG cpu ms':>9} | "
              f"{'ref cpu ms':>10} | {'cpu ratio':>9} | {'target':>7} | {'cpu':<4} | {'wall':<4} |")
    print(header)
    print("|" + "|".join("-" * (len(cell)) for cell in header.split("|")[1:-1]) + "|")
    failed = False

    def shown(ratio: float) -> str:
        return f"{ratio:.3f}" if ratio < 1 else f"{ratio:.2f}x"

    for figure in figures(work, manifest, args.hookguard, prek_home, runs):
        if args.only not in figure.name:
            continue
        ours, reference = time_figure(figure, warmup)
        wall_ratio, cpu_ratio = ours.wall_ms / reference.wall_ms, ours.cpu_ms / reference.cpu_ms
        cpu_verdict, wall_verdict = check_target(cpu_ratio, figure.target), check_target(wall_ratio, figure.target)
        failed |= "FAIL" in (cpu_verdict, wall_verdict)
        print(f"| {figure.name:<52} | {ours.wall_ms:>10.1f} | {reference.wall_ms:>11.1f} | {shown(wall_ratio):>10} | "
              f"{ours.cpu_ms:>9.1f} | {reference.cpu_ms:>10.1f} | {shown(cpu_ratio):>9} | {figure.target or '-':>7} | "
              f"{cpu_verdict:<4} | {wall_verdict:<4} |", flush=True)
        rows.append({"figure": figure.name, "hookguard": figure.ours.label, "reference": figure.reference.label,
                     "hookguard_wall_ms": ours.wall_ms, "reference_wall_ms": reference.wall_ms, "wall_ratio": wall_ratio,
                     "hookguard_cpu_ms": ours.cpu_ms, "reference_cpu_ms": reference.cpu_ms, "cpu_ratio": cpu_ratio,
                     "target": figure.target, "cpu_verdict": cpu_verdict, "wall_verdict": wall_verdict, "runs": figure.runs})
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    if failed and not args.quick:
        sys.exit(1)


if __name__ == "__main__":
    main()
