using BenchmarkDotNet.Attributes;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Venv;

namespace HookGuard.Benchmarks;

/// <summary>
/// Reading a venv from disk (<see cref="VenvReader.Read"/>), on a synthetic venv written at set-up: <c>pyvenv.cfg</c>,
/// <c>lib/python3.11/site-packages</c> with N <c>*.dist-info</c> directories (METADATA with realistic headers and body,
/// RECORD, INSTALLER, WHEEL) and a package directory each, as a wheel installer leaves them. The files stay in the page
/// cache, as they are for a developer committing in a venv they use.
/// </summary>
[MemoryDiagnoser]
public class VenvBenchmarks
{
    private string _venv = "";

    [Params(100, 2000)]
    public int Distributions { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        _venv = Path.Combine(Path.GetTempPath(), $"hookguard-bench-venv-{Distributions}-{Environment.ProcessId}");
        var site = Path.Combine(_venv, "lib", "python3.11", "site-packages");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(_venv, "pyvenv.cfg"), "home = /usr/bin\ninclude-system-site-packages = false\nversion = 3.11.7\n");
        foreach (var (name, version) in Inputs.Distributions(Distributions))
        {
            var wheelName = name.Replace('-', '_');
            var info = Directory.CreateDirectory(Path.Combine(site, $"{wheelName}-{version}.dist-info")).FullName;
            File.WriteAllText(Path.Combine(info, "METADATA"), Inputs.Metadata(name, version, requiresDist: 4));
            File.WriteAllText(Path.Combine(info, "INSTALLER"), "pip\n");
            File.WriteAllText(Path.Combine(info, "WHEEL"), "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n");
            File.WriteAllText(Path.Combine(info, "RECORD"), $"{wheelName}/__init__.py,,\n");
            var package = Directory.CreateDirectory(Path.Combine(site, wheelName.ToLowerInvariant())).FullName;
            File.WriteAllText(Path.Combine(package, "__init__.py"), "");
        }
    }

    [GlobalCleanup]
    public void CleanUp() => Directory.Delete(_venv, recursive: true);

    [Benchmark(Description = "VenvReader.Read")]
    public InstalledSet Read() => VenvReader.Read(_venv, _ => null);
}

/// <summary>PEP 503 name normalization: computed on every access of a <c>NormalizedName</c> property.</summary>
[MemoryDiagnoser]
public class PackageNameBenchmarks
{
    [Benchmark(Description = "PackageName.Normalize(\"typing_extensions\")")]
    public string Normalize() => PackageName.Normalize("typing_extensions");

    [Benchmark(Description = "InstalledDistribution.NormalizedName (property)")]
    public string Property() => Distribution.NormalizedName;

    private static readonly InstalledDistribution Distribution = new("Typing_Extensions", "4.9.0", "/site", null, []);
}
