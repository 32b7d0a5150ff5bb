namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// A venv as Windows Python lays it out, for reading it from Linux as WSL or a container would. No Windows Python runs
/// here, so this is a constructed layout, made honestly from a real one: a real venv (<c>python -m venv</c>, packages
/// installed by pip) has its <c>lib/pythonX.Y/site-packages</c> moved to <c>Lib/site-packages</c> and its <c>bin</c>
/// replaced by <c>Scripts</c>, and gets the <c>pyvenv.cfg</c> that CPython 3.11+'s venv writes on Windows (CRLF,
/// <c>home</c> the installer's folder, <c>executable</c> and <c>command</c>). The metadata pip wrote is untouched.
/// <c>Scripts/python.exe</c> is a script that leaves a file behind when run, so a spec can prove nothing ran it.
/// </summary>
public static class WindowsLayoutVenv
{
    /// <summary>The python.org installer's folder for a per-user 3.11 install.</summary>
    public const string Home = @"C:\Users\dev\AppData\Local\Programs\Python\Python311";

    /// <summary>Rearranges the real POSIX venv at <paramref name="venvPath"/> into the Windows layout; returns the file <c>python.exe</c> would write if run.</summary>
    /// <param name="libName">How <c>Lib</c> is spelled (<c>lib</c> after a copy through a case-insensitive file system).</param>
    public static string Rearrange(string venvPath, string pythonVersion, string libName = "Lib", bool includeSystemSitePackages = false, string home = Home)
    {
        var posixSite = Path.Combine(venvPath, "lib", $"python{pythonVersion}", "site-packages");
        if (!Directory.Exists(posixSite))
            throw new InvalidOperationException($"{venvPath} is not a POSIX venv of Python {pythonVersion}: {posixSite} is missing");

        var staged = Path.Combine(venvPath, "site-packages.moving");
        Directory.Move(posixSite, staged);
        var lib64 = Path.Combine(venvPath, "lib64");
        if (new DirectoryInfo(lib64).LinkTarget is not null) Directory.Delete(lib64);
        else if (Directory.Exists(lib64)) Directory.Delete(lib64, recursive: true);
        Directory.Delete(Path.Combine(venvPath, "lib"), recursive: true);
        Directory.CreateDirectory(Path.Combine(venvPath, libName));
        Directory.Move(staged, Path.Combine(venvPath, libName, "site-packages"));

        Directory.Delete(Path.Combine(venvPath, "bin"), recursive: true);
        var ranMarker = Path.Combine(venvPath, "python.exe-was-run");
        foreach (var exe in new[] { "python.exe", "pythonw.exe" })
            TempGitRepo.WriteScript(Path.Combine(venvPath, "Scripts", exe), $"#!/bin/sh\necho ran > '{ranMarker}'\nexit 3\n");
        Directory.CreateDirectory(Path.Combine(venvPath, "Include"));

        var fullVersion = pythonVersion == "3.11" ? "3.11.7" : pythonVersion + ".0";
        File.WriteAllText(Path.Combine(venvPath, "pyvenv.cfg"),
            $"home = {home}\r\n" +
            $"include-system-site-packages = {(includeSystemSitePackages ? "true" : "false")}\r\n" +
            $"version = {fullVersion}\r\n" +
            $"executable = {home}\\python.exe\r\n" +
            $"command = {home}\\python.exe -m venv C:\\work\\project\\.venv\r\n");
        return ranMarker;
    }
}
