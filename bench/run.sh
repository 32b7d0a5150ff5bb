#!/usr/bin/env bash
# HookGuard's speed figures (Issue 5, SPEC sec. 8): builds hookguard, builds the fixtures, times each figure side by side
# with its reference and prints the table of bench/README.md.
#
#   bench/run.sh            full fixtures (venvs of 100 and 2,000 distributions, repos of 2,000 and 200,000 files),
#                           30 interleaved runs a figure; exits 1 when a target is missed
#   bench/run.sh --quick    small fixtures, 3 runs: a CI smoke test that fails only when a command errors
#   bench/run.sh --only T   time only the figures whose name contains T (e.g. --only monorepo)
#
# Options: --work DIR (default bench/out/full or bench/out/quick), --runs N, --rebuild-fixtures, --jit (skip NativeAOT).
# Needs: the .NET SDK, git, python3 (with venv and ensurepip), npm (for prek); a C toolchain (clang or gcc) for the
# NativeAOT build, else the JIT apphost is measured and the table says so.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
invocation="bench/run.sh${1+ }$*"
quick=0
runs=0
rebuild=0
force_jit=0
work=""
only=""
while [ $# -gt 0 ]; do
    case "$1" in
        --quick) quick=1 ;;
        --runs) runs=$2; shift ;;
        --work) work=$2; shift ;;
        --rebuild-fixtures) rebuild=1 ;;
        --jit) force_jit=1 ;;
        --only) only=$2; shift ;;
        -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
    shift
done
[ -n "$work" ] || work="$here/out/$([ $quick = 1 ] && echo quick || echo full)"
mkdir -p "$work"
work=$(cd "$work" && pwd)

# Python children must not see this machine's PIP_FIND_LINKS & co., nor PYTHON* settings.
for name in $(env | sed -n 's/^\(PIP_[A-Za-z0-9_]*\|PYTHON[A-Za-z0-9_]*\)=.*/\1/p'); do unset "$name"; done

say() { printf 'run.sh: %s\n' "$*" >&2; }

# 1. hookguard: NativeAOT when the machine has a C toolchain (what install.sh ships), else the JIT apphost.
build_dir="$here/out/build"
mode=""
if [ $force_jit = 0 ] && { command -v clang >/dev/null || command -v gcc >/dev/null; }; then
    say "building hookguard with NativeAOT (linux-x64)..."
    if dotnet publish "$root/src/HookGuard" -c Release -r linux-x64 -p:PublishAot=true -o "$build_dir/aot" \
            >"$work/publish.log" 2>&1; then
        mode="NativeAOT"
        hookguard="$build_dir/aot/hookguard"
    else
        say "NativeAOT publish failed (see $work/publish.log); falling back to the JIT apphost"
    fi
fi
if [ -z "$mode" ]; then
    say "building hookguard (JIT apphost)..."
    dotnet publish "$root/src/HookGuard" -c Release -o "$build_dir/jit" >"$work/publish.log" 2>&1 \
        || { tail -30 "$work/publish.log" >&2; exit 1; }
    mode="JIT (apphost, no NativeAOT)"
    hookguard="$build_dir/jit/hookguard"
fi
"$hookguard" --version >/dev/null

# 2. prek, the reference hook manager, into a bench-local npm prefix (works offline once installed).
prek="$here/out/npm/node_modules/.bin/prek"
if [ ! -x "$prek" ]; then
    say "installing prek (npm @j178/prek) into $here/out/npm..."
    npm install --silent --prefix "$here/out/npm" @j178/prek >/dev/null
fi
"$prek" --version >/dev/null

# 3. Fixtures (kept between runs; --rebuild-fixtures starts over).
if [ $rebuild = 1 ] || [ ! -f "$work/manifest.json" ]; then
    rm -rf "$work/fixtures"
    say "building fixtures in $work/fixtures (the full set takes a few minutes)..."
    python3 "$here/fixtures.py" "$work/fixtures" $([ $quick = 1 ] && echo --quick) >/dev/null
    cp "$work/fixtures/manifest.json" "$work/manifest.json"
fi

# 4. The table.
{
    echo "hookguard: $mode, $("$hookguard" --version); $(git --version); $(python3 --version); prek $("$prek" --version | awk '{print $2}')"
    echo "machine: $(nproc) cores, $(uname -sr); $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo "command: $invocation"
    echo
} | tee "$work/table.md"
measure_args=("$work/fixtures" --hookguard "$hookguard" --prek "$prek" --json "$work/table.json")
[ $quick = 1 ] && measure_args+=(--quick)
[ "$runs" != 0 ] && measure_args+=(--runs "$runs")
[ -n "$only" ] && measure_args+=(--only "$only")
status=0
python3 "$here/measure.py" "${measure_args[@]}" | tee -a "$work/table.md" || status=$?
exit $status
