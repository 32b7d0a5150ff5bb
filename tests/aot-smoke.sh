#!/usr/bin/env bash
# Smoke test of the executable users actually get: the NativeAOT build that install.sh makes.
#
#   tests/aot-smoke.sh                    install into a temporary prefix, run the integration suite against it,
#                                         then the direct checks below
#   tests/aot-smoke.sh --checks-only BIN  only the direct checks, against an installed hookguard BIN
#
# Why a second run at all: `dotnet test` runs the JIT build, and some failures only exist under NativeAOT
# (reflection-based serialization trimmed away, LibGit2Sharp paths that behave differently, e.g.
# Repository.Discover returning ""). Most integration specs run hookguard in-process or only through `install`,
# so the direct checks here drive every command of the installed binary: check (text, json, github), fix,
# status, install/uninstall, a real `git commit` through the hook, a linked worktree, a .hookguard.toml with every
# key, and malformed input (exit 2, a message, never a stack trace). Read-only commands are also run with the JIT
# build from the test output, and the two outputs must be identical: any difference is an AOT-only behaviour.
#
# A machine without the NativeAOT toolchain (clang or gcc, zlib headers) gets the JIT fallback tested instead, with
# a loud warning; HOOKGUARD_REQUIRE_AOT=1 makes that a failure.
set -euo pipefail

repo=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hookguard-aot-smoke.XXXXXX")
# mktemp makes it 0700; the unreadable-file specs run the installed binary as 'nobody' (setpriv), who must be able to
# reach it, as anyone can reach an install in ~/.local/bin or /usr/local/bin.
chmod 755 "$tmp"
trap 'rm -rf -- "$tmp"' EXIT
started=$SECONDS

say() { printf '\n==> %s\n' "$*"; }
fail() { printf 'aot-smoke: FAIL: %s\n' "$*" >&2; exit 1; }
loud() {
    printf '\n%s\n' "################################################################################" >&2
    printf '### %s\n' "$@" >&2
    printf '%s\n\n' "################################################################################" >&2
    if [ -n "${GITHUB_ACTIONS:-}" ]; then printf '::warning title=aot-smoke::%s\n' "$*"; fi
}

# pip, Python and git settings of the calling machine must not leak into anything started here (this machine sets
# PIP_FIND_LINKS; a developer's GIT_DIR or VIRTUAL_ENV would redirect hookguard).
while IFS='=' read -r name _; do
    case "$name" in PIP_*|PYTHON*|GIT_*|HOOKGUARD_TEST_*|VIRTUAL_ENV) unset "$name" ;; esac
done < <(env)
unset HOOKGUARD_DEBUG HOOKGUARD_SKIP HOOKGUARD_EXECUTABLE

# The toolchain install.sh needs for NativeAOT (https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites).
aot_toolchain() {
    local cc
    for cc in clang gcc; do
        if command -v "$cc" >/dev/null 2>&1 && printf '#include <zlib.h>\n' | "$cc" -E -x c - >/dev/null 2>&1; then
            return 0
        fi
    done
    return 1
}

# ---------------------------------------------------------------------------------------------------------------
# 1. Install, and run the integration suite against the installed binary.
# ---------------------------------------------------------------------------------------------------------------
install_and_test() {
    local prefix="$tmp/prefix with space" log="$tmp/install.log" t0
    local expect_kind=aot
    if ! aot_toolchain; then
        expect_kind=framework-dependent
        [ "${HOOKGUARD_REQUIRE_AOT:-}" != 1 ] || fail "HOOKGUARD_REQUIRE_AOT=1 but this machine has no NativeAOT toolchain (clang or gcc with zlib headers)"
        loud "NO NATIVEAOT TOOLCHAIN (clang or gcc, and zlib headers) ON THIS MACHINE." \
             "THE NATIVEAOT BUILD IS NOT TESTED: testing the JIT fallback install instead." \
             "Install gcc (or clang) and zlib1g-dev / zlib-devel to test what users get."
    fi

    say "install.sh --prefix '$prefix'"
    t0=$SECONDS
    (cd "$repo" && ./install.sh --prefix "$prefix") 2>&1 | tee "$log"
    echo "(install.sh took $((SECONDS - t0)) s)"
    hookguard="$prefix/bin/hookguard"
    if [ "$expect_kind" = aot ]; then
        grep -q '^install.sh: building a NativeAOT executable' "$log" || fail "install.sh did not say it builds NativeAOT"
        grep -q '(aot build)' "$log" || fail "install.sh did not install a NativeAOT build although the toolchain is there"
    else
        grep -q '(framework-dependent build)' "$log" || fail "install.sh did not say it installed the framework-dependent build"
    fi
    [ -x "$hookguard" ] || fail "$hookguard is not there"
    "$hookguard" --version | grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+' || fail "'hookguard --version' did not print a version"

    say "integration suite against $hookguard"
    t0=$SECONDS
    # The fixture strips HOOKGUARD_* from the processes it starts, so the variable only chooses the binary.
    set +e
    (cd "$repo" && HOOKGUARD_TEST_EXECUTABLE="$hookguard" dotnet test tests/HookGuard.IntegrationTests -c Release \
        --logger "console;verbosity=normal") 2>&1 | tee "$tmp/test.log" | grep -Ev '^\s+Passed '
    local status=${PIPESTATUS[0]}
    set -e
    echo "(integration suite took $((SECONDS - t0)) s)"
    local passed failed skipped
    # awk, not grep: a count that does not appear (no "Skipped:" line) is 0, not a pipefail exit.
    count() { awk -v key="$1:" '{ for (i = 1; i < NF; i++) if ($i == key && $(i + 1) ~ /^[0-9]+$/) s += $(i + 1) } END { print s + 0 }' "$2"; }
    passed=$(count Passed "$tmp/test.log")
    failed=$(count Failed "$tmp/test.log")
    skipped=$(count Skipped "$tmp/test.log")
    echo "integration suite on the $expect_kind install: $passed passed, $failed failed, $skipped skipped"
    [ "$status" -eq 0 ] || suite_failed="$failed of $((passed + failed)) integration specs failed on the $expect_kind install"
    [ "$passed" -gt 0 ] || fail "no integration spec ran"
    [ "$skipped" -eq 0 ] || fail "skipped specs do not count: $skipped skipped"
    installed_kind=$expect_kind
}

# ---------------------------------------------------------------------------------------------------------------
# 2. Direct checks of the installed binary.
# ---------------------------------------------------------------------------------------------------------------
checks=0

# run NAME WANT_EXIT ARGS...: runs the installed hookguard in the current directory; the exit code must be WANT_EXIT
# and nothing may look like a stack trace. Leaves the output in $out and $err.
run() {
    local name=$1 want=$2 got
    shift 2
    out="$tmp/$name.out" err="$tmp/$name.err"
    set +e
    "$hookguard" "$@" >"$out" 2>"$err"
    got=$?
    set -e
    checks=$((checks + 1))
    if [ "$got" -ne "$want" ] || grep -Eq '^\s+at [A-Za-z_<]|Unhandled exception|[A-Za-z]Exception\b' "$out" "$err"; then
        printf -- '--- stdout of hookguard %s\n' "$*" >&2; cat "$out" >&2
        printf -- '--- stderr\n' >&2; cat "$err" >&2
        fail "$name: 'hookguard $*' exited $got (expected $want), or printed a stack trace"
    fi
}

# same NAME WANT_EXIT ARGS...: run, then the JIT build (if there is one) on the same input must exit the same and print
# the same, with the two executables' paths masked. For read-only commands only.
same() {
    local name=$1 want=$2 got
    run "$@"
    [ -n "$jit" ] || return 0
    shift 2
    set +e
    "$jit" "$@" >"$out.jit" 2>"$err.jit"
    got=$?
    set -e
    sed -i.unmasked "$(mask)" "$out" "$out.jit" "$err" "$err.jit" # -i with a suffix: GNU and BSD sed
    if [ "$got" -ne "$want" ] || ! diff -u "$out.jit" "$out" >"$tmp/$name.diff" || ! diff -u "$err.jit" "$err" >>"$tmp/$name.diff"; then
        cat "$tmp/$name.diff" >&2
        fail "$name: 'hookguard $*' behaves differently under NativeAOT (exit $want) than under the JIT (exit $got); diff above: - JIT, + AOT"
    fi
}
mask() {
    local real
    real=$(readlink -f -- "$hookguard")
    printf 's#%s#HOOKGUARD#g; s#%s#HOOKGUARD#g; s#%s#HOOKGUARD#g' "$(sed_escape "$real")" "$(sed_escape "$hookguard")" "$(sed_escape "$jit")"
}
sed_escape() { printf '%s' "$1" | sed 's/[#&\\.*^$[]/\\&/g'; }

contains() { grep -qF -- "$2" "$1" || { cat "$1" >&2; fail "expected '$2' in the output above"; }; }
said() { cat "$out" "$err" >"$tmp/said"; contains "$tmp/said" "$1"; } # in stdout or stderr

json() { # json FILE PYTHON-EXPRESSION-over-d: prints the value
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1], encoding="utf-8")); print(eval(sys.argv[2]))' "$1" "$2"
}

# A dist-info written by hand, the way any installer leaves it (METADATA is all the reader and pip need).
dist_info() { # dist_info NAME VERSION [Requires-Dist lines]
    local dir="$site/$1-$2.dist-info"
    mkdir -p -- "$dir"
    { printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "$1" "$2"; [ -z "${3:-}" ] || printf '%s\n' "$3"; } >"$dir/METADATA"
    echo pip >"$dir/INSTALLER"
    : >"$dir/RECORD"
}

direct_checks() {
    local t0=$SECONDS
    jit=""
    if [ "${installed_kind:-aot}" = aot ] && [ -x "$repo/tests/HookGuard.IntegrationTests/bin/Release/net10.0/hookguard" ]; then
        jit="$repo/tests/HookGuard.IntegrationTests/bin/Release/net10.0/hookguard"
        # The apphost finds the runtime through DOTNET_ROOT wherever the SDK lives.
        export DOTNET_ROOT="${DOTNET_ROOT:-$(dirname -- "$(readlink -f -- "$(command -v dotnet)")")}"
    fi
    # Our own HOME and git identity: nothing from the developer's config.
    export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 NO_COLOR=1
    mkdir -p -- "$HOME"
    printf '[user]\n\tname = Smoke\n\temail = smoke@hookguard.invalid\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n' >"$HOME/.gitconfig"

    say "--version, --help, every COMMAND --help"
    same version 0 --version
    same help 0 --help
    for command in install uninstall check fix status; do
        same "help-$command" 0 "$command" --help
        contains "$out" "hookguard $command"
    done
    same unknown-command 2 bogus
    same bad-format 2 check --format xml

    say "a repository (non-ASCII path with a space) and a real venv with hand-written dist-infos"
    local work="$tmp/repo ü space"
    mkdir -p -- "$work" && cd -- "$work"
    git init -q .
    python3 -m venv .venv
    site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
    dist_info requests 2.31.0 'Requires-Dist: idna (>=2.5)'
    dist_info idna 3.6
    # A PEP 610 direct-URL install: direct_url.json goes through System.Text.Json (source-generated).
    dist_info localpkg 1.0
    printf '{"url": "file:///tmp/wheels/localpkg-1.0-py3-none-any.whl", "archive_info": {"hashes": {"sha256": "%s"}}}\n' \
        "$(python3 -c 'import hashlib; print(hashlib.sha256(b"x").hexdigest())')" >"$site/localpkg-1.0.dist-info/direct_url.json"
    dist_info vcspkg 0.3
    printf '{"url": "https://example.invalid/vcspkg.git", "vcs_info": {"vcs": "git", "commit_id": "%s", "requested_revision": "main"}}\n' \
        0123456789abcdef0123456789abcdef01234567 >"$site/vcspkg-0.3.dist-info/direct_url.json"
    # The reference: what pip freeze says is in the venv is what a requirements file in sync declares.
    .venv/bin/python -m pip freeze --disable-pip-version-check >requirements.txt
    grep -q '^localpkg @ file:' requirements.txt && grep -q '^vcspkg @ git+https:' requirements.txt \
        || fail "pip freeze did not see the direct-URL installs: $(cat requirements.txt)"
    printf '.venv/\n' >.gitignore
    echo 'print("hi")' >app.py
    git add -A && git commit -qm init

    say "check: text, json, github; in sync, then drift"
    same check-in-sync 0 check --all
    said "in sync"
    same check-json-in-sync 0 check --all --format json
    [ "$(json "$out" 'd["inSync"]')" = True ] || fail "check --format json: inSync is not true: $(cat "$out")"
    dist_info boto 1.0
    same check-drift 1 check --all
    said "boto"
    same check-json-drift 1 check --all --format json
    [ "$(json "$out" '[(f["kind"], f["name"], f["installedVersion"], f["file"]) for p in d["projects"] for f in p["findings"]]')" \
        = "[('undeclared', 'boto', '1.0', 'requirements.txt')]" ] || fail "check --format json: wrong findings: $(cat "$out")"
    same check-github 1 check --all --format github
    grep -q '^::error file=requirements.txt' "$out" || { cat "$out"; fail "check --format github: no ::error annotation"; }
    same check-markdown 1 check --all --format markdown
    grep -q '^| requirements.txt | undeclared | boto | ' "$out" || { cat "$out"; fail "check --format markdown: no finding row"; }
    same status-drift 1 status

    say "the hook: install, a blocked commit, an autostaged commit, uninstall"
    run install 0 install
    local hooks
    hooks=$(git rev-parse --git-path hooks)
    said "$(cd "$hooks" && pwd -P)/pre-commit"
    [ -x "$hooks/pre-commit" ] || fail "no executable hook at $hooks/pre-commit"
    same status-installed 1 status
    said "Hook: installed"
    echo 'print("changed")' >>app.py
    git add app.py
    if git commit -qm "with drift" >"$tmp/commit.out" 2>&1; then cat "$tmp/commit.out"; fail "a commit with drift was not blocked"; fi
    contains "$tmp/commit.out" "boto"
    [ "$(git rev-list --count HEAD)" = 1 ] || fail "HEAD moved although the commit was blocked"
    run install-autostage 0 install --autostage
    git commit -qm "autostaged" >"$tmp/commit.out" 2>&1 || { cat "$tmp/commit.out"; fail "the autostage commit failed"; }
    git show HEAD:requirements.txt | grep -qx 'boto==1.0' || fail "the autostaged commit does not declare boto==1.0"
    [ -z "$(git status --porcelain -- requirements.txt)" ] || fail "requirements.txt is not clean after the autostaged commit"

    say "fix: rewrites the work tree, stages nothing"
    dist_info fresh 2.0
    run fix 0 fix
    grep -qx 'fresh==2.0' requirements.txt || fail "fix did not add fresh==2.0"
    git diff --cached --quiet || fail "fix staged something"
    git add requirements.txt # check reads the requirement files as staged
    same check-after-fix 0 check --all
    git commit -qm "fresh" --no-verify

    say "hooked autostage commits from git's temporary indexes: commit -a, a partial commit"
    dist_info everything 1.1
    echo '# -a' >>app.py
    git commit -qam "commit -a" >"$tmp/commit.out" 2>&1 || { cat "$tmp/commit.out"; fail "the autostaged commit -a failed"; }
    git show HEAD:requirements.txt | grep -qx 'everything==1.1' || fail "commit -a: the commit does not declare everything==1.1"
    [ -z "$(git status --porcelain -- requirements.txt app.py)" ] || fail "commit -a: $(git status --short) is not clean"
    dist_info partial 0.2
    echo '# partial' >>app.py
    echo 'not in this commit' >notes.txt
    git add notes.txt
    git commit -qm "partial" -- app.py >"$tmp/commit.out" 2>&1 || { cat "$tmp/commit.out"; fail "the autostaged partial commit failed"; }
    git show HEAD:requirements.txt | grep -qx 'partial==0.2' || fail "partial commit: the commit does not declare partial==0.2"
    ! git cat-file -e HEAD:notes.txt 2>/dev/null || fail "partial commit: notes.txt was swept into the commit"
    [ "$(git status --porcelain -- requirements.txt app.py notes.txt)" = "A  notes.txt" ] \
        || fail "partial commit: git status is '$(git status --porcelain)', expected only notes.txt staged"
    git rm -q --cached notes.txt && rm notes.txt

    say "the first commit of a repository (HEAD unborn: compared with the empty tree)"
    local first="$tmp/first commit"
    mkdir -p -- "$first" && cd -- "$first"
    git init -q .
    ln -s -- "$work/.venv" .venv
    printf '.venv\n' >.gitignore
    echo 'requests==2.31.0' >requirements.txt
    run install-first 0 install
    git add -A
    if git commit -qm first >"$tmp/commit.out" 2>&1; then cat "$tmp/commit.out"; fail "a first commit with drift was not blocked"; fi
    contains "$tmp/commit.out" "idna"
    HOOKGUARD_SKIP=1 git commit -qm first >"$tmp/commit.out" 2>&1 || { cat "$tmp/commit.out"; fail "HOOKGUARD_SKIP=1 did not let the commit pass"; }
    contains "$tmp/commit.out" "HOOKGUARD_SKIP=1"
    cd -- "$work"

    say "status, check and a hooked commit in a linked worktree"
    local linked="$tmp/linked wt ü"
    git worktree add -q "$linked" -b side
    ln -s -- "$work/.venv" "$linked/.venv"
    cd -- "$linked"
    same status-linked 0 status
    said "Repository: $linked"
    said "Hook: installed at $(cd "$(git rev-parse --git-path hooks)" && pwd -P)/pre-commit"
    said "in sync"
    same check-linked 0 check --all
    run install-linked 0 install --autostage
    said "already installed"
    dist_info linkedonly 0.1
    echo '# linked' >>app.py
    git add app.py
    git commit -qm "linked autostage" >"$tmp/commit.out" 2>&1 || { cat "$tmp/commit.out"; fail "the autostage commit in the linked worktree failed"; }
    git show HEAD:requirements.txt | grep -qx 'linkedonly==0.1' || fail "the linked worktree's commit does not declare linkedonly==0.1"
    rm -rf -- "$site/linkedonly-0.1.dist-info"
    cd -- "$work"

    say ".hookguard.toml with every key (Tomlyn under NativeAOT)"
    # installed-source = "pip": the configured venv's python is a wrapper that notes it was asked, then runs the real
    # venv's pip; its pip inspect JSON goes through System.Text.Json. The venv directory itself holds no metadata,
    # so "in sync" is only possible if pip was asked.
    mkdir -p pipvenv/bin other
    cp .venv/pyvenv.cfg pipvenv/
    printf '#!/bin/sh\n: >"%s/pip-was-asked"\nexec "%s/.venv/bin/python" "$@"\n' "$tmp" "$work" >pipvenv/bin/python
    chmod +x pipvenv/bin/python
    echo 'idna==3.6' >other/requirements-prod.txt
    cat >.hookguard.toml <<'EOF'
# Every key HookGuard reads (README, Configuration).
policy = "freeze"
autostage = false
requirements = ["requirements.txt", "requirements-*.txt"]
ignore = ["pip", "setuptools", "wheel", "boto"]
on-missing-venv = "block"
installed-source = "pip"

[[project]]
path = "."
venv = "pipvenv"
requirements = ["requirements.txt"]
policy = "top-level"
EOF
    grep -v '^boto==' requirements.txt >"$tmp/req" && cat "$tmp/req" >requirements.txt # ignored: boto may stay undeclared
    git add .hookguard.toml requirements.txt
    same config-every-key 0 check --all --format json
    [ -f "$tmp/pip-was-asked" ] || fail "installed-source = \"pip\" did not ask the venv's pip"
    [ "$(json "$out" '[(p["path"], p["policy"], p["inSync"], p["venv"].endswith("/pipvenv")) for p in d["projects"]]')" \
        = "[('.', 'top-level', True, True)]" ] || fail "the config was not applied: $(cat "$out")"
    git add other
    same config-missing-venv-blocks 2 check --all
    contains "$err" 'on-missing-venv = "block"'
    git rm -q --cached -r other && rm -rf other

    say "malformed input: exit 2, file and line, no stack trace"
    cp .hookguard.toml "$tmp/good.toml"
    printf 'policy = 3\n' >.hookguard.toml
    same config-wrong-type 2 check --all
    contains "$err" ".hookguard.toml:1"
    printf 'policy = "freeze"\n[[project]]\npath = "."\nvenv = \n' >.hookguard.toml
    same config-not-toml 2 check --all
    contains "$err" ".hookguard.toml:4"
    printf 'policy = "freeze"\npolcy = "freeze"\n' >.hookguard.toml
    same config-unknown-key 2 check --all
    contains "$err" "polcy"
    cp "$tmp/good.toml" .hookguard.toml
    printf 'requests>=2.0,<<3\n' >>requirements.txt
    git add requirements.txt
    local line
    line=$(wc -l <requirements.txt)
    same bad-requirement 2 check
    contains "$err" "requirements.txt:$line"
    same bad-requirement-json 2 check --all --format json
    run bad-requirement-fix 2 fix
    git checkout -q HEAD -- requirements.txt
    dist_info broken 1.0 && printf 'Metadata-Version: 2.1\nName: broken\n' >"$site/broken-1.0.dist-info/METADATA"
    rm .hookguard.toml # back to reading metadata
    same bad-metadata 2 check --all
    contains "$err" "broken-1.0.dist-info"
    rm -rf -- "$site/broken-1.0.dist-info"

    say "uninstall"
    run uninstall 0 uninstall
    [ ! -e "$hooks/pre-commit" ] || fail "uninstall left $hooks/pre-commit"

    cd -- "$repo"
    echo "(direct checks took $((SECONDS - t0)) s)"
}

suite_failed=""
case "${1:-}" in
    --checks-only)
        [ "$#" -eq 2 ] || { echo "usage: tests/aot-smoke.sh [--checks-only /abs/path/to/hookguard]" >&2; exit 2; }
        hookguard=$2
        ;;
    "")
        install_and_test
        ;;
    *)
        echo "usage: tests/aot-smoke.sh [--checks-only /abs/path/to/hookguard]" >&2
        exit 2
        ;;
esac
direct_checks
echo "aot-smoke: $checks direct checks passed${jit:+ (read-only ones identical to the JIT build)}"
if [ "${installed_kind:-}" = framework-dependent ]; then
    loud "aot-smoke tested the JIT FALLBACK only: this machine cannot build NativeAOT."
fi
[ -z "$suite_failed" ] || fail "$suite_failed"
echo "aot-smoke: OK in $((SECONDS - started)) s${installed_kind:+ ($installed_kind install)}"
