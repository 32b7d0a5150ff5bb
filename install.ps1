<#
.SYNOPSIS
  Builds HookGuard from this source tree with the .NET SDK and installs it into PREFIX (SPEC sec. 1), on Windows,
  Linux and macOS: the PowerShell twin of install.sh.

.DESCRIPTION
  A NativeAOT executable when the native toolchain is there (Windows: Visual Studio's C++ build tools, found with
  vswhere; Linux: clang or gcc with zlib headers; macOS: clang from the Xcode command-line tools); otherwise a
  framework-dependent build (needs the .NET runtime at run time).
  Installs PREFIX/lib/hookguard (the files that run) and a launcher: PREFIX\bin\hookguard.cmd on Windows,
  PREFIX/bin/hookguard (a sh script, the same as install.sh writes) elsewhere.
  Idempotent: running it again leaves the same files. Offline once the NuGet packages are in the local cache.
  Exit code 2 for bad arguments or a missing SDK, as install.sh.

.EXAMPLE
  ./install.ps1
  ./install.ps1 -Prefix C:\Tools -NoAot
  pwsh ./install.ps1 -Prefix ~/.local
#>
[CmdletBinding()]
param(
    # Installs PREFIX/bin/hookguard; default: ~/.local, as install.sh.
    [string] $Prefix = (Join-Path $HOME '.local'),
    # Build the framework-dependent variant even when NativeAOT could be built.
    [switch] $NoAot
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

# Errors the user can act on: one line on stderr and exit 2, as install.sh (no PowerShell error record).
function Stop-Install([string] $Message) {
    [Console]::Error.WriteLine("install.ps1: $Message")
    exit 2
}

# RuntimeInformation rather than $IsWindows, which Windows PowerShell 5.1 does not have.
$runtime = [System.Runtime.InteropServices.RuntimeInformation]
$platform = [System.Runtime.InteropServices.OSPlatform]
$onWindows = $runtime::IsOSPlatform($platform::Windows)
$onMac = $runtime::IsOSPlatform($platform::OSX)

$sourceDir = $PSScriptRoot
$project = Join-Path (Join-Path (Join-Path $sourceDir 'src') 'HookGuard') 'HookGuard.csproj'
if (-not (Test-Path -LiteralPath $project -PathType Leaf)) {
    Stop-Install "cannot find $project; run me from a HookGuard checkout."
}

$dotnet = Get-Command dotnet -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
if (-not $dotnet) {
    Stop-Install 'the .NET SDK (dotnet) is not on PATH. Install the SDK named in global.json: https://dot.net'
}

New-Item -ItemType Directory -Force -Path $Prefix | Out-Null
$Prefix = (Resolve-Path -LiteralPath $Prefix).ProviderPath
$binDir = Join-Path $Prefix 'bin'
$libDir = Join-Path (Join-Path $Prefix 'lib') 'hookguard'

# The runtime identifier to build for.
$arch = switch ($runtime::OSArchitecture.ToString()) {
    'X64' { 'x64' }
    'Arm64' { 'arm64' }
    default { Stop-Install "unsupported architecture $_." }
}
if ($onWindows) {
    $os = 'win'
}
elseif ($onMac) {
    $os = 'osx'
}
elseif ($runtime::IsOSPlatform($platform::Linux)) {
    $os = 'linux'
    # musl (Alpine) needs its own runtime pack; glibc's ldd does not say "musl".
    $ldd = Get-Command ldd -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
    if ($ldd -and ((& $ldd.Source --version 2>&1 | Out-String) -match 'musl')) { $os = 'linux-musl' }
}
else {
    Stop-Install "unsupported system $($runtime::OSDescription)."
}
$rid = "$os-$arch"
$exeName = if ($onWindows) { 'hookguard.exe' } else { 'hookguard' }

# NativeAOT links with the platform toolchain (https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites):
# MSVC ("Desktop development with C++") on Windows; clang (preferred by the SDK) or gcc, plus zlib headers, elsewhere.
# Returns the extra publish arguments, or why NativeAOT cannot be built here.
function Get-NativeToolchain {
    if ($onWindows) {
        $vswhere = Join-Path ${env:ProgramFiles(x86)} 'Microsoft Visual Studio\Installer\vswhere.exe'
        if ((Test-Path -LiteralPath $vswhere) -and
            (& $vswhere -latest -products * -requires Microsoft.VisualStudio.Component.VC.Tools.x86.x64 -property installationPath)) {
            return @{ Compiler = 'MSVC'; Arguments = @() }
        }
        return @{ Missing = 'the Visual Studio C++ build tools are not installed' }
    }

    $candidates = if ($onMac) { @('clang') } else { @('clang', 'gcc') }
    foreach ($name in $candidates) {
        $compiler = Get-Command $name -CommandType Application -ErrorAction SilentlyContinue | Select-Object -First 1
        if (-not $compiler) { continue }
        $null = "#include <zlib.h>`n" | & $compiler.Source -E -x c - 2>&1
        if ($LASTEXITCODE -ne 0) {
            return @{ Missing = 'no zlib headers (zlib1g-dev / zlib-devel)' }
        }
        $arguments = if ($name -eq 'gcc') { @('-p:CppCompilerAndLinker=gcc') } else { @() }
        return @{ Compiler = $name; Arguments = $arguments }
    }
    return @{ Missing = 'no C compiler/linker (clang or gcc)' }
}

# A POSIX single-quoted word, as install.sh's quote(): nothing inside is expanded by sh.
function ConvertTo-ShellWord([string] $Text) {
    return "'" + $Text.Replace("'", "'\''") + "'"
}

function Get-TreeHash([string] $Directory) {
    if (-not (Test-Path -LiteralPath $Directory)) { return '' }
    $lines = Get-ChildItem -LiteralPath $Directory -Recurse -File | Sort-Object FullName | ForEach-Object {
        $_.FullName.Substring($Directory.Length) + ' ' + (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
    }
    return ($lines -join "`n")
}

$staging = Join-Path (Join-Path $Prefix 'lib') (".hookguard-build." + $PID)
if (Test-Path -LiteralPath $staging) { Remove-Item -LiteralPath $staging -Recurse -Force }
$out = Join-Path $staging 'out'
$publishCommon = @('publish', $project, '-c', 'Release', '-r', $rid, '-p:SatelliteResourceLanguages=en', '-o', $out, '--nologo', '-v', 'quiet')

try {
    $kind = $null
    if ($NoAot) {
        Write-Host 'install.ps1: building a framework-dependent executable (it needs the .NET runtime to run).'
    }
    else {
        $toolchain = Get-NativeToolchain
        if ($toolchain.ContainsKey('Missing')) {
            Write-Host "install.ps1: NativeAOT needs a native toolchain, and this machine has $($toolchain.Missing);"
            Write-Host 'install.ps1: building a framework-dependent executable (it needs the .NET runtime to run).'
        }
        else {
            Write-Host "install.ps1: building a NativeAOT executable for $rid with $($toolchain.Compiler) ..."
            & $dotnet.Source @publishCommon -p:PublishAot=true @($toolchain.Arguments)
            if ($LASTEXITCODE -eq 0) {
                $kind = 'aot'
            }
            else {
                [Console]::Error.WriteLine('install.ps1: the NativeAOT build failed; falling back to a framework-dependent build.')
                Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue
            }
        }
    }

    if (-not $kind) {
        & $dotnet.Source @publishCommon --self-contained false -p:PublishAot=false
        if ($LASTEXITCODE -ne 0) { throw 'dotnet publish failed.' }
        $kind = 'framework-dependent'
    }

    # Only what runs: the executable (or the managed assemblies) and the native libgit2; no symbols, no docs.
    $files = Join-Path $staging 'lib'
    New-Item -ItemType Directory -Force -Path $files | Out-Null
    if ($kind -eq 'aot') {
        Copy-Item -LiteralPath (Join-Path $out $exeName) -Destination $files
        Get-ChildItem -LiteralPath $out -File | Where-Object { $_.Extension -in '.dll', '.so', '.dylib' } | Copy-Item -Destination $files
    }
    else {
        Copy-Item -Path (Join-Path $out '*') -Destination $files -Recurse
        Get-ChildItem -LiteralPath $files -Include '*.pdb', '*.xml', '*.dbg' -Recurse | Remove-Item -Force
    }

    # Replace the installed files only when they differ: a second run changes nothing.
    New-Item -ItemType Directory -Force -Path $binDir, (Split-Path $libDir) | Out-Null
    $changed = $false
    if ((Get-TreeHash $files) -ne (Get-TreeHash $libDir)) {
        $old = "$libDir.old"
        if (Test-Path -LiteralPath $old) { Remove-Item -LiteralPath $old -Recurse -Force }
        if (Test-Path -LiteralPath $libDir) { Move-Item -LiteralPath $libDir -Destination $old }
        Move-Item -LiteralPath $files -Destination $libDir
        if (Test-Path -LiteralPath $old) { Remove-Item -LiteralPath $old -Recurse -Force }
        $changed = $true
    }

    if ($onWindows) {
        # bin\hookguard.cmd starts the real executable; `hookguard install` records that executable's own path in the
        # hook (git for Windows' sh runs it by a forward-slash path).
        $launcher = Join-Path $binDir 'hookguard.cmd'
        # Both kinds have hookguard.exe (the framework-dependent one is the SDK's apphost, which finds the runtime).
        $launcherText = "@echo off`r`nrem HookGuard launcher written by install.ps1 ($kind build).`r`n`"$libDir\hookguard.exe`" %*`r`n"
    }
    else {
        # The same sh launcher as install.sh's: it tells hookguard its own path, so that `hookguard install` records
        # bin/hookguard in the hook (a NativeAOT process only sees lib/hookguard/hookguard; the framework-dependent
        # build would otherwise record dotnet). Everything named by absolute path, single-quoted.
        $launcher = Join-Path $binDir 'hookguard'
        if ($kind -eq 'aot') {
            $runLine = 'exec ' + (ConvertTo-ShellWord (Join-Path $libDir 'hookguard')) + ' "$@"'
            $description = 'NativeAOT build'
        }
        else {
            $runLine = 'exec ' + (ConvertTo-ShellWord $dotnet.Source) + ' ' + (ConvertTo-ShellWord (Join-Path $libDir 'hookguard.dll')) + ' "$@"'
            $description = 'framework-dependent build; needs the .NET runtime'
        }
        $launcherText = "#!/bin/sh`n# HookGuard launcher written by install.ps1 ($description).`n" +
            "HOOKGUARD_EXECUTABLE=$(ConvertTo-ShellWord $launcher)`nexport HOOKGUARD_EXECUTABLE`n$runLine`n"
    }

    $launcherItem = Get-Item -LiteralPath $launcher -Force -ErrorAction SilentlyContinue
    if (-not $launcherItem -or $launcherItem.LinkType -or ([System.IO.File]::ReadAllText($launcher) -ne $launcherText)) {
        # Written next to it, then moved over it: a launcher that is running is never seen half-written.
        $newLauncher = "$launcher.new.$PID"
        [System.IO.File]::WriteAllText($newLauncher, $launcherText, [System.Text.UTF8Encoding]::new($false))
        if (-not $onWindows) {
            [System.IO.File]::SetUnixFileMode($newLauncher, [System.IO.UnixFileMode]'UserRead, UserWrite, UserExecute, GroupRead, GroupExecute, OtherRead, OtherExecute')
        }
        Move-Item -LiteralPath $newLauncher -Destination $launcher -Force
        $changed = $true
    }
}
finally {
    if (Test-Path -LiteralPath $staging) { Remove-Item -LiteralPath $staging -Recurse -Force }
}

$version = & $launcher --version 2>$null
if ($LASTEXITCODE -ne 0 -or -not $version) { $version = '?' }
if ($changed) {
    Write-Host "Installed hookguard $version ($kind build) to $launcher"
}
else {
    Write-Host "hookguard $version ($kind build) is already installed at $launcher; nothing changed."
}

$separator = [System.IO.Path]::DirectorySeparatorChar
$pathEntries = $env:PATH -split [regex]::Escape([System.IO.Path]::PathSeparator) | ForEach-Object { $_.TrimEnd($separator) }
if ($pathEntries -contains $binDir.TrimEnd($separator)) {
    Write-Host "$binDir is on your PATH: run 'hookguard install' inside a repository to guard it."
}
elseif ($onWindows) {
    Write-Host "$binDir is NOT on your PATH. Add it for your user with:"
    Write-Host "    [Environment]::SetEnvironmentVariable('PATH', `"$binDir;`" + [Environment]::GetEnvironmentVariable('PATH', 'User'), 'User')"
}
else {
    Write-Host "$binDir is NOT on your PATH. Add it, e.g. in ~/.profile:"
    Write-Host "    export PATH=`"${binDir}:`$PATH`""
    Write-Host "and, for PowerShell, in `$PROFILE:"
    Write-Host "    `$env:PATH = '${binDir}:' + `$env:PATH"
}
