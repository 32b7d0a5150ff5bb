using System.Text;
using BenchmarkDotNet.Attributes;
using HookGuard.Core.Installed;
using HookGuard.Core.Requirements;

namespace HookGuard.Benchmarks;

/// <summary>
/// Parsing what a check reads: one realistic 300-line requirements file mixing pip's features, a 2,000-line
/// <c>pip freeze</c>-style file (the shape most large files have), one METADATA header block.
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private byte[] _requirements = [];
    private byte[] _freeze = [];
    private byte[] _plainFreeze = [];
    private string _metadata = "";

    [GlobalSetup]
    public void SetUp()
    {
        _requirements = Encoding.UTF8.GetBytes(Inputs.RequirementsFile(300));
        _freeze = Encoding.UTF8.GetBytes(Inputs.FreezeFile(2000));
        _plainFreeze = Encoding.UTF8.GetBytes(Inputs.PlainFreezeFile(2000));
        _metadata = Inputs.Metadata("requests-toolbelt", "1.0.0", requiresDist: 6);
    }

    [Benchmark(Description = "RequirementFileParser.Parse, 300 lines")]
    public ParsedRequirementFile ParseRequirementsFile() =>
        RequirementFileParser.Parse("app/requirements.txt", _requirements, _ => null);

    [Benchmark(Description = "RequirementFileParser.Parse, pip freeze 2000 lines")]
    public ParsedRequirementFile ParseFreezeFile() =>
        RequirementFileParser.Parse("app/requirements.txt", _freeze, _ => null);

    [Benchmark(Description = "RequirementFileParser.Parse, 2000 plain name==version lines")]
    public ParsedRequirementFile ParsePlainFreezeFile() =>
        RequirementFileParser.Parse("app/requirements.txt", _plainFreeze, _ => null);

    [Benchmark(Description = "MetadataParser.Parse, one METADATA")]
    public DistributionMetadata ParseMetadata() => MetadataParser.Parse(_metadata, "METADATA");
}
