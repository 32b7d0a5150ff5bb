using HookGuard.Core.Declarations;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;

namespace HookGuard.Core.Reporting;

/// <summary>
/// The exact command that makes a finding go away. An undeclared distribution or a stale pin is fixed in the file
/// (<c>hookguard fix</c> rewrites it as <c>pip freeze</c> would); a declared distribution that is missing is fixed in
/// the venv, since HookGuard never deletes a declaration the user wrote (SPEC sec. 5).
/// </summary>
public static class FixSuggestion
{
    /// <remarks>
    /// Against a lock, every finding is fixed by the lock's tool (<c>uv sync</c> installs what is locked and removes what
    /// is not), and a stale lock by its lock command; HookGuard never rewrites a lock (SPEC sec. 9). Against
    /// <c>pyproject.toml</c> or a <c>Pipfile</c> (policy top-level), an undeclared distribution is added with the tool's
    /// own command, and the rest is the tool's sync (or pip, for a project no tool manages).
    /// </remarks>
    public static string For(DriftReport report, Finding finding) => finding.Kind switch
    {
        FindingKind.StaleLock => InProject(report, report.Tool.LockCommand ?? report.Tool.SyncCommand),
        _ when report.AgainstLock => InProject(report, report.Tool.SyncCommand),
        FindingKind.Undeclared when report.Format != DeclarationFormat.RequirementFiles => AddCommand(report, finding),
        FindingKind.NotInstalled => InstallCommand(report, finding),
        _ when report.Format != DeclarationFormat.RequirementFiles && report.Tool != DeclarationTool.Pip =>
            InProject(report, report.Tool.SyncCommand),
        FindingKind.VersionMismatch when report.Format != DeclarationFormat.RequirementFiles => InstallCommand(report, finding),
        _ => ForProject(report.ProjectPath),
    };

    /// <summary>A tool's command, run in the project's directory (hooks and CI run at the work-tree root).</summary>
    public static string InProject(DriftReport report, string command) =>
        report.ProjectPath.Length == 0 ? command : $"cd {Shell.Quote(report.ProjectPath)} && {command}";

    // Declaring the installed version as a lower bound, as `uv add` and `poetry add` would write it.
    private static string AddCommand(DriftReport report, Finding finding)
    {
        var requirement = Shell.Quote($"{finding.Name}>={finding.InstalledVersion}");
        return report.Tool.Name switch
        {
            "uv" => InProject(report, $"uv add {requirement}"),
            "poetry" => InProject(report, $"poetry add {requirement}"),
            "pdm" => InProject(report, $"pdm add {requirement}"),
            "pipenv" => InProject(report, $"pipenv install {requirement}"),
            _ => $"add {requirement} to [project].dependencies in {report.RequirementFiles.FirstOrDefault() ?? "pyproject.toml"}",
        };
    }

    /// <summary><c>hookguard fix PROJECT</c>.</summary>
    public static string ForProject(string projectPath) => $"hookguard fix {Shell.Quote(RepoPath.Display(projectPath))}";

    private static string InstallCommand(DriftReport report, Finding finding)
    {
        var python = Shell.Quote(VenvPython(report.VenvPath));
        var requirement = finding.Declared?.Requirement;
        if (finding.Declared is { Editable: false } && requirement is not null)
        {
            var extras = requirement.Extras.Count > 0 ? $"[{string.Join(',', requirement.Extras)}]" : "";
            var named = requirement.Url is { } url
                ? $"{requirement.Name}{extras} @ {url}"
                : $"{requirement.Name}{extras}{requirement.Specifier}";
            return $"{python} -m pip install {Shell.Quote(named)}";
        }

        // A path or URL the project declares as written ("-e .", "./libs/x"). pip reads such paths from its working
        // directory; the command is meant for the work-tree root (where hooks run), so a relative path is prefixed
        // with the project's directory.
        var text = FindingText.Declared(finding) ?? finding.Name;
        var (editable, target) = SplitEditable(text);
        if (!target.Contains("://", StringComparison.Ordinal) && !IsAbsolute(target) && report.ProjectPath.Length > 0)
        {
            target = "./" + RepoPath.Normalize(RepoPath.Join(report.ProjectPath, target));
        }

        var arguments = editable ? new[] { "-e", target } : [target];
        return $"{python} -m pip install {string.Join(' ', arguments.Select(Shell.Quote))}";
    }

    private static (bool Editable, string Target) SplitEditable(string text)
    {
        foreach (var option in new[] { "--editable=", "--editable", "-e" })
        {
            if (text.StartsWith(option, StringComparison.Ordinal))
            {
                return (true, text[option.Length..].Trim());
            }
        }

        return (false, text);
    }

    private static bool IsAbsolute(string path) => path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':');

    /// <summary>The venv's interpreter: <c>Scripts\python.exe</c> on Windows layouts, <c>bin/python</c> elsewhere.</summary>
    private static string VenvPython(string venvPath)
    {
        var windows = venvPath.Contains('\\') || (venvPath.Length >= 2 && venvPath[1] == ':');
        return windows ? venvPath.TrimEnd('\\') + @"\Scripts\python.exe" : venvPath.TrimEnd('/') + "/bin/python";
    }
}
