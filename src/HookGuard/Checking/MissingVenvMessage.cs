using HookGuard.Core.Projects;
using HookGuard.Venv;
using HookGuard.Core.Reporting;

namespace HookGuard.Checking;

/// <summary>What to tell the user when a project has no venv to compare with (SPEC 4.5).</summary>
public static class MissingVenvMessage
{
    public static string For(LocatedProject project, bool blocks)
    {
        var where = TerminalText.Escape(RepoPath.Display(project.Path)); // a newline in the name must not print a line
        var looked = string.Join(", ", VenvLocator.ConventionalNames);
        var consequence = blocks
            ? "The commit is blocked (on-missing-venv = \"block\")."
            : "Not checked; the commit may proceed (set on-missing-venv = \"block\" in .hookguard.toml to block instead).";
        return $"hookguard: {where}: no virtualenv found (looked for {looked} with a pyvenv.cfg in the project, then $VIRTUAL_ENV). " +
               $"Create one (python3 -m venv .venv), activate it, or set 'venv' for this project in a [[project]] table of .hookguard.toml. {consequence}";
    }
}
