using System.Text;
using BenchmarkDotNet.Attributes;
using HookGuard.Core.Installed;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Benchmarks;

/// <summary>
/// Parsing what a check reads: one realistic 300-line requirements file mixing pip's features, a 2,000-line
/// <c>pip freeze</c>-style file (the shape most large files have), one METADATA header block, and a 2 MB uv.lock of 500
/// packages with 15 wheels each (the size at which Tomlyn took 250-330 ms under NativeAOT).
/// </summary>
[MemoryDiagnoser]
public class ParsingBenchmarks
{
    private byte[] _requirements = [];
    private byte[] _freeze = [];
    private byte[] _plainFreeze = [];
    private string _metadata = "";
    private byte[] _uvLock = [];

    [GlobalSetup]
    public void SetUp()
    {
        _requirements = Encoding.UTF8.GetBytes(Inputs.RequirementsFile(300));
        _freeze = Encoding.UTF8.GetBytes(Inputs.FreezeFile(2000));
        _plainFreeze = Encoding.UTF8.GetBytes(Inputs.PlainFreezeFile(2000));
        _metadata = Inputs.Metadata("requests-toolbelt", "1.0.0", requiresDist: 6);
        _uvLock = Encoding.UTF8.GetBytes(UvLock(packages: 500, wheels: 15));
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

    [Benchmark(Description = "TomlDocument.Parse, uv.lock 500 packages x 15 wheels (2 MB)")]
    public TomlTable ParseUvLock() => TomlDocument.Parse("uv.lock", _uvLock);

    /// <summary>A uv.lock shaped like uv 0.5's: per package a registry source, three dependencies, an sdist, wheels.</summary>
    private static string UvLock(int packages, int wheels)
    {
        var random = new Random(1);
        var text = new StringBuilder("version = 1\nrevision = 2\nrequires-python = \">=3.11\"\n\n");
        var hashA = new string('a', 64);
        var hashB = new string('b', 64);
        for (var i = 0; i < packages; i++)
        {
            var name = $"pkg-{i}";
            text.Append("[[package]]\n")
                .Append($"name = \"{name}\"\nversion = \"1.{i}.0\"\n")
                .Append("source = { registry = \"https://pypi.org/simple\" }\n")
                .Append("dependencies = [\n");
            for (var d = 0; d < 3; d++)
            {
                text.Append($"    {{ name = \"pkg-{random.Next(packages)}\", marker = \"python_full_version >= '3.12'\" }},\n");
            }

            text.Append("]\n")
                .Append($"sdist = {{ url = \"https://files.pythonhosted.org/packages/aa/bb/{name}-1.{i}.0.tar.gz\", hash = \"sha256:{hashA}\", size = 123456, upload-time = \"2024-01-01T00:00:00Z\" }}\n")
                .Append("wheels = [\n");
            for (var w = 0; w < wheels; w++)
            {
                text.Append($"    {{ url = \"https://files.pythonhosted.org/packages/aa/bb/{name}-1.{i}.0-cp3{w}-manylinux.whl\", hash = \"sha256:{hashB}\", size = 12345, upload-time = \"2024-01-01T00:00:00Z\" }},\n");
            }

            text.Append("]\n\n");
        }

        return text.ToString();
    }
}
