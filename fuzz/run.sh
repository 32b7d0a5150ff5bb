#!/usr/bin/env bash
# Coverage-guided fuzzing of one HookGuard parser with afl-fuzz (afl++) and SharpFuzz.
#
#   fuzz/run.sh TARGET SECONDS     fuzz TARGET for SECONDS, then print executions, paths and crashes
#   fuzz/run.sh list               the targets
#
# It publishes fuzz/HookGuard.Fuzz into fuzz/out/bin (and an uninstrumented copy in fuzz/out/plain), instruments the published copies of HookGuard.Core.dll,
# hookguard.dll and Tomlyn.dll there (never the build under src/), writes the target's seed corpus from the fuzzing
# specs' documents and from a repository it makes with git, runs afl-fuzz under nice, and replays every crash it
# saved so the exception is printed. Needs afl-fuzz (Debian: apt-get install afl++) and the SharpFuzz tool
# (dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0). Findings stay in fuzz/out/findings/TARGET.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
out=${HOOKGUARD_FUZZ_OUT:-$root/fuzz/out}
bin=$out/bin      # instrumented: only afl-fuzz runs it (instrumented code writes to afl's shared memory)
plain=$out/plain  # the same build uninstrumented: seeds, the target list, replaying crashes
export PATH="$PATH:$HOME/.dotnet/tools"

publish() {
    local stamp=$bin/.instrumented
    if [ -f "$stamp" ] && [ -z "$(find "$root/src" "$root/fuzz/HookGuard.Fuzz" "$root/tests/HookGuard.Tests/Fuzzing" -name '*.cs' -newer "$stamp" -print -quit)" ]; then
        return
    fi
    command -v sharpfuzz >/dev/null || { echo "fuzz/run.sh: sharpfuzz not found: dotnet tool install --global SharpFuzz.CommandLine --version 2.3.0" >&2; exit 2; }
    rm -rf "$bin" "$plain"
    # Its own configuration (optimized like Release), so its obj/ and bin/ never collide with a Release build running
    # beside it.
    nice dotnet publish "$root/fuzz/HookGuard.Fuzz" -c Fuzz -p:Optimize=true -o "$bin" --nologo -v quiet >&2
    cp -a "$bin" "$plain"
    for assembly in HookGuard.Core.dll hookguard.dll Tomlyn.dll; do
        nice sharpfuzz "$bin/$assembly" >&2
    done
    touch "$stamp"
}

# A small real repository, written by git: index v2 and v4, tree objects, and one pack with deltas.
make_repository() {
    local repo=$out/repo
    [ -d "$repo/.git/objects/pack" ] && ls "$repo"/.git/objects/pack/*.idx >/dev/null 2>&1 && return
    rm -rf "$repo"
    mkdir -p "$repo"
    (
        cd "$repo"
        export GIT_CONFIG_NOSYSTEM=1 HOME=$out GIT_AUTHOR_NAME=fuzz GIT_AUTHOR_EMAIL=fuzz@invalid GIT_COMMITTER_NAME=fuzz GIT_COMMITTER_EMAIL=fuzz@invalid
        git init --quiet
        mkdir -p services/api docs
        for i in 1 2 3 4 5 6; do
            printf 'alpha==%s.0\nbeta>=1.%s ; python_version >= "3.8"\n-r ../../base.txt\n' "$i" "$i" > services/api/requirements.txt
            printf 'gamma==0.%s\n' "$i" > base.txt
            printf 'notes %s\n' "$i" >> docs/notes.md
            git add -A && git commit --quiet -m "commit $i"
        done
        git repack -adf --depth=50 --quiet
        cp .git/index .git/index-v2
        git update-index --index-version 4 && cp .git/index .git/index-v4
        git update-index --index-version 2
        n=0
        for tree in $(git rev-list --all | head -3 | sed 's/$/^{tree}/') HEAD:services; do
            git cat-file tree "$tree" > ".git/tree-$n"; n=$((n + 1))
        done
    )
}

if [ "${1:-}" = list ]; then
    publish
    dotnet "$plain/HookGuard.Fuzz.dll" list
    exit 0
fi

if [ $# -ne 2 ]; then
    echo "usage: fuzz/run.sh TARGET SECONDS | fuzz/run.sh list" >&2
    exit 2
fi
target=$1
seconds=$2
command -v afl-fuzz >/dev/null || { echo "fuzz/run.sh: afl-fuzz not found: apt-get install afl++" >&2; exit 2; }

publish
make_repository
export HOOKGUARD_FUZZ_GIT=$out/repo/.git
seeds=$out/seeds/$target
findings=$out/findings/$target
rm -rf "$seeds" "$findings"
mkdir -p "$out/findings"
dotnet "$plain/HookGuard.Fuzz.dll" seeds "$target" "$seeds"

# dotnet itself carries no afl instrumentation (SharpFuzz instruments the assemblies), so afl's binary check is off.
export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
nice -n 19 afl-fuzz -V "$seconds" -i "$seeds" -o "$findings" -t 10000 -m none -- "$(command -v dotnet)" "$bin/HookGuard.Fuzz.dll" "$target" > "$out/afl-$target.log" 2>&1 || {
    echo "fuzz/run.sh: afl-fuzz failed; its output:" >&2
    tail -40 "$out/afl-$target.log" >&2
    exit 2
}

stats=$findings/default/fuzzer_stats
field() { sed -n "s/^$1 *: *//p" "$stats"; }
echo "target=$target seconds=$(field run_time) executions=$(field execs_done) execs_per_sec=$(field execs_per_sec) paths=$(field corpus_count) seeds=$(ls "$seeds" | wc -l) crashes=$(field saved_crashes) hangs=$(field saved_hangs)"
crashes=$(find "$findings/default/crashes" -name 'id:*' 2>/dev/null | sort)
if [ -n "$crashes" ]; then
    echo "crashes, replayed:"
    # shellcheck disable=SC2086
    dotnet "$plain/HookGuard.Fuzz.dll" "$target" --replay $crashes || true
fi
