using CliWrap;
using CliWrap.Buffered;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// One locked project of a format, as the specs commit it: its declaration file (pyproject.toml or Pipfile; none for
/// pylock.toml) and the lock made from it, plus what a report must name: the lock's line of each package and the tool's
/// commands (PEP 751 names no tool, so a pylock.toml project has none). Every project declares <c>alpha==1.0</c> and <c>parent==1.0</c>; the lock adds <c>child 1.0</c>, which
/// <c>parent</c> requires. <see cref="StaleDeclaration"/> is the declaration with <c>beta==1.5</c> added and not locked.
/// </summary>
public sealed record LockedProject(
    string Format,
    string LockFile,
    string? DeclarationFile,
    string? Declaration,
    string? StaleDeclaration,
    string Lock,
    string? SyncCommand,
    string? LockCommand)
{
    /// <summary>What the venv must hold to be in sync with the lock.</summary>
    public static readonly string[] InSyncPins = ["alpha==1.0", "child==1.0", "parent==1.0"];

    /// <summary>The files to write for the project at <paramref name="directory"/> (repo-relative, "" for the root).</summary>
    public (string Path, string Content)[] Files(string directory = "")
    {
        var files = new List<(string Path, string Content)> { (Join(directory, LockFile), Lock) };
        if (DeclarationFile is not null) files.Add((Join(directory, DeclarationFile), Declaration!));
        return files.ToArray();
    }

    /// <summary>
    /// The lock's line (1-based) where <paramref name="packageName"/>'s entry starts, found in <see cref="Lock"/>: for the
    /// TOML locks the <c>[[package]]</c> (<c>[[packages]]</c> in PEP 751) header above its <c>name = "..."</c>, for
    /// Pipfile.lock the line of its key in <c>"default"</c>.
    /// </summary>
    public int LineOf(string packageName)
    {
        var lines = Lock.Split('\n');
        if (LockFile == "Pipfile.lock")
        {
            var inDefault = false;
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].StartsWith("    \"", StringComparison.Ordinal)) inDefault = lines[i].StartsWith("    \"default\"", StringComparison.Ordinal);
                else if (inDefault && lines[i] == $"        \"{packageName}\": {{") return i + 1;
            }
        }
        else
        {
            var header = LockFile == "pylock.toml" ? "[[packages]]" : "[[package]]";
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i] != $"name = \"{packageName}\"") continue;
                for (var j = i; j >= 0; j--)
                    if (lines[j] == header) return j + 1;
            }
        }

        throw new InvalidOperationException($"{packageName} has no entry in this {LockFile}:\n{Lock}");
    }

    /// <summary><c>LOCK:LINE</c> of the package, prefixed with the project's directory, as a report names it.</summary>
    public string Where(string packageName, string directory = "") => $"{Join(directory, LockFile)}:{LineOf(packageName)}";

    /// <summary>
    /// The lock with a line that is neither TOML nor JSON inserted as line 2 (after <c>version = 1</c>, after
    /// Pipfile.lock's opening brace), so the error must name line 2.
    /// </summary>
    public string BrokenLock()
    {
        var newline = Lock.IndexOf('\n');
        var junk = LockFile == "Pipfile.lock" ? "    oops, not json\n" : "oops = = \"not toml\n";
        return Lock[..(newline + 1)] + junk + Lock[(newline + 1)..];
    }

    public override string ToString() => Format; // xunit's display name of a theory case

    private static string Join(string directory, string file) => directory.Length == 0 ? file : directory.TrimEnd('/') + "/" + file;
}

/// <summary>
/// The collection fixture of the declaration specs: the shared wheelhouse and its venvs, one <see cref="LocalPackageIndex"/>
/// over its wheels for the whole collection, and one locked project per format, made on first use (Poetry, Pipenv and
/// PDM by the real tool through <see cref="LockTools"/>, once per run; uv.lock and pylock.toml written as text).
/// </summary>
public sealed class LockedProjects : IDisposable
{
    private readonly LockTools _tools = new();
    private readonly Dictionary<string, Lazy<LockedProject>> _projects;

    public LockedProjects()
    {
        Venvs = new WheelhouseVenvs();
        Index = new LocalPackageIndex(Venvs.Wheels);
        _projects = new Dictionary<string, Lazy<LockedProject>>(StringComparer.Ordinal)
        {
            ["uv"] = new(Uv),
            ["poetry"] = new(Poetry),
            ["pipenv"] = new(Pipenv),
            ["pdm"] = new(Pdm),
            ["pylock"] = new(Pylock),
        };
    }

    /// <summary>The format names, as the specs' theory data.</summary>
    public static TheoryData<string> Formats => new("uv", "poetry", "pipenv", "pdm", "pylock");

    /// <summary>The formats whose lock records what it was made from (PEP 751 locks record no declaration).</summary>
    public static TheoryData<string> FormatsWithDeclaration => new("uv", "poetry", "pipenv", "pdm");

    public WheelhouseVenvs Venvs { get; }

    public LocalPackageIndex Index { get; }

    public LockedProject this[string format] => _projects[format].Value;

    private static readonly LockedWheel[] Locked = [new("alpha", "1.0"), new("child", "1.0"), new("parent", "1.0", "child")];

    private LockedProject Uv()
    {
        var lockText = AssertValidToml(HandWrittenLocks.UvLock(Index, "demo", "0.1.0", Locked, [("alpha", "==1.0"), ("parent", "==1.0")]));
        return new LockedProject("uv", "uv.lock", "pyproject.toml", Pep621("\"alpha==1.0\", \"parent==1.0\""),
            Pep621("\"alpha==1.0\", \"beta==1.5\", \"parent==1.0\""), lockText, "uv sync", "uv lock");
    }

    private LockedProject Pylock() =>
        new("pylock", "pylock.toml", null, null, null, AssertValidToml(HandWrittenLocks.Pylock(Index, Locked)), SyncCommand: null, LockCommand: null);

    private LockedProject Poetry()
    {
        string Declaration(string dependencies) => $"""
            [tool.poetry]
            name = "demo"
            version = "0.1.0"
            description = "HookGuard end-to-end project"
            authors = ["HookGuard Tests <tests@hookguard.invalid>"]

            [tool.poetry.dependencies]
            python = "^3.8"
            {dependencies}

            [[tool.poetry.source]]
            name = "local"
            url = "{Index.SimpleUrl}"
            default = true

            """;
        var declaration = Declaration("alpha = \"1.0\"\nparent = \"1.0\"");
        var lockText = RunTool("pyproject.toml", declaration, _tools.PoetryLockAsync);
        return new LockedProject("poetry", "poetry.lock", "pyproject.toml", declaration,
            Declaration("alpha = \"1.0\"\nbeta = \"1.5\"\nparent = \"1.0\""), lockText, "poetry install --sync", "poetry lock");
    }

    private LockedProject Pipenv()
    {
        string Declaration(string packages) => $"""
            [[source]]
            url = "{Index.SimpleUrl}"
            verify_ssl = false
            name = "local"

            [packages]
            {packages}

            [dev-packages]

            [requires]
            python_version = "{WheelhouseVenvs.PythonVersion}"

            """;
        var declaration = Declaration("alpha = \"==1.0\"\nparent = \"==1.0\"");
        var lockText = RunTool("Pipfile", declaration, _tools.PipenvLockAsync);
        return new LockedProject("pipenv", "Pipfile.lock", "Pipfile", declaration,
            Declaration("alpha = \"==1.0\"\nbeta = \"==1.5\"\nparent = \"==1.0\""), lockText, "pipenv sync", "pipenv lock");
    }

    private LockedProject Pdm()
    {
        string Declaration(string dependencies) => Pep621(dependencies) + $"""

            [[tool.pdm.source]]
            name = "pypi"
            url = "{Index.SimpleUrl}"
            verify_ssl = false

            """;
        var declaration = Declaration("\"alpha==1.0\", \"parent==1.0\"");
        var lockText = RunTool("pyproject.toml", declaration, _tools.PdmLockAsync);
        return new LockedProject("pdm", "pdm.lock", "pyproject.toml", declaration,
            Declaration("\"alpha==1.0\", \"beta==1.5\", \"parent==1.0\""), lockText, "pdm sync --clean", "pdm lock");
    }

    /// <summary>A PEP 621 pyproject without <c>[build-system]</c> (uv and PDM treat it as an application: nothing to build).</summary>
    private static string Pep621(string dependencies) => $"""
        [project]
        name = "demo"
        version = "0.1.0"
        requires-python = ">=3.8"
        dependencies = [{dependencies}]

        """;

    private string RunTool(string declarationFile, string declaration, Func<string, Task<string>> lockAsync)
    {
        var project = Directory.CreateDirectory(Path.Combine(_tools.Root, "project-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        File.WriteAllText(Path.Combine(project, declarationFile), declaration);
        var lockText = lockAsync(project).GetAwaiter().GetResult();
        Assert.True(lockText.Contains("alpha") && lockText.Contains("child") && lockText.Contains("parent"),
            $"the tool's lock should pin alpha, parent and child:\n{lockText}");
        return lockText;
    }

    /// <summary>A hand-written lock must at least be TOML to Python's own parser (tomllib, Python 3.11+).</summary>
    private static string AssertValidToml(string text)
    {
        var result = PythonInterpreters.Clean(WheelhouseVenvs.Python, ["-c", "import sys, tomllib; tomllib.loads(sys.stdin.read())"], Path.GetTempPath())
            .WithStandardInputPipe(PipeSource.FromString(text))
            .ExecuteBufferedAsync().GetAwaiter().GetResult();
        Assert.True(result.ExitCode == 0, $"tomllib rejects the hand-written lock: {result.StandardError}\n{text}");
        return text;
    }

    public void Dispose()
    {
        Index.Dispose();
        _tools.Dispose();
        Venvs.Dispose();
    }
}
