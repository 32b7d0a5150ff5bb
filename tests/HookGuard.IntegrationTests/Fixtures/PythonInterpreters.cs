using CliWrap;
using CliWrap.Buffered;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// The Python interpreters the venv tests run against, and the clean environment every Python child process gets.
/// A missing interpreter fails the test (a skipped test proves nothing).
/// </summary>
public static class PythonInterpreters
{
    /// <summary>
    /// Three interpreters that cover pip's two metadata backends and both hidden-name rules: 3.8 (pip 23.0.1,
    /// pkg_resources), 3.11 (pip 23.2.1, importlib.metadata, hides build backends), 3.13 (pip 24.2, hides only pip).
    /// </summary>
    public static IReadOnlyList<string> VersionList { get; } = ["3.8", "3.11", "3.13"];

    /// <summary><see cref="VersionList"/> as xunit member data.</summary>
    public static TheoryData<string> Versions => new(VersionList);

    /// <summary>
    /// The <c>python3</c> on PATH (its real executable: a pyenv shim runs 'pyenv rehash' after 'pip install', which
    /// fails when tests install in parallel): the pip that installs into and freezes venvs without their own pip.
    /// </summary>
    public static string Python3 => RealPython3.Value;

    private static readonly Lazy<string> RealPython3 = new(() =>
    {
        var onPath = FindOnPath("python3") ?? throw new InvalidOperationException("python3 is not on PATH; the venv tests need it");
        var result = Clean(onPath, ["-c", "import sys; print(sys.executable)"], Path.GetTempPath())
            .ExecuteBufferedAsync().GetAwaiter().GetResult();
        var executable = result.StandardOutput.Trim();
        return result.ExitCode == 0 && File.Exists(executable)
            ? executable
            : throw new InvalidOperationException($"{onPath} does not run: {result.StandardError}");
    });

    /// <summary>The pyenv interpreter for "X.Y" (PYENV_ROOT or ~/.pyenv).</summary>
    public static string ForVersion(string majorMinor)
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } r
            ? r
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        var match = Directory.Exists(versions)
            ? Directory.GetDirectories(versions, majorMinor + ".*")
                .Where(d => File.Exists(Path.Combine(d, "bin", "python")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return match is null
            ? throw new InvalidOperationException($"Python {majorMinor} is not installed under {versions}; the venv tests need it")
            : Path.Combine(match, "bin", "python");
    }

    /// <summary>
    /// A command with PIP_* and PYTHON* removed from its environment (this machine sets PIP_FIND_LINKS), plus the
    /// given overrides; its working directory is <paramref name="workingDirectory"/> so that the caller's directory
    /// (which <c>python -m</c> puts on sys.path) cannot leak distributions into the result.
    /// </summary>
    public static Command Clean(string executable, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
            if (key.StartsWith("PIP_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("PYTHON", StringComparison.OrdinalIgnoreCase) || key == "VIRTUAL_ENV")
                variables[key] = null;
        if (overrides is not null)
            foreach (var (key, value) in overrides) variables[key] = value;

        return CliWrap.Cli.Wrap(executable)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory)
            .WithEnvironmentVariables(variables)
            .WithValidation(CommandResultValidation.None);
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
