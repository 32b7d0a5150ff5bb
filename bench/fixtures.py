#!/usr/bin/env python3
"""Builds the speed fixtures of bench/run.sh: venvs, repositories, a monorepo, commit sandboxes.

Stdlib only. Every fixture lives under the work directory given on the command line (bench/out/... by default).

Venvs are real `python -m venv` environments (with pip, so that `VENV/bin/python -m pip freeze` works); the
distributions in them are written directly as `*.dist-info` directories the way pip's wheel installer leaves them
(METADATA with realistic headers and a long description body, RECORD, INSTALLER, WHEEL, top_level.txt, and a package
directory beside them), because PyPI is unreachable here. `build` checks that `pip freeze` lists every one of them.

Repositories are written with `git fast-import` (one commit holding N files), then `git read-tree HEAD`, so that
200,000 tracked files take seconds, not 200,000 `git add` calls. Only the project directories are checked out: the
figures compare against `git diff --cached`, which never looks at the work tree.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

# Real, commonly installed distributions with versions and dependencies as their wheels declare them (trimmed to the
# names in this list, so that every Requires-Dist of a fixture resolves inside the venv, as in a healthy venv).
REAL = [
    ("requests", "2.31.0", ["charset-normalizer<4,>=2", "idna<4,>=2.5", "urllib3<3,>=1.21.1", "certifi>=2017.4.17",
                            "PySocks!=1.5.7,>=1.5.6; extra == \"socks\""]),
    ("charset-normalizer", "3.3.2", []), ("idna", "3.6", []), ("urllib3", "2.1.0", ["brotli>=1.0.9; platform_python_implementation == \"CPython\" and extra == \"brotli\""]),
    ("certifi", "2023.11.17", []), ("PySocks", "1.7.1", []),
    ("Django", "4.2.8", ["asgiref<4,>=3.6.0", "sqlparse>=0.3.1", "tzdata; sys_platform == \"win32\""]),
    ("asgiref", "3.7.2", ["typing-extensions>=4; python_version < \"3.11\""]), ("sqlparse", "0.4.4", []), ("tzdata", "2023.3", []),
    ("djangorestframework", "3.14.0", ["django>=3.0", "pytz"]), ("pytz", "2023.3.post1", []),
    ("Flask", "3.0.0", ["Werkzeug>=3.0.0", "Jinja2>=3.1.2", "itsdangerous>=2.1.2", "click>=8.1.3", "blinker>=1.6.2",
                        "asgiref>=3.2; extra == \"async\""]),
    ("Werkzeug", "3.0.1", ["MarkupSafe>=2.1.1"]), ("Jinja2", "3.1.2", ["MarkupSafe>=2.0"]), ("MarkupSafe", "2.1.3", []),
    ("itsdangerous", "2.1.2", []), ("click", "8.1.7", ["colorama; platform_system == \"Windows\""]), ("blinker", "1.7.0", []),
    ("colorama", "0.4.6", []),
    ("numpy", "1.26.2", []), ("pandas", "2.1.4", ["numpy<2,>=1.23.2; python_version == \"3.11\"", "python-dateutil>=2.8.2", "pytz>=2020.1", "tzdata>=2022.1"]),
    ("python-dateutil", "2.8.2", ["six>=1.5"]), ("six", "1.16.0", []),
    ("scipy", "1.11.4", ["numpy<1.28.0,>=1.21.6"]), ("matplotlib", "3.8.2", ["contourpy>=1.0.1", "cycler>=0.10", "fonttools>=4.22.0",
                                                                          "kiwisolver>=1.3.1", "numpy<2,>=1.21", "packaging>=20.0",
                                                                          "pillow>=8", "pyparsing>=2.3.1", "python-dateutil>=2.7"]),
    ("contourpy", "1.2.0", ["numpy<2.0,>=1.20"]), ("cycler", "0.12.1", []), ("fonttools", "4.46.0", []), ("kiwisolver", "1.4.5", []),
    ("packaging", "23.2", []), ("pillow", "10.1.0", []), ("pyparsing", "3.1.1", []),
    ("SQLAlchemy", "2.0.23", ["typing-extensions>=4.2.0", "greenlet!=0.4.17; platform_machine == \"x86_64\""]),
    ("typing_extensions", "4.9.0", []), ("greenlet", "3.0.2", []), ("alembic", "1.13.0", ["SQLAlchemy>=1.3.0", "Mako", "typing-extensions>=4"]),
    ("Mako", "1.3.0", ["MarkupSafe>=0.9.2"]), ("psycopg2-binary", "2.9.9", []),
    ("boto3", "1.34.2", ["botocore<1.35.0,>=1.34.2", "jmespath<2.0.0,>=0.7.1", "s3transfer<0.10.0,>=0.9.0"]),
    ("botocore", "1.34.2", ["jmespath<2.0.0,>=0.7.1", "python-dateutil<3.0.0,>=2.1", "urllib3<2.1,>=1.25.4; python_version >= \"3.10\""]),
    ("jmespath", "1.0.1", []), ("s3transfer", "0.9.0", ["botocore<2.0a.0,>=1.33.2"]),
    ("pydantic", "2.5.2", ["annotated-types>=0.4.0", "pydantic-core==2.14.5", "typing-extensions>=4.6.1"]),
    ("annotated-types", "0.6.0", []), ("pydantic_core", "2.14.5", ["typing-extensions!=4.7.0,>=4.6.0"]),
    ("fastapi", "0.105.0", ["anyio<4.0.0,>=3.7.1", "pydantic!=1.8,!=1.8.1,!=2.0.0,!=2.0.1,!=2.1.0,<3.0.0,>=1.7.4",
                            "starlette<0.28.0,>=0.27.0", "typing-extensions>=4.8.0"]),
    ("anyio", "3.7.1", ["idna>=2.8", "sniffio>=1.1"]), ("sniffio", "1.3.0", []), ("starlette", "0.27.0", ["anyio<5,>=3.4.0"]),
    ("uvicorn", "0.24.0.post1", ["click>=7.0", "h11>=0.8"]), ("h11", "0.14.0", []),
    ("httpx", "0.25.2", ["anyio", "certifi", "httpcore==1.*", "idna", "sniffio"]), ("httpcore", "1.0.2", ["certifi", "h11<0.15,>=0.13"]),
    ("celery", "5.3.6", ["billiard<5.0,>=4.2.0", "kombu<6.0,>=5.3.4", "vine<6.0,>=5.1.0", "click<9.0,>=8.1.2", "python-dateutil>=2.8.2",
                         "tzdata>=2022.7", "click-didyoumean>=0.3.0", "click-repl>=0.2.0", "click-plugins>=1.1.1"]),
    ("billiard", "4.2.0", []), ("kombu", "5.3.4", ["amqp<6.0.0,>=5.1.1", "vine"]), ("amqp", "5.2.0", ["vine<6.0.0,>=5.0.0"]),
    ("vine", "5.1.0", []), ("click-didyoumean", "0.3.0", ["click>=7"]), ("click-repl", "0.3.0", ["click>=7.0", "prompt-toolkit>=3.0.36"]),
    ("click-plugins", "1.1.1", ["click>=4.0"]), ("prompt-toolkit", "3.0.43", ["wcwidth"]), ("wcwidth", "0.2.12", []),
    ("redis", "5.0.1", ["async-timeout>=4.0.2; python_full_version <= \"3.11.2\""]), ("async-timeout", "4.0.3", []),
    ("pytest", "7.4.3", ["iniconfig", "packaging", "pluggy<2.0,>=0.12", "exceptiongroup>=1.0.0rc8; python_version < \"3.11\""]),
    ("iniconfig", "2.0.0", []), ("pluggy", "1.3.0", []), ("exceptiongroup", "1.2.0", []),
    ("pytest-cov", "4.1.0", ["pytest>=4.6", "coverage[toml]>=5.2.1"]), ("coverage", "7.3.3", []),
    ("black", "23.12.0", ["click>=8.0.0", "mypy-extensions>=0.4.3", "packaging>=22.0", "pathspec>=0.9.0", "platformdirs>=2"]),
    ("mypy-extensions", "1.0.0", []), ("pathspec", "0.12.1", []), ("platformdirs", "4.1.0", []),
    ("mypy", "1.7.1", ["typing-extensions>=4.1.0", "mypy-extensions>=1.0.0"]), ("flake8", "6.1.0", ["mccabe<0.8.0,>=0.7.0", "pycodestyle<2.12.0,>=2.11.0", "pyflakes<3.2.0,>=3.1.0"]),
    ("mccabe", "0.7.0", []), ("pycodestyle", "2.11.1", []), ("pyflakes", "3.1.0", []),
    ("PyYAML", "6.0.1", []), ("toml", "0.10.2", []), ("attrs", "23.1.0", []), ("cryptography", "41.0.7", ["cffi>=1.12"]),
    ("cffi", "1.16.0", ["pycparser"]), ("pycparser", "2.21", []), ("PyJWT", "2.8.0", []), ("bcrypt", "4.1.1", []),
    ("gunicorn", "21.2.0", ["packaging"]), ("Markdown", "3.5.1", []), ("lxml", "4.9.3", []), ("beautifulsoup4", "4.12.2", ["soupsieve>1.2"]),
    ("soupsieve", "2.5", []), ("tqdm", "4.66.1", ["colorama; platform_system == \"Windows\""]), ("rich", "13.7.0", ["markdown-it-py>=2.2.0", "pygments<3.0.0,>=2.13.0"]),
    ("markdown-it-py", "3.0.0", ["mdurl~=0.1"]), ("mdurl", "0.1.2", []), ("Pygments", "2.17.2", []),
    ("sentry-sdk", "1.39.1", ["certifi", "urllib3>=1.26.11"]), ("structlog", "23.2.0", []), ("orjson", "3.9.10", []),
    ("Faker", "21.0.0", ["python-dateutil>=2.4"]), ("freezegun", "1.3.1", ["python-dateutil>=2.7"]),
]

WORDS = ("async cache client core data django flask graph http json lite log mock net orm parse plugin py queue rest "
         "schema sdk sql stream task test tool type util web xml yaml auth cli config crypto db event geo image io "
         "metrics ml model notify pdf pool proto rpc s3 search serial shell signal storage sync template text time").split()

CLASSIFIERS = [
    "Development Status :: 5 - Production/Stable", "Intended Audience :: Developers",
    "License :: OSI Approved :: MIT License", "Natural Language :: English", "Operating System :: OS Independent",
    "Programming Language :: Python", "Programming Language :: Python :: 3", "Programming Language :: Python :: 3 :: Only",
    "Programming Language :: Python :: 3.8", "Programming Language :: Python :: 3.9", "Programming Language :: Python :: 3.10",
    "Programming Language :: Python :: 3.11", "Programming Language :: Python :: 3.12",
    "Programming Language :: Python :: Implementation :: CPython", "Topic :: Software Development :: Libraries",
    "Topic :: Software Development :: Libraries :: Python Modules", "Typing :: Typed",
]


def distributions(count: int, seed: int = 1) -> list[tuple[str, str, list[str]]]:
    """`count` distributions: the real ones first, then generated ones that depend on earlier ones."""
    rng = random.Random(seed)
    result = list(REAL[:count])
    names = {n.lower() for n, _, _ in result}
    while len(result) < count:
        name = f"{rng.choice(WORDS)}-{rng.choice(WORDS)}-{len(result)}" if rng.random() < 0.7 else f"py{rng.choice(WORDS)}{len(result)}"
        if name.lower() in names:
            continue
        names.add(name.lower())
        version = f"{rng.randint(0, 9)}.{rng.randint(0, 30)}.{rng.randint(0, 20)}" + rng.choice(["", "", "", ".post1", "rc1"])
        requires = []
        for dep_name, dep_version, _ in rng.sample(result, k=min(len(result), rng.randint(0, 5))):
            major = dep_version.split(".")[0]
            spec = rng.choice([f">={dep_version}", f"<{int(major) + 1 if major.isdigit() else 99},>={dep_version}", f"~={'.'.join(dep_version.split('.')[:2])}", ""])
            marker = rng.choice(["", "", "", "; python_version >= \"3.8\"", "; extra == \"all\"", "; sys_platform != \"win32\""])
            requires.append(f"{dep_name}{spec}{marker}")
        result.append((name, version, requires))
    return result


def wheel_name(name: str) -> str:
    return name.replace("-", "_").replace(".", "_")


def write_dist(site: Path, name: str, version: str, requires: list[str], rng: random.Random) -> None:
    """One distribution as pip's wheel installer leaves it."""
    module = wheel_name(name).lower()
    info = site / f"{wheel_name(name)}-{version}.dist-info"
    info.mkdir()
    package = site / module
    package.mkdir(exist_ok=True)
    (package / "__init__.py").write_text(f'"""{name}."""\n__version__ = "{version}"\n')
    extras = sorted({r.split('extra == "')[1].split('"')[0] for r in requires if 'extra == "' in r})
    headers = [
        "Metadata-Version: 2.1", f"Name: {name}", f"Version: {version}",
        f"Summary: {name.replace('-', ' ').title()} - a library for {rng.choice(WORDS)} and {rng.choice(WORDS)}",
        f"Home-page: https://github.com/example/{name}", f"Author: {rng.choice(['Jane', 'Kim', 'Ola', 'Raj'])} Developer",
        f"Author-email: dev@{module}.example.org", "License: MIT",
        f"Project-URL: Documentation, https://{module}.readthedocs.io",
        f"Project-URL: Source, https://github.com/example/{name}",
        f"Project-URL: Changelog, https://github.com/example/{name}/blob/main/CHANGES.rst",
        *[f"Classifier: {c}" for c in CLASSIFIERS], "Requires-Python: >=3.8",
        "Description-Content-Type: text/markdown", "License-File: LICENSE",
        *[f"Provides-Extra: {e}" for e in extras],
        *[f"Requires-Dist: {r}" for r in requires],
    ]
    paragraph = f"{name} helps you {rng.choice(WORDS)} your {rng.choice(WORDS)} without pain. " * 8
    body = "\n".join([f"# {name}", "", paragraph, "", "## Installation", "", f"    pip install {name}", "",
                      "## Usage", "", "```python", f"import {module}", f"{module}.run()", "```", ""] +
                     [f"## Section {i}\n\n{paragraph}\n" for i in range(rng.randint(3, 25))])
    (info / "METADATA").write_text("\n".join(headers) + "\n\n" + body)
    (info / "INSTALLER").write_text("pip\n")
    (info / "WHEEL").write_text("Wheel-Version: 1.0\nGenerator: bdist_wheel (0.42.0)\nRoot-Is-Purelib: true\nTag: py3-none-any\n")
    (info / "top_level.txt").write_text(module + "\n")
    (info / "LICENSE").write_text("MIT License\n")
    record = [f"{module}/__init__.py,sha256=,{60}", f"{info.name}/METADATA,,", f"{info.name}/INSTALLER,,",
              f"{info.name}/WHEEL,,", f"{info.name}/top_level.txt,,", f"{info.name}/LICENSE,,", f"{info.name}/RECORD,,"]
    (info / "RECORD").write_text("\n".join(record) + "\n")


def site_packages(venv: Path) -> Path:
    found = sorted((venv / "lib").glob("python*/site-packages"))
    if len(found) != 1:
        raise SystemExit(f"{venv}: expected one lib/pythonX.Y/site-packages, found {found}")
    return found[0]


def clean_env() -> dict[str, str]:
    """The environment for Python children: no PIP_* (PIP_FIND_LINKS is set on this machine) and no PYTHON*."""
    return {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "PYTHON"))}


def make_template(python: str, path: Path) -> Path:
    """One real venv with pip (offline: ensurepip's bundled wheel); copied (hard links) for every fixture venv."""
    if not (path / "pyvenv.cfg").exists():
        subprocess.run([python, "-m", "venv", str(path)], check=True, env=clean_env())
        # Compile once so that every copy's pip starts as an installed pip does (with its .pyc files).
        subprocess.run([str(path / "bin" / "python"), "-m", "compileall", "-q", str(site_packages(path))], env=clean_env(), check=False)
    return path


def make_venv(template: Path, venv: Path, dists: list[tuple[str, str, list[str]]], seed: int) -> None:
    if venv.exists():
        shutil.rmtree(venv)
    # Hard links: cheap copies of pip; the distributions below are written fresh into each venv.
    subprocess.run(["cp", "-al", str(template), str(venv)], check=True)
    # A copied venv must not point its scripts at the template; pip freeze only needs bin/python (a symlink).
    rng = random.Random(seed)
    site = site_packages(venv)
    for name, version, requires in dists:
        write_dist(site, name, version, requires, rng)


def freeze_text(dists: list[tuple[str, str, list[str]]]) -> str:
    """What `pip freeze` prints for these distributions: `Name==version`, sorted case-insensitively."""
    return "".join(f"{n}=={v}\n" for n, v, _ in sorted(dists, key=lambda d: d[0].lower()))


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


WHEEL_TAGS = ("cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64", "cp311-cp311-macosx_11_0_arm64", "cp311-cp311-win_amd64",
              "cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64", "cp312-cp312-macosx_11_0_arm64", "cp312-cp312-win_amd64",
              "cp313-cp313-manylinux_2_17_x86_64.manylinux2014_x86_64", "py3-none-any")


def uv_project(name: str, dists: list[tuple[str, str, list[str]]], rng: random.Random) -> dict[str, bytes]:
    """A pyproject.toml depending on every distribution, and the uv.lock `uv lock` would write for it, in sync.

    Shaped like real locks (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile): one [[package]] a
    distribution with its dependency edges, an sdist and eight wheels with hashes, sizes and upload times, so that
    the reader pays for what a real 500-package lock holds (about 2 MB), not only for names and versions.
    """
    known = {normalize(n) for n, _, _ in dists}
    dependencies = "".join(f'    "{n}",\n' for n, _, _ in dists)
    pyproject = f'[project]\nname = "{name}"\nversion = "0.1.0"\nrequires-python = ">=3.8"\ndependencies = [\n{dependencies}]\n'
    lines = ["version = 1", "revision = 2", 'requires-python = ">=3.8"', "", "[[package]]", f'name = "{name}"',
             'version = "0.1.0"', 'source = { virtual = "." }', "dependencies = ["]
    lines += [f'    {{ name = "{normalize(n)}" }},' for n, _, _ in sorted(dists, key=lambda d: normalize(d[0]))]
    lines += ["]", "", "[package.metadata]", "requires-dist = ["]
    lines += [f'    {{ name = "{normalize(n)}" }},' for n, _, _ in sorted(dists, key=lambda d: normalize(d[0]))]
    lines += ["]", ""]
    for dist_name, version, requires in sorted(dists, key=lambda d: normalize(d[0])):
        n = normalize(dist_name)
        lines += ["[[package]]", f'name = "{n}"', f'version = "{version}"', 'source = { registry = "https://pypi.org/simple" }']
        edges = []
        for requirement in requires:
            dep = normalize(re.split(r"[<>=~!;\[ ]", requirement, maxsplit=1)[0])
            if dep in known and "extra ==" not in requirement:
                marker = requirement.split(";", 1)[1].strip().replace('"', "'") if ";" in requirement else ""
                edges.append(f'    {{ name = "{dep}", marker = "{marker}" }},' if marker else f'    {{ name = "{dep}" }},')
        if edges:
            lines += ["dependencies = ["] + edges + ["]"]
        base = f"https://files.pythonhosted.org/packages/{rng.randrange(16**2):02x}/{rng.randrange(16**2):02x}/{rng.randrange(16**60):060x}"
        stem = f"{base}/{wheel_name(dist_name)}-{version}"
        lines.append(f'sdist = {{ url = "{stem}.tar.gz", hash = "sha256:{rng.randrange(16**64):064x}", '
                     f'size = {rng.randrange(10**4, 10**7)}, upload-time = "2024-05-{rng.randrange(1, 28):02d}T12:00:00Z" }}')
        lines.append("wheels = [")
        for tag in WHEEL_TAGS:
            lines.append(f'    {{ url = "{stem}-{tag}.whl", hash = "sha256:{rng.randrange(16**64):064x}", '
                         f'size = {rng.randrange(10**4, 10**7)}, upload-time = "2024-05-{rng.randrange(1, 28):02d}T12:00:00Z" }},')
        lines += ["]", ""]
    return {"pyproject.toml": pyproject.encode(), "uv.lock": "\n".join(lines).encode()}


def pip_freeze(venv: Path) -> str:
    return subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "freeze"], check=True, env=clean_env(),
                          capture_output=True, text=True).stdout


def git(repo: Path, *args: str, input: bytes | None = None) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(GIT_AUTHOR_NAME="bench", GIT_AUTHOR_EMAIL="bench@example.org", GIT_COMMITTER_NAME="bench",
               GIT_COMMITTER_EMAIL="bench@example.org", GIT_AUTHOR_DATE="1700000000 +0000", GIT_COMMITTER_DATE="1700000000 +0000")
    return subprocess.run(["git", "-C", str(repo), *args], check=True, input=input, env=env,
                          stdout=subprocess.PIPE).stdout.decode()


def app_source(requirements: str | None) -> bytes:
    """A project's app.py as a service's entry point looks: standard-library imports, a first-party one, and three of
    the project's own distributions (first, middle and last of its requirement lines), so the import check (SPEC sec.
    11) reads the venv's module map on every staged edit, as it does in a real commit."""
    names = [line.split("==")[0] for line in (requirements or "").splitlines() if "==" in line]
    lines = ["import os", "import json", "from pathlib import Path", "import app_settings"]
    if names:
        first, middle, last = (wheel_name(names[i]).lower() for i in (0, len(names) // 2, -1))
        lines += [f"import {first}", f"from {middle} import __version__", f"import {last} as dependency"]
    return ("\n".join(lines) + "\nprint('hello')\n").encode()


def make_repo(repo: Path, filler_files: int, projects: dict[str, str | None], filler_prefix: str = "src",
              checkout_all: bool = False, extra_files: dict[str, bytes] | None = None) -> None:
    """A repository with one commit: `filler_files` source files plus each project's requirements.txt and app.py.

    `projects` maps a project directory to its requirements.txt text (None: no requirements.txt); `extra_files` adds files
    by path (a project's pyproject.toml and lock). Written with git fast-import. Only the projects
    are checked out unless `checkout_all` (a hook manager like prek stashes "unstaged" deletions of missing files).
    """
    if repo.exists():
        shutil.rmtree(repo)
    repo.mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    git(repo, "config", "user.name", "bench")
    git(repo, "config", "user.email", "bench@example.org")
    files: dict[str, bytes] = {".gitignore": b".venv/\n__pycache__/\n"}
    for i in range(filler_files):
        # ~50 files a directory, ~20 directories a package, as a large code base nests them.
        files[f"{filler_prefix}/mod{i // 1000:03d}/pkg{(i // 50) % 20:02d}/file{i:06d}.py"] = \
            f"# generated file {i}\n\ndef f{i}(x):\n    return x + {i}\n".encode()
    for project, requirements in projects.items():
        if requirements is not None:
            files[f"{project}/requirements.txt"] = requirements.encode()
        files[f"{project}/app.py"] = app_source(requirements)
        files[f"{project}/app_settings.py"] = b"DEBUG = False\n"
        files[f"{project}/README.md"] = f"# {project}\n".encode()
    files.update(extra_files or {})
    stream = bytearray()
    for mark, (path, data) in enumerate(files.items(), start=1):
        stream += b"blob\nmark :%d\ndata %d\n%s\n" % (mark, len(data), data)
    message = b"fixture\n"
    stream += b"commit refs/heads/main\ncommitter bench <bench@example.org> 1700000000 +0000\ndata %d\n%s" % (len(message), message)
    for mark, path in enumerate(files, start=1):
        stream += b"M 100644 :%d %s\n" % (mark, path.encode())
    stream += b"\n"
    subprocess.run(["git", "-C", str(repo), "fast-import", "--quiet"], input=bytes(stream), check=True)
    git(repo, "read-tree", "HEAD")
    # Check out only what the check needs on disk (the projects' directories, for their venvs) plus .gitignore.
    if checkout_all:
        git(repo, "checkout-index", "-f", "-a")
    else:
        paths = [".gitignore"] + [p for p in files if any(p.startswith(proj + "/") for proj in projects)]
        git(repo, "checkout-index", "-f", "--", *paths)
    git(repo, "update-index", "-q", "--ignore-missing", "--refresh")


def stage_edit(repo: Path, path: str, index_file: Path | None = None) -> None:
    """Appends a line to a tracked file and stages it (in `index_file` when given, as `git commit -a` would)."""
    target = repo / path
    with open(target, "a") as f:
        f.write("print('changed')\n")
    if index_file is not None:
        env = dict(os.environ, GIT_INDEX_FILE=str(index_file))
        subprocess.run(["git", "-C", str(repo), "add", "--", path], check=True, env=env)
    else:
        git(repo, "add", "--", path)


def build(work: Path, python: str, quick: bool) -> dict:
    work.mkdir(parents=True, exist_ok=True)
    template = make_template(python, work / "template-venv")
    small, large = (100, 300) if quick else (100, 2000)
    big_repo = 20_000 if quick else 200_000
    manifest: dict = {"quick": quick}

    # Venvs of ~100 and ~2,000 distributions, each in a one-project repository whose requirements.txt is in sync.
    for label, count in (("venv100", small), ("venv2000", large)):
        dists = distributions(count)
        repo = work / f"{label}-repo"
        make_repo(repo, 50, {"app": freeze_text(dists)})
        venv = repo / "app" / ".venv"
        make_venv(template, venv, dists, seed=count)
        frozen = pip_freeze(venv)
        if frozen != freeze_text(dists):
            missing = set(freeze_text(dists).splitlines()) ^ set(frozen.splitlines())
            raise SystemExit(f"pip freeze on {venv} does not list the written distributions exactly: {sorted(missing)[:10]}")
        stage_edit(repo, "app/app.py")
        manifest[label] = {"repo": str(repo), "venv": str(venv), "distributions": count, "pip_freeze_lines": len(frozen.splitlines())}

    # A uv project whose uv.lock pins 500 distributions, in sync with its 500-distribution venv (SPEC sec. 9).
    dists = distributions(500, seed=5)
    repo = work / "uvlock500-repo"
    files = uv_project("app", dists, random.Random(5))
    make_repo(repo, 50, {"app": None},
              extra_files={**{f"app/{path}": data for path, data in files.items()}, "app/app.py": app_source(freeze_text(dists))})
    venv = repo / "app" / ".venv"
    make_venv(template, venv, dists, seed=500)
    stage_edit(repo, "app/app.py")
    manifest["uvlock500"] = {"repo": str(repo), "venv": str(venv), "distributions": len(dists),
                             "lock_bytes": len(files["uv.lock"])}

    # Repositories of 2,000 and 200,000 tracked files, one project (100-distribution venv) with a staged edit.
    dists = distributions(small)
    for label, size in (("repo2k", 2_000), ("repo200k", big_repo)):
        repo = work / label
        make_repo(repo, size - 4, {"services/app": freeze_text(dists)})
        make_venv(template, repo / "services" / "app" / ".venv", dists, seed=7)
        stage_edit(repo, "services/app/app.py")
        manifest[label] = {"repo": str(repo), "tracked_files": int(git(repo, "ls-files", "-z").count("\0"))}

    # A monorepo of 20 projects, each with its own 100-distribution venv and ~100 files. Two index files: one stages an
    # edit in one project, the other an edit in each of the 20 (git commit -a works with such a temporary index too).
    repo = work / "monorepo"
    projects = {f"projects/p{i:02d}": distributions(small, seed=100 + i) for i in range(20)}
    make_repo(repo, 2_000, {p: freeze_text(d) for p, d in projects.items()}, filler_prefix="projects/shared")
    for i, (project, dists) in enumerate(projects.items()):
        make_venv(template, repo / project / ".venv", dists, seed=100 + i)
    git_dir = repo / ".git"
    one, twenty = git_dir / "index-one-project", git_dir / "index-twenty-projects"
    for index_file in (one, twenty):
        shutil.copyfile(git_dir / "index", index_file)
    stage_edit(repo, "projects/p00/app.py", one)
    subprocess.run(["git", "-C", str(repo), "checkout", "--", "projects/p00/app.py"], check=True)
    for project in projects:
        stage_edit(repo, f"{project}/app.py", twenty)
    manifest["monorepo"] = {"repo": str(repo), "index_one": str(one), "index_twenty": str(twenty),
                            "tracked_files": int(git(repo, "ls-files", "-z").count("\0"))}

    manifest.update(build_commit_sandboxes(work, template, small))
    (work / "manifest.json").write_text(json.dumps(manifest, indent=2))
    return manifest


def build_commit_sandboxes(work: Path, template: Path, distribution_count: int) -> dict:
    """The same small repository four times, fully checked out and clean, guarded by HookGuard, by prek (a hook that
    does nothing), by a hand-written `pip freeze | diff` hook, and by no hook at all (measure.py installs the hooks)."""
    dists = distributions(distribution_count)
    manifest = {}
    for kind in ("hookguard", "prek", "pipfreeze", "nohook"):
        repo = work / f"commit-{kind}"
        make_repo(repo, 200, {"services/app": freeze_text(dists)}, checkout_all=True)
        make_venv(template, repo / "services" / "app" / ".venv", dists, seed=7)
        if git(repo, "status", "--porcelain"):
            raise SystemExit(f"{repo}: the sandbox must start clean")
        manifest[f"commit-{kind}"] = {"repo": str(repo)}
    return manifest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("work", type=Path)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    manifest = build(args.work.resolve(), args.python, args.quick)
    print(json.dumps(manifest, indent=2))


if __name__ == "__main__":
    main()
