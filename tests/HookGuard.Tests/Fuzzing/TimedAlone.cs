namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// The specs that compare timings (four times the input, at most nine times the time) run in this collection: after
/// the parallel classes and on their own, so that the suite's other classes on a small machine are not most of what is
/// measured. A linear parser timed beside them has failed on a busy moment (LinearCostSpecs' long requirement line,
/// 3.2 ms against 46 ms, while its allocations were exactly four times).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedAlone
{
    public const string Name = "timed alone";
}
