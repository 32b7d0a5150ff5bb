#!/usr/bin/env bash
# Smoke test of HookGuard as a dotnet tool (README.md, "Install as a dotnet tool") and of pre-commit's `language: dotnet` hook,
# offline:
#
#   1. `dotnet pack` (plain: the one framework-dependent package pre-commit also builds), then `dotnet tool install`
#      from that folder only, both `-g` (into a temporary HOME) and `--tool-path` (a directory with a space);
#   2. tests/aot-smoke.sh --checks-only against the --tool-path install: every command, a real guarded commit, a
#      linked worktree, malformed input; and the hook must record the tool's stable command path, not the .store;
#   3. the real pre-commit with `id: hookguard` (language: dotnet) from a snapshot of this checkout: pre-commit packs and
#      installs HookGuard itself, then a real `git commit` is blocked on drift and passes in sync.
#
# Why not the NativeAOT tool package (`dotnet pack -p:NativeToolPackages=true`) here: NativeAOT compilation takes
# minutes on a CI machine, and the NativeAOT executable is already built with the same settings and smoke-tested by
# tests/aot-smoke.sh (through install.sh). What this script adds is the tool packaging and install path, which is
# the same for both kinds; the framework-dependent package is also the `any` fallback and what pre-commit installs.
# HOOKGUARD_TOOL_SMOKE_NATIVE=1 packs and installs the RID-specific NativeAOT set instead, for a release check.
set -euo pipefail

repo=$(cd -- "$(dirname -- "$0")/.." && pwd -P)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/hookguard-tool-smoke.XXXXXX")
trap 'rm -rf -- "$tmp"' EXIT
started=$SECONDS

say() { printf '\n==> %s\n' "$*"; }
fail() { printf 'tool-smoke: FAIL: %s\n' "$*" >&2; exit 1; }

while IFS='=' read -r name _; do
    case "$name" in PIP_*|PYTHON*|GIT_*|HOOKGUARD_TEST_*|VIRTUAL_ENV|PRE_COMMIT*) unset "$name" ;; esac
done < <(env)
unset HOOKGUARD_DEBUG HOOKGUARD_SKIP HOOKGUARD_EXECUTABLE

# Packages come from the machine's NuGet cache (restore) and the pack folder (install) only: HOME changes below, so
# name the cache explicitly, and install with a NuGet.config that clears every source.
export NUGET_PACKAGES="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The tool's apphost shim finds the runtime through DOTNET_ROOT wherever the SDK lives.
export DOTNET_ROOT="${DOTNET_ROOT:-$(dirname -- "$(readlink -f -- "$(command -v dotnet)")")}"
no_sources="$tmp/nuget.config"
printf '<?xml version="1.0" encoding="utf-8"?>\n<configuration><packageSources><clear /></packageSources></configuration>\n' >"$no_sources"

# ---------------------------------------------------------------------------------------------------------------
say "dotnet pack"
t0=$SECONDS
pack_args=()
[ "${HOOKGUARD_TOOL_SMOKE_NATIVE:-}" != 1 ] || pack_args=(-p:NativeToolPackages=true)
(cd "$repo" && nice -n 10 dotnet pack src/HookGuard -c Release -o "$tmp/packages" --nologo -v quiet "${pack_args[@]}")
ls -1 "$tmp/packages"
echo "(dotnet pack took $((SECONDS - t0)) s)"
version=$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo/Directory.Build.props")
[ -f "$tmp/packages/HookGuard.$version.nupkg" ] || fail "dotnet pack made no HookGuard.$version.nupkg"
if [ "${HOOKGUARD_TOOL_SMOKE_NATIVE:-}" != 1 ]; then
    [ "$(ls "$tmp/packages" | wc -l)" = 1 ] || fail "plain dotnet pack must make exactly one package (pre-commit installs every one it finds)"
fi

# ---------------------------------------------------------------------------------------------------------------
say "dotnet tool install -g (HOME=$tmp/home), offline from the pack folder"
export HOME="$tmp/home"
mkdir -p -- "$HOME"
(cd "$tmp" && dotnet tool install -g HookGuard --configfile "$no_sources" --add-source "$tmp/packages")
[ -x "$HOME/.dotnet/tools/hookguard" ] || fail "no ~/.dotnet/tools/hookguard after dotnet tool install -g"
"$HOME/.dotnet/tools/hookguard" --version | grep -qx "$version" || fail "the global tool does not say version $version"

say "dotnet tool install --tool-path"
tools="$tmp/tool path ü"
(cd "$tmp" && dotnet tool install --tool-path "$tools" HookGuard --configfile "$no_sources" --add-source "$tmp/packages")
hookguard="$tools/hookguard"
[ -x "$hookguard" ] || fail "no $hookguard after dotnet tool install --tool-path"

# The hook must call the tool's command, which `dotnet tool update` keeps, not the versioned file under .store.
say "hookguard install records the stable command path"
git init -q "$tmp/record"
(cd "$tmp/record" && "$hookguard" install >/dev/null)
grep -qxF "hookguard_recorded='$hookguard'" "$tmp/record/.git/hooks/pre-commit" \
    || fail "the hook does not record '$hookguard': $(grep '^hookguard_recorded=' "$tmp/record/.git/hooks/pre-commit")"

# ---------------------------------------------------------------------------------------------------------------
say "tests/aot-smoke.sh --checks-only against the installed tool"
"$repo/tests/aot-smoke.sh" --checks-only "$hookguard"

# ---------------------------------------------------------------------------------------------------------------
say "pre-commit: id: hookguard (language: dotnet) builds HookGuard itself; a real commit is blocked on drift, passes in sync"
t0=$SECONDS
command -v pre-commit >/dev/null || fail "pre-commit is not installed (.ci/run installs the Debian package pre-commit)"
export PRE_COMMIT_HOME="$tmp/pre-commit-home" GIT_CONFIG_NOSYSTEM=1
printf '[user]\n\tname = Smoke\n\temail = smoke@hookguard.invalid\n[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n' >"$HOME/.gitconfig"
source_copy="$tmp/hookguard-source"
mkdir -p -- "$source_copy"
(cd "$repo" && git ls-files -z --cached --others --exclude-standard) | (cd "$repo" && xargs -0 cp --parents -t "$source_copy" 2>/dev/null || true)
(cd "$source_copy" && git init -q . && git add -A && git commit -qm snapshot)
revision=$(git -C "$source_copy" rev-parse HEAD)

project="$tmp/project"
mkdir -p -- "$project" && cd -- "$project"
git init -q .
python3 -m venv --without-pip .venv
site=$(.venv/bin/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
dist_info() { mkdir -p -- "$site/$1-$2.dist-info"; printf 'Metadata-Version: 2.1\nName: %s\nVersion: %s\n' "$1" "$2" >"$site/$1-$2.dist-info/METADATA"; }
dist_info idna 3.6
printf '.venv/\n' >.gitignore
echo 'idna==3.6' >requirements.txt
printf 'repos:\n- repo: %s\n  rev: %s\n  hooks:\n  - id: hookguard\n' "$source_copy" "$revision" >.pre-commit-config.yaml
git add -A && git commit -qm init
pre-commit install
# The PATH has no hookguard: whatever runs is the one pre-commit built.
! command -v hookguard >/dev/null 2>&1 || fail "a hookguard is on PATH; this check must run the one pre-commit builds"
dist_info boto 1.0
echo 'print(1)' >app.py
git add app.py
if git commit -qm drift >"$tmp/commit.out" 2>&1; then cat "$tmp/commit.out"; fail "pre-commit's hookguard hook did not block a commit with drift"; fi
cat "$tmp/commit.out"
grep -q "boto" "$tmp/commit.out" || fail "the blocked commit does not name boto"
[ "$(git rev-list --count HEAD)" = 1 ] || fail "HEAD moved although the commit was blocked"
printf 'boto==1.0\nidna==3.6\n' >requirements.txt
git add requirements.txt
git commit -qm "in sync" >"$tmp/commit.out" 2>&1 || { cat "$tmp/commit.out"; fail "pre-commit's hookguard hook blocked a commit in sync"; }
grep -q "hookguard.*Passed" "$tmp/commit.out" || { cat "$tmp/commit.out"; fail "pre-commit did not report the hookguard hook as passed"; }
[ "$(git rev-list --count HEAD)" = 2 ] || fail "the commit in sync was not made"
echo "(pre-commit language: dotnet took $((SECONDS - t0)) s, its build included)"
cd -- "$repo"

echo "tool-smoke: OK in $((SECONDS - started)) s"
