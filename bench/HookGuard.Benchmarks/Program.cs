using BenchmarkDotNet.Running;
using HookGuard.Benchmarks;

// `phases REPO ...`: the stopwatch profile of one check on a real repository (see CheckPhases);
// anything else goes to BenchmarkDotNet, e.g. `--filter '*' --job short`.
return args is ["phases", .. var rest]
    ? CheckPhases.Run(rest)
    : RunBenchmarks(args);

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Inputs).Assembly).Run(args);
    return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
}
