<#
.SYNOPSIS
  Builds HookGuard from this source tree with the .NET SDK and installs PREFIX\bin\hookguard (SPEC sec. 1).

.DESCRIPTION
  A NativeAOT executable when the native toolchain is there (Visual Studio's C++ build tools, found with vswhere);
  otherwise a framework-dependent build (needs the .NET runtime at run time) started by PREFIX\bin\hookguard.cmd.
  Idempotent: running it again leaves the same files. Offline once the NuGet packages are in the local cache.

.EXAMPLE
  ./install.ps1
  ./install.ps1 -Prefix C:\Tools -NoAot
#>
[CmdletBinding()]
param(
    # Installs PREFIX\bin\hookguard; default: ~\.local, as install.sh.
    [string] $Prefix = (Join-Path $HOME '.local'),
    # Build the framework-dependent variant even when NativeAOT could be built.
    [switch] $NoAot
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'

$onWindows = [System.Runtime.InteropServices.RuntimeInformation]::IsOSPlatform([System.Runtime.InteropServices.OSPlatform]::Windows)
if (-not $onWindows) {
    throw 'install.ps1 is for Windows; elsewhere run ./install.sh.'
}

$sourceDir = $PSScriptRoot
$project = Join-Path $sourceDir 'src/HookGuard/HookGuard.csproj'
if (-not (Test-Path -LiteralPath $project -PathType Leaf)) {
    throw "Cannot find $project; run me from a HookGuard checkout."
}

if (-not (Get-Command dotnet -ErrorAction SilentlyContinue)) {
    throw 'The .NET SDK (dotnet) is not on PATH. Install the SDK named in global.json: https://dot.net'
}

New-Item -ItemType Directory -Force -Path $Prefix | Out-Null
$Prefix = (Resolve-Path -LiteralPath $Prefix).ProviderPath
$binDir = Join-Path $Prefix 'bin'
$libDir = Join-Path $Prefix 'lib\hookguard'

$rid = switch ([System.Runtime.InteropServices.RuntimeInformation]::OSArchitecture) {
    'X64' { 'win-x64' }
    'Arm64' { 'win-arm64' }
    default { throw "Unsupported architecture $_." }
}

# NativeAOT on Windows links with the MSVC toolchain ("Desktop development with C++"):
# https://learn.microsoft.com/dotnet/core/deploying/native-aot/#prerequisites
function Test-NativeToolchain {
    $vswhere = Join-Path ${env:ProgramFiles(x86)} 'Microsoft Visual Studio\Installer\vswhere.exe'
    if (-not (Test-Path -LiteralPath $vswhere)) { return $false }
    $found = & $vswhere -latest -products * -requires Microsoft.VisualStudio.Component.VC.Tools.x86.x64 -property installationPath
    return [bool]$found
}

$staging = Join-Path $Prefix ("lib\.hookguard-build." + $PID)
if (Test-Path -LiteralPath $staging) { Remove-Item -LiteralPath $staging -Recurse -Force }
$out = Join-Path $staging 'out'

try {
    $kind = $null
    if ($NoAot) {
        Write-Host 'install.ps1: building a framework-dependent executable (it needs the .NET runtime to run).'
    }
    elseif (Test-NativeToolchain) {
        Write-Host "install.ps1: building a NativeAOT executable for $rid ..."
        & dotnet publish $project -c Release -r $rid -p:PublishAot=true -p:SatelliteResourceLanguages=en -o $out --nologo -v quiet
        if ($LASTEXITCODE -eq 0) {
            $kind = 'aot'
        }
        else {
            Write-Warning 'install.ps1: the NativeAOT build failed; falling back to a framework-dependent build.'
            Remove-Item -LiteralPath $staging -Recurse -Force -ErrorAction SilentlyContinue
        }
    }
    else {
        Write-Host 'install.ps1: NativeAOT needs the Visual Studio C++ build tools, which are not installed;'
        Write-Host 'install.ps1: building a framework-dependent executable (it needs the .NET runtime to run).'
    }

    if (-not $kind) {
        & dotnet publish $project -c Release -r $rid --self-contained false -p:PublishAot=false -p:SatelliteResourceLanguages=en -o $out --nologo -v quiet
        if ($LASTEXITCODE -ne 0) { throw 'dotnet publish failed.' }
        $kind = 'framework-dependent'
    }

    # Only what runs: no symbols, no XML docs.
    $files = Join-Path $staging 'lib'
    New-Item -ItemType Directory -Force -Path $files | Out-Null
    if ($kind -eq 'aot') {
        Copy-Item -LiteralPath (Join-Path $out 'hookguard.exe') -Destination $files
        Get-ChildItem -LiteralPath $out -Filter '*.dll' | Copy-Item -Destination $files
    }
    else {
        Copy-Item -Path (Join-Path $out '*') -Destination $files -Recurse
        Get-ChildItem -LiteralPath $files -Include '*.pdb', '*.xml' -Recurse | Remove-Item -Force
    }

    function Get-TreeHash([string] $Directory) {
        if (-not (Test-Path -LiteralPath $Directory)) { return '' }
        $lines = Get-ChildItem -LiteralPath $Directory -Recurse -File | Sort-Object FullName | ForEach-Object {
            $_.FullName.Substring($Directory.Length) + ' ' + (Get-FileHash -LiteralPath $_.FullName -Algorithm SHA256).Hash
        }
        return ($lines -join "`n")
    }

    # Replace the installed files only when they differ: a second run changes nothing.
    New-Item -ItemType Directory -Force -Path $binDir, (Split-Path $libDir) | Out-Null
    $changed = $false
    if ((Get-TreeHash $files) -ne (Get-TreeHash $libDir)) {
        if (Test-Path -LiteralPath $libDir) { Remove-Item -LiteralPath $libDir -Recurse -Force }
        Move-Item -LiteralPath $files -Destination $libDir
        $changed = $true
    }

    # bin\hookguard.cmd starts the real executable; `hookguard install` records that executable's own path in the
    # hook (git for Windows' sh runs it by a forward-slash path).
    $launcher = Join-Path $binDir 'hookguard.cmd'
    $launcherText = "@echo off`r`nrem HookGuard launcher written by install.ps1 ($kind build).`r`n`"$libDir\hookguard.exe`" %*`r`n"
    if (-not (Test-Path -LiteralPath $launcher) -or ([System.IO.File]::ReadAllText($launcher) -ne $launcherText)) {
        [System.IO.File]::WriteAllText($launcher, $launcherText, [System.Text.UTF8Encoding]::new($false))
        $changed = $true
    }
}
finally {
    if (Test-Path -LiteralPath $staging) { Remove-Item -LiteralPath $staging -Recurse -Force }
}

$version = & (Join-Path $libDir 'hookguard.exe') --version
if ($changed) {
    Write-Host "Installed hookguard $version ($kind build) to $launcher (executable: $libDir\hookguard.exe)"
}
else {
    Write-Host "hookguard $version ($kind build) is already installed at $launcher; nothing changed."
}

$pathEntries = $env:PATH -split ';' | ForEach-Object { $_.TrimEnd('\') }
if ($pathEntries -contains $binDir.TrimEnd('\')) {
    Write-Host "$binDir is on your PATH: run 'hookguard install' inside a repository to guard it."
}
else {
    Write-Host "$binDir is NOT on your PATH. Add it for your user with:"
    Write-Host "    [Environment]::SetEnvironmentVariable('PATH', `"$binDir;`" + [Environment]::GetEnvironmentVariable('PATH', 'User'), 'User')"
}
