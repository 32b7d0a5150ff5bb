namespace HookGuard.Fuzz;

/// <summary>
/// One parser under afl-fuzz. <see cref="Run"/> takes any bytes and returns when the parser gave a result or its own
/// declared, located error; anything else escapes it, which SharpFuzz reports to afl-fuzz as a crash. So a crash is a
/// bug by definition: an exception the parser does not declare, a stack overflow, a broken round trip.
/// </summary>
/// <param name="Name">The name <c>fuzz/run.sh</c> takes.</param>
/// <param name="Run">The parser and its contract.</param>
/// <param name="Seeds">Valid inputs afl-fuzz starts from (<see cref="SeedCorpus"/>).</param>
internal sealed record FuzzTarget(string Name, Action<byte[]> Run, Func<IEnumerable<byte[]>> Seeds);
