using CliWrap;
using CliWrap.Buffered;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// A real venv made by <c>python -m venv</c> in a temporary directory, with helpers to install wheels through pip,
/// to lay files out by hand the way older tools left them, and to ask <c>pip freeze</c> for the reference answer.
/// The temporary directory also holds a fake <c>HOME</c> (for the user site) and room for wheels and projects.
/// </summary>
public sealed class PythonVenv : IDisposable
{
    private PythonVenv(string root, string majorMinor, bool hasOwnPip)
    {
        Root = root;
        PythonVersion = majorMinor;
        HasOwnPip = hasOwnPip;
        Directory.CreateDirectory(Home);
        Directory.CreateDirectory(Wheels);
    }

    /// <summary>The temporary directory that holds everything.</summary>
    public string Root { get; }

    /// <summary>The venv itself.</summary>
    public string Path => System.IO.Path.Combine(Root, "venv");

    /// <summary>"3.11".</summary>
    public string PythonVersion { get; }

    /// <summary>Created with pip in it (<c>ensurepip</c>), so <c>pip freeze</c> runs the venv's own pip.</summary>
    public bool HasOwnPip { get; }

    public string Python => System.IO.Path.Combine(Path, "bin", "python");

    /// <summary>The venv's purelib: where pip installs.</summary>
    public string SitePackages => System.IO.Path.Combine(Path, "lib", $"python{PythonVersion}", "site-packages");

    /// <summary>A fake HOME, given to every child process and to the reader: its user site is ours to fill.</summary>
    public string Home => System.IO.Path.Combine(Root, "home");

    /// <summary>The user site of <see cref="Home"/> for this Python (only on sys.path with system site-packages).</summary>
    public string UserSitePackages => System.IO.Path.Combine(Home, ".local", "lib", $"python{PythonVersion}", "site-packages");

    /// <summary>Where <see cref="BuildWheel"/> writes; pip's <c>--find-links</c>.</summary>
    public string Wheels => System.IO.Path.Combine(Root, "wheels");

    /// <summary>The environment the reader gets: the same HOME the reference pip sees.</summary>
    public string? Environment(string name) => name == "HOME" ? Home : null;

    private IReadOnlyDictionary<string, string?> ChildEnvironment => new Dictionary<string, string?> { ["HOME"] = Home };

    /// <summary>Creates a venv with the pyenv Python <paramref name="majorMinor"/>.</summary>
    public static async Task<PythonVenv> CreateAsync(string majorMinor, bool withPip = false, bool systemSitePackages = false)
    {
        var root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "hookguard-venv-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var venv = new PythonVenv(root, majorMinor, withPip);
        var arguments = new List<string> { "-m", "venv" };
        if (!withPip) arguments.Add("--without-pip");
        if (systemSitePackages) arguments.Add("--system-site-packages");
        arguments.Add(venv.Path);
        await venv.RunAsync(PythonInterpreters.ForVersion(majorMinor), arguments);
        return venv;
    }

    /// <summary>Builds a wheel into <see cref="Wheels"/>; returns its path.</summary>
    public string BuildWheel(string name, string version, IEnumerable<string>? requiresDist = null) =>
        WheelBuilder.Build(Wheels, name, version, requiresDist);

    /// <summary>
    /// <c>python3 -m pip --python VENV/bin/python install --isolated --no-index --no-deps --find-links WHEELS ...</c>:
    /// requirement names resolve against <see cref="Wheels"/>; paths to wheel files give PEP 610 direct-URL installs.
    /// </summary>
    public Task InstallAsync(params string[] requirementsOrPaths) =>
        RunAsync(PythonInterpreters.Python3,
            ["-m", "pip", "--python", Python, "install", "--isolated", "--no-index", "--no-deps", "--disable-pip-version-check", "--find-links", Wheels, .. requirementsOrPaths]);

    /// <summary>
    /// The reference: <c>pip freeze</c> as a user would run it. A venv with its own pip is frozen by that pip
    /// (<c>VENV/bin/python -m pip freeze</c>); one without is frozen by python3's pip through <c>--python</c>.
    /// </summary>
    public async Task<string> FreezeAsync(bool all = false)
    {
        List<string> arguments = HasOwnPip
            ? ["-m", "pip", "freeze", "--disable-pip-version-check"]
            : ["-m", "pip", "--python", Python, "freeze", "--disable-pip-version-check"];
        if (all) arguments.Add("--all");
        return await RunAsync(HasOwnPip ? Python : PythonInterpreters.Python3, arguments);
    }

    /// <summary>Writes a file (creating its directories), for layouts written by hand.</summary>
    public static void WriteFile(string path, string content)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>A minimal core metadata header block (and a body that must not be read).</summary>
    public static string Metadata(string name, string version, string metadataVersion = "2.1") =>
        $"Metadata-Version: {metadataVersion}\nName: {name}\nVersion: {version}\n\nbody: not a header\n";

    private async Task<string> RunAsync(string executable, IReadOnlyList<string> arguments)
    {
        var result = await PythonInterpreters.Clean(executable, arguments, Root, ChildEnvironment).ExecuteBufferedAsync();
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        return result.StandardOutput;
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* best effort: a temp directory */ }
    }
}
