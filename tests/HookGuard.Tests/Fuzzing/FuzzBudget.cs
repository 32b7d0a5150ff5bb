namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// How many inputs each fuzzed parser gets. The normal suite runs a few hundred per parser (seconds in total); a long
/// run sets <c>HOOKGUARD_FUZZ_ITERATIONS</c>, e.g. <c>HOOKGUARD_FUZZ_ITERATIONS=200000 dotnet test --filter
/// "FullyQualifiedName~Fuzzing"</c>. CsCheck prints the seed of a failure; <c>CsCheck_Seed=SEED</c> replays it.
/// </summary>
internal static class FuzzBudget
{
    public const long DefaultIterations = 400;

    public static long Iterations { get; } =
        long.TryParse(Environment.GetEnvironmentVariable("HOOKGUARD_FUZZ_ITERATIONS"), out var configured) && configured > 0
            ? configured
            : DefaultIterations;
}
