using System.Collections.Concurrent;
using CliWrap.Buffered;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// A class fixture for end-to-end specs: one wheelhouse of real wheels, and real venvs made from it with
/// <c>python -m venv --without-pip</c> and pip. Each distinct set of pins is installed by pip once into a template
/// venv; a spec gets its own copy (<c>cp -a</c>, which keeps the interpreter symlinks), so the test run pays for pip
/// only once per set of pins, and specs can change their copy without disturbing each other. The wheelhouse and the
/// templates are shared by every class of the run (pip is the slow part) and removed when the process exits.
/// </summary>
public sealed class WheelhouseVenvs : IDisposable
{
    /// <summary>The Python every venv of these specs runs.</summary>
    public const string PythonVersion = "3.11";

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Templates = new(StringComparer.Ordinal);

    private static readonly Lazy<string> SharedRoot = new(BuildWheelhouse);

    public WheelhouseVenvs()
    {
        Root = SharedRoot.Value;
    }

    /// <summary>
    /// What the wheelhouse holds: two versions of some distributions (for version drift), one distribution whose name
    /// is not normalized, and a parent that requires a child (for installs with dependencies).
    /// </summary>
    public static IReadOnlyList<(string Name, string Version, string[] RequiresDist)> Distributions { get; } =
    [
        ("alpha", "1.0", []), ("alpha", "2.0", []),
        ("beta", "1.0", []), ("beta", "1.5", []),
        ("gamma", "0.3", []),
        ("Delta_Pkg", "4.0", []),
        ("child", "1.0", []),
        ("parent", "1.0", ["child>=1.0"]),
    ];

    public string Root { get; }

    /// <summary>The wheels: pip's <c>--find-links</c>.</summary>
    public string Wheels => Path.Combine(Root, "wheels");

    /// <summary>A private HOME for pip, so no user configuration leaks in.</summary>
    public string Home => Path.Combine(Root, "home");

    /// <summary>The interpreter that makes the venvs and runs pip (its own pip, pointed at a venv with --python).</summary>
    public static string Python => PythonInterpreters.ForVersion(PythonVersion);

    /// <summary>Makes a venv at <paramref name="venvPath"/> holding exactly <paramref name="pins"/> ("alpha==2.0"), no dependencies.</summary>
    public async Task CreateVenvAsync(string venvPath, params string[] pins)
    {
        var key = string.Join('\n', pins.Order(StringComparer.Ordinal));
        var template = await Templates.GetOrAdd(key, _ => new Lazy<Task<string>>(() => BuildTemplateAsync(pins))).Value;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(venvPath))!);
        await RunAsync("cp", ["-a", template, venvPath]);
    }

    /// <summary>A venv with its own pip (<c>python -m venv</c>, ensurepip), holding <paramref name="pins"/> too; not cached.</summary>
    public async Task CreateVenvWithPipAsync(string venvPath, params string[] pins)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(venvPath))!);
        await RunAsync(Python, ["-m", "venv", venvPath]);
        if (pins.Length > 0)
        {
            await InstallAsync(venvPath, pins);
        }
    }

    /// <summary><c>pip install --no-index --no-deps --find-links WHEELS</c> into an existing venv (e.g. to drift it).</summary>
    public Task InstallAsync(string venvPath, params string[] pins) =>
        RunAsync(Python, ["-m", "pip", "--python", VenvPython(venvPath), "install", "--isolated", "--no-index", "--no-deps",
            "--disable-pip-version-check", "--quiet", "--find-links", Wheels, .. pins]);

    /// <summary>
    /// What a deploy pipeline does with a committed requirements file: a fresh venv, then
    /// <c>pip install --no-index --find-links WHEELS -r FILE</c> (dependencies resolved by pip). Returns the venv.
    /// </summary>
    public async Task<string> VenvFromRequirementsAsync(string requirementsFile)
    {
        var venv = Path.Combine(Root, "rebuilt-" + Guid.NewGuid().ToString("N")[..8]);
        await RunAsync(Python, ["-m", "venv", "--without-pip", venv]);
        await RunAsync(Python, ["-m", "pip", "--python", VenvPython(venv), "install", "--isolated", "--no-index",
            "--disable-pip-version-check", "--quiet", "--find-links", Wheels, "-r", requirementsFile]);
        return venv;
    }

    /// <summary><c>pip freeze</c> of the venv, as lines sorted ordinally.</summary>
    public async Task<IReadOnlyList<string>> FreezeAsync(string venvPath)
    {
        var output = await RunAsync(Python, ["-m", "pip", "--python", VenvPython(venvPath), "freeze", "--disable-pip-version-check"]);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToArray();
    }

    private static string BuildWheelhouse()
    {
        var root = Path.Combine(Path.GetTempPath(), "hookguard-wheelhouse-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Path.Combine(root, "home"));
        foreach (var (name, version, requires) in Distributions)
        {
            WheelBuilder.Build(Path.Combine(root, "wheels"), name, version, requires);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteQuietly(root);
        return root;
    }

    public static string VenvPython(string venvPath) => Path.Combine(venvPath, "bin", "python");

    private async Task<string> BuildTemplateAsync(string[] pins)
    {
        var template = Path.Combine(Root, "template-" + Guid.NewGuid().ToString("N")[..8]);
        await RunAsync(Python, ["-m", "venv", "--without-pip", template]);
        if (pins.Length > 0)
        {
            await InstallAsync(template, pins);
        }

        return template;
    }

    private async Task<string> RunAsync(string executable, IReadOnlyList<string> arguments)
    {
        var result = await PythonInterpreters.Clean(executable, arguments, Root, new Dictionary<string, string?> { ["HOME"] = Home })
            .ExecuteBufferedAsync();
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', arguments)} failed ({result.ExitCode}):\n{result.StandardOutput}\n{result.StandardError}");
        }

        return result.StandardOutput;
    }

    /// <summary>Nothing per class: the shared wheelhouse goes when the process exits.</summary>
    public void Dispose()
    {
    }

    private static void DeleteQuietly(string root)
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
