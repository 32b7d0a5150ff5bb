using BenchmarkDotNet.Running;
using HookGuard.Benchmarks;

// `phases REPO ...`: the stopwatch profile of one check on a real repository (see CheckPhases);
// `modules VENV [RUNS]`: the import lookup's cost on a venv (see ModulesTiming);
// anything else goes to BenchmarkDotNet, e.g. `--filter '*' --job short`.
return args switch
{
    ["phases", .. var rest] => CheckPhases.Run(rest),
    ["modules", .. var rest] => ModulesTiming.Run(rest),
    _ => RunBenchmarks(args),
};

static int RunBenchmarks(string[] args)
{
    var summaries = BenchmarkSwitcher.FromAssembly(typeof(Inputs).Assembly).Run(args);
    return summaries.Any(summary => summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success)) ? 1 : 0;
}
