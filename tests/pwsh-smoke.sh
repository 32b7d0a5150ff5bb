#!/usr/bin/env bash
# install.ps1 under PowerShell 7 on this (non-Windows) machine: install into a temporary prefix (a space in its path),
# install again (nothing changes), then guard a real repository with the hookguard it installed and make real
# commits through the hook: one in sync (passes), one with drift (blocked, HEAD unchanged).
#
#   tests/pwsh-smoke.sh              needs pwsh on PATH (.ci/run installs the PowerShell dotnet tool)
#   PWSH_SMOKE_AOT=1 tests/pwsh-smoke.sh   let install.ps1 build NativeAOT (minutes) instead of -NoAot (seconds)
set -euo pipefail

repo=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
fail() { printf 'pwsh-smoke: FAIL: %s\n' "$*" >&2; exit 1; }
say() { printf '\n==> %s\n' "$*"; }
command -v pwsh >/dev/null || fail "needs pwsh (PowerShell 7) on PATH: .ci/run installs it with 'dotnet tool install PowerShell'"

# The calling machine's git, pip and HookGuard settings must not leak into the repository made here.
while IFS='=' read -r name _; do
    case "$name" in PIP_*|PYTHON*|GIT_*|HOOKGUARD_*|VIRTUAL_ENV) unset "$name" ;; esac
done < <(env)
export GIT_AUTHOR_NAME=CI GIT_AUTHOR_EMAIL=ci@example.invalid GIT_COMMITTER_NAME=CI GIT_COMMITTER_EMAIL=ci@example.invalid
export NO_COLOR=1 GIT_CONFIG_GLOBAL=/dev/null

tmp=$(mktemp -d "${TMPDIR:-/tmp}/hookguard-pwsh-smoke.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
started=$SECONDS
prefix="$tmp/prefix with space"
aot_switch=(-NoAot)
if [ "${PWSH_SMOKE_AOT:-}" = 1 ]; then aot_switch=(); fi

say "pwsh $(pwsh -NoProfile -NonInteractive -Command '$PSVersionTable.PSVersion.ToString()'): install.ps1 -Prefix '$prefix' ${aot_switch[*]}"
t0=$SECONDS
pwsh -NoProfile -NonInteractive -File "$repo/install.ps1" -Prefix "$prefix" "${aot_switch[@]}" | tee "$tmp/install.log"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "install.ps1 failed"
echo "(install.ps1 took $((SECONDS - t0)) s)"
hookguard="$prefix/bin/hookguard"
[ -x "$hookguard" ] || fail "install.ps1 did not install an executable $hookguard"
grep -q "Installed hookguard .* to $hookguard" "$tmp/install.log" || fail "install.ps1 did not say where it installed"
grep -q "$prefix/bin is NOT on your PATH" "$tmp/install.log" || fail "install.ps1 gave no PATH guidance"
head -1 "$hookguard" | grep -qx '#!/bin/sh' || fail "the launcher is not a sh script"
"$hookguard" --version | grep -Eq '^[0-9]+\.[0-9]+' || fail "the installed hookguard does not run"

say "install.ps1 again: nothing changes"
before=$(cd "$prefix" && find . -type f -exec sha256sum {} + | sort)
pwsh -NoProfile -NonInteractive -File "$repo/install.ps1" -Prefix "$prefix" "${aot_switch[@]}" | tee "$tmp/install2.log"
grep -q "is already installed at $hookguard; nothing changed" "$tmp/install2.log" || fail "the second run did not say nothing changed"
after=$(cd "$prefix" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || fail "the second run changed installed files"

say "install.ps1 with a bad argument: exits non-zero"
if pwsh -NoProfile -NonInteractive -File "$repo/install.ps1" -NoSuchOption >/dev/null 2>&1; then fail "a bad argument was accepted"; fi

say "a guarded repository: in sync passes, drift is blocked"
wheels="$tmp/wheels" && mkdir -p "$wheels"
python3 "$repo/tests/python_fixtures.py" wheel "$wheels" alpha 1.0 >/dev/null
python3 "$repo/tests/python_fixtures.py" wheel "$wheels" beta 2.0 >/dev/null
work="$tmp/repo" && mkdir -p "$work"
git -C "$work" init --quiet -b main
python3 -m venv --without-pip "$work/.venv"
pip_install() { python3 -m pip --python "$work/.venv/bin/python" install --isolated --no-index --find-links "$wheels" --quiet "$@"; }
pip_install alpha
printf '.venv/\n' > "$work/.gitignore"
printf 'alpha==1.0\n' > "$work/requirements.txt"
printf 'import alpha\n' > "$work/app.py"
# The hook is installed with the prefix off PATH: it must run the binary by the path install.ps1 gave it.
(cd "$work" && "$hookguard" install)
grep -qF "$hookguard" "$work/.git/hooks/pre-commit" || fail "the hook does not record $hookguard"
git -C "$work" add -A
git -C "$work" commit --quiet -m "in sync" || fail "a commit in sync was blocked"
head=$(git -C "$work" rev-parse HEAD)

pip_install beta
printf 'import beta\n' >> "$work/app.py"
if git -C "$work" commit -am "drift" > "$tmp/commit.log" 2>&1; then cat "$tmp/commit.log"; fail "a commit with drift passed"; fi
cat "$tmp/commit.log"
grep -q "undeclared: beta 2.0 is installed but not declared" "$tmp/commit.log" || fail "the blocked commit did not name beta"
[ "$(git -C "$work" rev-parse HEAD)" = "$head" ] || fail "HEAD moved on a blocked commit"

echo "pwsh-smoke: OK in $((SECONDS - started)) s"
