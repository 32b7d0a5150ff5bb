#!/bin/sh
# Builds HookGuard from this source tree with the .NET SDK and installs PREFIX/bin/hookguard (SPEC sec. 1).
#
#   ./install.sh [--prefix DIR] [--no-aot]      default DIR: ~/.local
#
# A NativeAOT executable when the native toolchain is there (clang or gcc, and zlib headers); otherwise a
# framework-dependent build started by a small launcher script (needs the .NET runtime at run time).
# Idempotent: running it again leaves the same files. Offline once the NuGet packages are in the local cache.
set -eu

usage() {
    echo "usage: ./install.sh [--prefix DIR] [--no-aot]"
    echo "  installs DIR/bin/hookguard (default DIR: ~/.local); --no-aot builds the framework-dependent variant"
}

prefix="${HOME}/.local"
want_aot=yes
while [ "$#" -gt 0 ]; do
    case "$1" in
        --prefix)
            [ "$#" -ge 2 ] || { usage >&2; exit 2; }
            prefix="$2"
            shift 2
            ;;
        --prefix=*)
            prefix="${1#--prefix=}"
            shift
            ;;
        --no-aot)
            want_aot=no
            shift
            ;;
        -h|--help)
            usage
            exit 0
            ;;
        *)
            echo "install.sh: unknown argument: $1" >&2
            usage >&2
            exit 2
            ;;
    esac
done

source_dir=$(cd -- "$(dirname -- "$0")" && pwd -P)
project="${source_dir}/src/HookGuard/HookGuard.csproj"
[ -f "$project" ] || { echo "install.sh: cannot find ${project}; run me from a HookGuard checkout." >&2; exit 2; }

command -v dotnet >/dev/null 2>&1 || {
    echo "install.sh: the .NET SDK (dotnet) is not on PATH. Install the SDK named in global.json: https://dot.net" >&2
    exit 2
}

mkdir -p -- "$prefix"
prefix=$(cd -- "$prefix" && pwd -P)
bin_dir="${prefix}/bin"
lib_dir="${prefix}/lib/hookguard"

# The runtime identifier to build for.
case "$(uname -s)" in
    Linux)
        os=linux
        # musl (Alpine) needs its own runtime pack.
        if ldd --version 2>&1 | grep -qi musl; then os=linux-musl; fi
        ;;
    Darwin) os=osx ;;
    *) echo "install.sh: unsupported system $(uname -s); on Windows use install.ps1." >&2; exit 2 ;;
esac
case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "install.sh: unsupported machine $(uname -m)." >&2; exit 2 ;;
esac
rid="${os}-${arch}"

# NativeAOT links with the platform toolchain: clang (preferred by the SDK) or gcc, plus zlib headers
# (https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites).
compiler=""
if command -v clang >/dev/null 2>&1; then
    compiler=clang
elif [ "$os" != osx ] && command -v gcc >/dev/null 2>&1; then
    compiler=gcc
fi
aot_missing=""
if [ "$want_aot" = no ]; then
    aot_missing="--no-aot"
elif [ -z "$compiler" ]; then
    aot_missing="no C compiler/linker (clang or gcc)"
elif ! printf '#include <zlib.h>\n' | "$compiler" -E -x c - >/dev/null 2>&1; then
    aot_missing="no zlib headers (zlib1g-dev / zlib-devel)"
fi

staging="${prefix}/lib/.hookguard-build.$$"
trap 'rm -rf -- "$staging"' EXIT
trap 'exit 130' INT TERM
rm -rf -- "$staging"

kind=""
if [ -z "$aot_missing" ]; then
    echo "install.sh: building a NativeAOT executable for ${rid} with ${compiler} ..."
    set -- -p:PublishAot=true
    if [ "$compiler" = gcc ]; then set -- "$@" -p:CppCompilerAndLinker=gcc; fi
    if dotnet publish "$project" -c Release -r "$rid" "$@" -p:SatelliteResourceLanguages=en -o "${staging}/out" --nologo -v quiet; then
        kind=aot
    else
        echo "install.sh: the NativeAOT build failed; falling back to a framework-dependent build." >&2
        rm -rf -- "$staging"
    fi
else
    if [ "$want_aot" = yes ]; then
        echo "install.sh: NativeAOT needs a native toolchain, and this machine has ${aot_missing};"
    fi
    echo "install.sh: building a framework-dependent executable (it needs the .NET runtime to run)."
fi

if [ -z "$kind" ]; then
    dotnet publish "$project" -c Release -r "$rid" --self-contained false -p:PublishAot=false -p:SatelliteResourceLanguages=en -o "${staging}/out" --nologo -v quiet
    kind=framework-dependent
fi

# Only what runs: the executable (or the managed assemblies) and the native libgit2; no symbols, no docs.
mkdir -p -- "${staging}/lib"
if [ "$kind" = aot ]; then
    cp -- "${staging}/out/hookguard" "${staging}/lib/hookguard"
    for native in "${staging}/out/"*.so "${staging}/out/"*.dylib; do
        if [ -f "$native" ]; then cp -- "$native" "${staging}/lib/"; fi
    done
else
    cp -R -- "${staging}/out/." "${staging}/lib/"
    rm -f -- "${staging}/lib/"*.pdb "${staging}/lib/"*.xml "${staging}/lib/"*.dbg
fi

# Replace the installed files only when they differ: a second run changes nothing.
mkdir -p -- "$bin_dir" "${prefix}/lib"
if [ -d "$lib_dir" ] && diff -r -q -- "${staging}/lib" "$lib_dir" >/dev/null 2>&1; then
    changed=no
else
    rm -rf -- "${lib_dir}.old"
    if [ -d "$lib_dir" ]; then mv -- "$lib_dir" "${lib_dir}.old"; fi
    mv -- "${staging}/lib" "$lib_dir"
    rm -rf -- "${lib_dir}.old"
    changed=yes
fi

launcher="${bin_dir}/hookguard"
# A small sh launcher in both cases (names everything by absolute path, single-quoted). It tells hookguard its own
# path, so that `hookguard install` records bin/hookguard in the hook: a NativeAOT process only sees its resolved
# path (lib/hookguard/hookguard), and the framework-dependent build would otherwise record dotnet.
quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
if [ "$kind" = aot ]; then
    # The native executable finds libgit2 next to its real path in lib/hookguard.
    run_line="exec $(quote "${lib_dir}/hookguard") \"\$@\""
    description='NativeAOT build'
else
    dotnet_path=$(command -v dotnet)
    dotnet_path=$(cd -- "$(dirname -- "$dotnet_path")" && pwd -P)/$(basename -- "$dotnet_path")
    run_line="exec $(quote "$dotnet_path") $(quote "${lib_dir}/hookguard.dll") \"\$@\""
    description='framework-dependent build; needs the .NET runtime'
fi
new_launcher="${launcher}.new.$$"
{
    echo '#!/bin/sh'
    echo "# HookGuard launcher written by install.sh (${description})."
    echo "HOOKGUARD_EXECUTABLE=$(quote "$launcher")"
    echo 'export HOOKGUARD_EXECUTABLE'
    echo "$run_line"
} > "$new_launcher"
chmod 755 "$new_launcher"
if [ ! -L "$launcher" ] && [ -f "$launcher" ] && cmp -s -- "$new_launcher" "$launcher"; then
    rm -f -- "$new_launcher"
else
    rm -f -- "$launcher"
    mv -- "$new_launcher" "$launcher"
    changed=yes
fi

version=$("$launcher" --version 2>/dev/null || echo "?")
if [ "$changed" = yes ]; then
    echo "Installed hookguard ${version} (${kind} build) to ${launcher}"
else
    echo "hookguard ${version} (${kind} build) is already installed at ${launcher}; nothing changed."
fi

case ":${PATH}:" in
    *":${bin_dir}:"*)
        echo "${bin_dir} is on your PATH: run 'hookguard install' inside a repository to guard it."
        ;;
    *)
        echo "${bin_dir} is NOT on your PATH. Add it, e.g. in ~/.profile:"
        echo "    export PATH=\"${bin_dir}:\$PATH\""
        ;;
esac
