using BenchmarkDotNet.Attributes;
using HookGuard.Core.Drift;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Benchmarks;

/// <summary>The comparison of a project in sync: N installed distributions, each declared <c>Name==version</c>.</summary>
[MemoryDiagnoser]
public class DriftBenchmarks
{
    private static readonly IReadOnlySet<string> Ignore = new HashSet<string>(["pip", "setuptools", "wheel"]);
    private DeclaredSet _declared = null!;
    private InstalledSet _installed = null!;

    [Params(100, 2000)]
    public int Distributions { get; set; }

    [GlobalSetup]
    public void SetUp() => (_declared, _installed) = Inputs.InSyncProject(Distributions);

    [Benchmark(Description = "DriftChecker.Compare, freeze policy")]
    public DriftReport CompareFreeze() =>
        DriftChecker.Compare(_declared, _installed, Policy.Freeze, Ignore, new ProjectIdentity("app", "/repo/app"));
}

/// <summary>PEP 440 specifier matching, the inner loop of the comparison.</summary>
[MemoryDiagnoser]
public class SpecifierBenchmarks
{
    private readonly SpecifierSet _pin = SpecifierSet.Parse("==2.31.0");
    private readonly SpecifierSet _range = SpecifierSet.Parse(">=1.21.6,<1.28.0,!=1.24.0");
    private readonly SpecifierSet _compatible = SpecifierSet.Parse("~=2.8.post1,!=2.9.*");

    [Benchmark(Description = "SpecifierSet.Contains ==2.31.0")]
    public bool Pin() => _pin.Contains("2.31.0");

    [Benchmark(Description = "SpecifierSet.Contains >=1.21.6,<1.28.0,!=1.24.0")]
    public bool Range() => _range.Contains("1.26.2");

    [Benchmark(Description = "SpecifierSet.Contains ~=2.8.post1,!=2.9.*")]
    public bool Compatible() => _compatible.Contains("2.8.2rc1");

    [Benchmark(Description = "SpecifierSet.Parse >=1.21.6,<1.28.0,!=1.24.0")]
    public SpecifierSet Parse() => SpecifierSet.Parse(">=1.21.6,<1.28.0,!=1.24.0");
}
