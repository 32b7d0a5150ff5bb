using CliWrap.Buffered;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// Runs the REAL lock tools of this machine, offline, to write the lock files the end-to-end specs commit: Poetry 1.3.2
/// (<c>poetry lock</c>), Pipenv 2022.12.19 (<c>pipenv lock</c>) and PDM 2.2.1 (<c>pdm lock</c>), each resolving against a
/// <see cref="LocalPackageIndex"/> the project's declaration names as its only source. Every run gets a fresh sandbox:
/// a copy of the project's declaration file in a private directory (so the tools' side files, such as PDM's
/// <c>.pdm.toml</c>, never reach the repository), a private HOME, XDG directories and caches; no <c>PIP_*</c>,
/// <c>PYTHON*</c>, <c>VIRTUAL_ENV</c> or tool variables from the test process. A tool that fails, or writes no lock, fails
/// the test with its whole output: a skipped lock proves nothing.
/// </summary>
public sealed class LockTools : IDisposable
{
    private readonly Lazy<string> _resolverVenv;

    public LockTools()
    {
        Root = Path.Combine(Path.GetTempPath(), "hookguard-locktools-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(Root);
        _resolverVenv = new Lazy<string>(CreateResolverVenv);
    }

    /// <summary>Every sandbox lives under here; removed on dispose.</summary>
    public string Root { get; }

    /// <summary>
    /// <c>poetry lock --no-interaction</c> for the <c>pyproject.toml</c> in <paramref name="projectDirectory"/>; writes
    /// <c>poetry.lock</c> next to it and returns its text. The pyproject must declare the local index as
    /// <c>[[tool.poetry.source]]</c> with <c>default = true</c> (Poetry 1.3 then never asks PyPI). Environment:
    /// <c>POETRY_VIRTUALENVS_CREATE=false</c> (locking needs no venv; Poetry resolves for the interpreter that runs it,
    /// /usr/bin/python3), <c>POETRY_CONFIG_DIR</c> and <c>POETRY_CACHE_DIR</c> in the sandbox
    /// (https://python-poetry.org/docs/1.3/configuration/), <c>POETRY_NO_INTERACTION=1</c>, and the null keyring
    /// (<c>PYTHON_KEYRING_BACKEND</c>): Poetry asks the keyring for a source's credentials, and a desktop keyring on a
    /// headless machine can hang.
    /// </summary>
    public Task<string> PoetryLockAsync(string projectDirectory) =>
        LockAsync("poetry", projectDirectory, "pyproject.toml", "poetry.lock", ["lock", "--no-interaction"], sandbox => new Dictionary<string, string?>
        {
            ["POETRY_VIRTUALENVS_CREATE"] = "false",
            ["POETRY_VIRTUALENVS_PATH"] = Path.Combine(sandbox, "venvs"),
            ["POETRY_CONFIG_DIR"] = Path.Combine(sandbox, "config", "pypoetry"),
            ["POETRY_CACHE_DIR"] = Path.Combine(sandbox, "cache", "pypoetry"),
            ["POETRY_NO_INTERACTION"] = "1",
            ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.null.Keyring",
        });

    /// <summary>
    /// <c>pipenv lock</c> for the <c>Pipfile</c> in <paramref name="projectDirectory"/>; writes <c>Pipfile.lock</c> next to
    /// it and returns its text. The Pipfile's only <c>[[source]]</c> is the local index. Environment: <c>VIRTUAL_ENV</c>
    /// names a pip-less venv of the tests' Python made once for this purpose; Pipenv 2022.12.19 then uses it instead of
    /// creating one (<c>ensure_project</c> skips <c>ensure_virtualenv</c> when <c>project.virtualenv_exists</c>, and an
    /// active <c>VIRTUAL_ENV</c> is that virtualenv unless <c>PIPENV_IGNORE_VIRTUALENVS</c>), and locking runs its own
    /// vendored pip, so the venv stays empty. <c>PIPENV_CACHE_DIR</c> and <c>WORKON_HOME</c> in the sandbox,
    /// <c>PIPENV_DONT_LOAD_ENV</c> (no <c>.env</c>), <c>PIPENV_NOSPIN</c>, <c>PIPENV_YES</c>, <c>PIPENV_VERBOSITY=-1</c>
    /// (no courtesy notice), <c>LANG=C.UTF-8</c> (Pipenv warns, and click may refuse, without a UTF-8 locale).
    /// </summary>
    public Task<string> PipenvLockAsync(string projectDirectory) =>
        LockAsync("pipenv", projectDirectory, "Pipfile", "Pipfile.lock", ["lock"], sandbox => new Dictionary<string, string?>
        {
            ["VIRTUAL_ENV"] = _resolverVenv.Value,
            ["PIPENV_CACHE_DIR"] = Path.Combine(sandbox, "cache", "pipenv"),
            ["WORKON_HOME"] = Path.Combine(sandbox, "venvs"),
            ["PIPENV_DONT_LOAD_ENV"] = "1",
            ["PIPENV_NOSPIN"] = "1",
            ["PIPENV_YES"] = "1",
            ["PIPENV_VERBOSITY"] = "-1",
        });

    /// <summary>
    /// <c>pdm lock</c> for the <c>pyproject.toml</c> in <paramref name="projectDirectory"/>; writes <c>pdm.lock</c> next to
    /// it and returns its text. The pyproject's <c>[[tool.pdm.source]]</c> is named <c>pypi</c>, which replaces PDM's
    /// default PyPI source (https://pdm-project.org/2.2/usage/config/#configure-the-package-indexes). Environment:
    /// <c>PDM_CHECK_UPDATE=false</c> (PDM 2.2 otherwise asks PyPI for a newer PDM), <c>PDM_PYTHON</c> the tests' Python
    /// (PDM records it in the sandbox's <c>.pdm.toml</c>, which is why the tool runs in a copy), <c>PDM_USE_VENV=false</c>,
    /// <c>PDM_CACHE_DIR</c> in the sandbox; PDM's global config is under <c>XDG_CONFIG_HOME</c>.
    /// </summary>
    public Task<string> PdmLockAsync(string projectDirectory) =>
        LockAsync("pdm", projectDirectory, "pyproject.toml", "pdm.lock", ["lock"], sandbox => new Dictionary<string, string?>
        {
            ["PDM_CHECK_UPDATE"] = "false",
            ["PDM_PYTHON"] = WheelhouseVenvs.Python,
            ["PDM_USE_VENV"] = "false",
            ["PDM_CACHE_DIR"] = Path.Combine(sandbox, "cache", "pdm"),
        });

    private async Task<string> LockAsync(string tool, string projectDirectory, string declarationFile, string lockFile, string[] arguments,
        Func<string, Dictionary<string, string?>> toolEnvironment)
    {
        var executable = FindTool(tool);
        var sandbox = Path.Combine(Root, tool + "-" + Guid.NewGuid().ToString("N")[..8]);
        var project = Directory.CreateDirectory(Path.Combine(sandbox, "project")).FullName;
        File.Copy(Path.Combine(projectDirectory, declarationFile), Path.Combine(project, declarationFile));

        var environment = SandboxEnvironment(sandbox);
        foreach (var (name, value) in toolEnvironment(sandbox)) environment[name] = value;
        var result = await PythonInterpreters.Clean(executable, arguments, project, environment).ExecuteBufferedAsync();

        var written = Path.Combine(project, lockFile);
        if (result.ExitCode != 0 || !File.Exists(written))
        {
            throw new InvalidOperationException(
                $"{tool} {string.Join(' ', arguments)} in {project} failed (exit {result.ExitCode}, {lockFile} {(File.Exists(written) ? "written" : "not written")}):\n" +
                $"stdout:\n{result.StandardOutput}\nstderr:\n{result.StandardError}");
        }

        var bytes = await File.ReadAllBytesAsync(written);
        await File.WriteAllBytesAsync(Path.Combine(projectDirectory, lockFile), bytes);
        return System.Text.Encoding.UTF8.GetString(bytes);
    }

    /// <summary>
    /// What every tool gets: a private HOME and XDG directories (user config, caches and data: Poetry, Pipenv's
    /// virtualenv seeder and PDM all use platformdirs), tool variables of the test process removed. PIP_*, PYTHON* and
    /// VIRTUAL_ENV are removed by <see cref="PythonInterpreters.Clean"/> itself.
    /// </summary>
    private static Dictionary<string, string?> SandboxEnvironment(string sandbox)
    {
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var key in Environment.GetEnvironmentVariables().Keys.Cast<string>())
        {
            if (key.StartsWith("POETRY_", StringComparison.Ordinal) || key.StartsWith("PIPENV_", StringComparison.Ordinal)
                || key.StartsWith("PDM_", StringComparison.Ordinal) || key is "WORKON_HOME" or "PYENV_VERSION")
            {
                environment[key] = null;
            }
        }

        var home = Directory.CreateDirectory(Path.Combine(sandbox, "home")).FullName;
        environment["HOME"] = home;
        environment["XDG_CONFIG_HOME"] = Path.Combine(home, ".config");
        environment["XDG_CACHE_HOME"] = Path.Combine(home, ".cache");
        environment["XDG_DATA_HOME"] = Path.Combine(home, ".local", "share");
        environment["LANG"] = "C.UTF-8";
        environment["LC_ALL"] = "C.UTF-8";
        return environment;
    }

    /// <summary>The Debian packages install the tools in /usr/bin; PATH first, so a developer's own install also works.</summary>
    private static string FindTool(string name)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        return onPath ?? (File.Exists("/usr/bin/" + name)
            ? "/usr/bin/" + name
            : throw new InvalidOperationException(
                $"'{name}' is not installed; the lock-file specs run the real tool (.ci/run installs python3-poetry, pipenv, python3-pdm)"));
    }

    private string CreateResolverVenv()
    {
        var venv = Path.Combine(Root, "pipenv-resolver-venv");
        var result = PythonInterpreters.Clean(WheelhouseVenvs.Python, ["-m", "venv", "--without-pip", venv], Root)
            .ExecuteBufferedAsync().GetAwaiter().GetResult();
        return result.ExitCode == 0
            ? venv
            : throw new InvalidOperationException($"python -m venv {venv} failed:\n{result.StandardOutput}\n{result.StandardError}");
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* best effort: a temp directory */ }
        catch (UnauthorizedAccessException) { }
    }
}
