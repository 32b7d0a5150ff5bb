using System.Text;
using BenchmarkDotNet.Attributes;
using HookGuard.Core.Installed;
using HookGuard.Core.Requirements;

namespace HookGuard.Benchmarks;

/// <summary>Parsing what a check reads: one realistic 300-line requirements file, one METADATA header block.</summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private byte[] _requirements = [];
    private string _metadata = "";

    [GlobalSetup]
    public void SetUp()
    {
        _requirements = Encoding.UTF8.GetBytes(Inputs.RequirementsFile(300));
        _metadata = Inputs.Metadata("requests-toolbelt", "1.0.0", requiresDist: 6);
    }

    [Benchmark(Description = "RequirementFileParser.Parse, 300 lines")]
    public ParsedRequirementFile ParseRequirementsFile() =>
        RequirementFileParser.Parse("app/requirements.txt", _requirements, _ => null);

    [Benchmark(Description = "MetadataParser.Parse, one METADATA")]
    public DistributionMetadata ParseMetadata() => MetadataParser.Parse(_metadata, "METADATA");
}
