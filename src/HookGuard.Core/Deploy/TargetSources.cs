using HookGuard.Core.Configuration;
using HookGuard.Core.Projects;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// Finds the deploy target of one project, in the order of SPEC sec. 11, the first source that names one winning:
/// the configuration's <c>target-python</c>, then in the project directory <c>zappa_settings.json</c>,
/// <c>runtime.txt</c>, <c>.python-version</c>, <c>Dockerfile</c> and <c>pyproject.toml</c>'s <c>requires-python</c>;
/// last, a <c>.python-version</c> in a directory above the project, up to the work-tree root.
/// </summary>
/// <remarks>
/// pyenv (and uv) look for <c>.python-version</c> in the parent directories too, so a repository-wide one does select
/// the Python of a project below it; it comes last here because a file in the project's own directory speaks for that
/// project's deploy, while one at the root usually speaks for the developer's shell. Files are read through
/// <c>readFile</c> (the index in a commit check): at most six small reads, plus one per directory above the project.
/// </remarks>
public static class TargetSources
{
    private static readonly (string Name, Func<string, byte[], TargetReading> Read)[] InProjectOrder =
    [
        (ZappaSettingsReader.FileName, ZappaSettingsReader.Read),
        (RuntimeTxtReader.FileName, RuntimeTxtReader.Read),
        (PythonVersionFileReader.FileName, PythonVersionFileReader.Read),
        (DockerfileReader.FileName, DockerfileReader.Read),
        (RequiresPythonReader.FileName, RequiresPythonReader.Read),
    ];

    /// <param name="projectPath">The project directory, repo-relative (<c>""</c> for the root).</param>
    /// <param name="config">The settings: the project's <c>target-python</c>, else the top-level one, beats every file.</param>
    /// <param name="readFile">Reads a repo-relative file as staged; null when there is none.</param>
    public static TargetReading Find(string projectPath, HookGuardConfig config, Func<string, byte[]?> readFile)
    {
        if (Configured(projectPath, config) is { } configured)
        {
            return TargetReading.Of(configured);
        }

        foreach (var (name, read) in InProjectOrder)
        {
            var file = RepoPath.Join(projectPath, name);
            if (readFile(file) is { } content && read(file, content) is { Found: true } reading)
            {
                return reading;
            }
        }

        for (var directory = projectPath; directory.Length > 0;)
        {
            directory = RepoPath.Parent(directory);
            var file = RepoPath.Join(directory, PythonVersionFileReader.FileName);
            if (readFile(file) is { } content && PythonVersionFileReader.Read(file, content) is { Found: true } reading)
            {
                return reading;
            }
        }

        return TargetReading.None;
    }

    /// <summary><c>target-python</c> as a target: no platform (the venv's), the version the config parser validated.</summary>
    private static DeployTarget? Configured(string projectPath, HookGuardConfig config)
    {
        var project = config.FindProject(projectPath);
        var (version, line) = project?.TargetPython is { } own ? (own, project.Line) : (config.TargetPython, 0);
        if (version is null || DeployTarget.MajorMinor(version) is not { } python)
        {
            return null;
        }

        return new DeployTarget(new SourceLocation(HookGuardConfig.FileName, line), $"{HookGuardConfig.FileName} target-python", version)
        {
            Python = python,
            Verb = "is",
            FullVersion = version.Count(character => character == '.') >= 2 ? version : null,
        };
    }
}
