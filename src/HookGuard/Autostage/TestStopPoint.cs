namespace HookGuard.Autostage;

/// <summary>
/// Fault injection for the fault specs (README.md, "Merges, bad input and faults"): with <c>HOOKGUARD_TEST_STOP_AT=STEP</c>, autostage kills
/// its own process with SIGKILL, as <c>kill -9</c> or a power cut would stop it, right after write step STEP:
/// <c>index</c> (the index being committed has the fix), <c>main-index</c> (the repository's index during a partial
/// commit), <c>work-tree</c> (the work-tree file replaced). Read only on autostage's write path, so an ordinary check
/// never looks at it; it exists so a test can prove what a kill at each step leaves behind.
/// </summary>
internal static class TestStopPoint
{
    public const string Variable = "HOOKGUARD_TEST_STOP_AT";

    public static void After(string step, Func<string, string?> variables)
    {
        if (variables(Variable) == step)
        {
            System.Diagnostics.Process.GetCurrentProcess().Kill();
        }
    }
}
