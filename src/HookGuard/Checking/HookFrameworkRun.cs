using HookGuard.Cli;

namespace HookGuard.Checking;

/// <summary>
/// Whether hookguard runs as a hook of the pre-commit framework or prek, both of which set <c>PRE_COMMIT=1</c> for the
/// hooks they run (pre-commit's <c>commands/run.py</c>; prek does the same for compatibility).
/// </summary>
/// <remarks>
/// Under them autostage is refused: before the hooks run they stash the unstaged changes away (work tree reset to the
/// index) and put them back afterwards. A hook that writes a requirement file into the index and the work tree then
/// races with that restore: where the stashed patch touches the same file, pre-commit rolls the work tree back and the
/// commit takes an index the user never saw in their work tree. The framework's own convention is the safe one: the
/// hook fails, the user runs the fixer (<c>hookguard fix</c>), looks, stages, and commits again.
/// </remarks>
public static class HookFrameworkRun
{
    /// <summary>The variable pre-commit and prek set in every hook's environment.</summary>
    public const string Variable = "PRE_COMMIT";

    public static bool IsActive(CommandContext context) => context.GetEnvironmentVariable(Variable) is "1";

    /// <summary>What the user reads when autostage was asked for (option or config) and is not done.</summary>
    public const string AutostageRefused =
        "hookguard: autostage is off under pre-commit/prek (PRE_COMMIT=1): they stash your unstaged changes around the " +
        "hooks, so a hook must not stage files. Checking only; to fix, run 'hookguard fix', review, 'git add' the " +
        "requirement files and commit again.";
}
