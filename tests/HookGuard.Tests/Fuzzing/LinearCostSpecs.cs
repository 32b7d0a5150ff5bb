using System.Diagnostics;
using System.Text;
using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;
using Xunit.Abstractions;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// Large generated inputs, at a size and at twice that size: doubling the input may not more than triple the time (best
/// of three, so a busy machine does not fail it) nor the allocated bytes, and what is allocated stays within a small
/// multiple of the input. Deep nesting and very long lines are among the inputs: they must not blow the stack.
/// </summary>
[Collection(TimedAlone.Name)]
public sealed class LinearCostSpecs(ITestOutputHelper output)
{
    private static readonly MarkerEnvironment Linux312 = MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64");

    private sealed record Case(Func<int, byte[]> Make, Action<byte[]> Parse, int Size);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["requirement file of many lines"] = new(n => Repeat(n, i => $"pkg{i}[extra]>=1.{i % 10},<3 ; python_version >= \"3.8\"  # pinned\n"), RequirementFile, 4_000),
        ["requirement file of one long line"] = new(n => Utf8("a" + new string('b', n * 40) + "==1.0\n"), RequirementFile, 20_000),
        ["requirement file of one long continued line"] = new(n => Repeat(n, _ => "pkg \\\n"), RequirementFile, 20_000),
        ["requirement file of many comments"] = new(n => Repeat(n, i => $"# {i} {new string('x', 40)}\n"), RequirementFile, 8_000),
        ["METADATA of many headers"] = new(n => Utf8("Name: a\nVersion: 1\n" + Text(n, i => $"Requires-Dist: dep{i} (>=1.0); extra == \"x\"\n")), Metadata, 8_000),
        ["METADATA of one folded header"] = new(n => Utf8("Name: a\nVersion: 1\nSummary: s\n" + Text(n, _ => "  more of the summary\n")), Metadata, 8_000),
        ["pyvenv.cfg of many keys"] = new(n => Repeat(n, i => $"key{i} = value {i}\n"), bytes => PyvenvConfigParser.Parse(Encoding.UTF8.GetString(bytes), "pyvenv.cfg"), 8_000),
        ["direct_url.json of a long url"] = new(n => Utf8($"{{\"url\": \"file:///{new string('p', n * 40)}\", \"dir_info\": {{}}}}"), bytes => DirectUrlParser.Parse(Encoding.UTF8.GetString(bytes), "direct_url.json"), 20_000),
        [".hookguard.toml of many ignores"] = new(n => Utf8("ignore = [" + Text(n, i => $"\"dist-{i}\", ") + "]\n"), bytes => ConfigParser.Parse(Encoding.UTF8.GetString(bytes)), 3_000),
        ["TOML of many tables"] = new(n => Repeat(n, i => $"[t{i}]\nname = \"p{i}\"\nv = [1, 2.5, \"s\", {{ a = true }}]\n"), bytes => TomlDocument.Parse("doc.toml", bytes), 3_000),
        ["Python source of many imports"] = new(n => Repeat(n, i => $"try:\n    import m{i}.sub as s, n{i}\nexcept ImportError:\n    s = f\"{{x[\"k\"]!r:>{{w}}}}\"  # import no\n"), Imports, 3_000),
        ["Python source of deeply nested f-strings"] = new(n => Utf8(Text(n, _ => "f'{") + Text(n, _ => "}'") + "\n"), Imports, 20_000),
        ["TOML of deeply nested arrays"] = new(n => Utf8("a = " + new string('[', n) + new string(']', n) + "\n"), Toml, 20_000),
        ["TOML of deeply nested inline tables"] = new(n => Utf8("a = " + Text(n, _ => "{ b = ") + "1" + new string('}', n) + "\n"), Toml, 20_000),
        ["uv.lock of many packages"] = new(n => Utf8("version = 1\nrequires-python = \">=3.8\"\n" + Text(n, i => $"[[package]]\nname = \"p{i}\"\nversion = \"1.{i}\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\nwheels = [{{ url = \"https://f/p{i}.whl\", hash = \"sha256:{i:x64}\" }}]\n")),
            bytes => Lock(DeclarationFormat.UvLock, "uv.lock", bytes), 1_500),
        ["Pipfile.lock of many packages"] = new(n => Utf8("{\"_meta\": {\"pipfile-spec\": 6}, \"default\": {" + string.Join(",", Enumerable.Range(0, n).Select(i => $"\"p{i}\": {{\"version\": \"==1.{i}\", \"markers\": \"python_version >= '3.8'\"}}")) + "}, \"develop\": {}}"),
            bytes => Lock(DeclarationFormat.PipfileLock, "Pipfile.lock", bytes), 1_500),
        ["Pipfile.lock of deep nesting"] = new(n => Utf8(new string('[', n) + new string(']', n)), bytes => Lock(DeclarationFormat.PipfileLock, "Pipfile.lock", bytes), 20_000),
        ["marker of a long and-chain"] = new(n => Utf8(Text(n, i => $"python_version >= '3.{i % 9}' and ") + "os_name == 'posix'"), Marker, 1_500),
        ["marker of deep parentheses"] = new(n => Utf8(new string('(', n) + "os_name == 'posix'" + new string(')', n)), Marker, 20_000),
        ["specifier set of many clauses"] = new(n => Utf8(string.Join(",", Enumerable.Range(0, n).Select(i => $"!=1.{i}.*"))), bytes => SpecifierSet.Parse(Encoding.UTF8.GetString(bytes)).Contains("2.0"), 1_500),
        ["version of many release parts"] = new(n => Utf8(string.Join(".", Enumerable.Range(0, n).Select(i => (i % 97).ToString()))), bytes => PythonVersion.TryParse(Encoding.UTF8.GetString(bytes), out _), 20_000),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Four_times_the_input_costs_at_most_nine_times_the_time_and_the_allocations(string name)
    {
        var subject = Cases[name];
        var small = subject.Make(subject.Size);
        var large = subject.Make(subject.Size * 4);
        Measure(subject.Parse, small); // warm up the JIT

        // Timing on a shared machine: a quadratic parser fails every attempt, a linear one on a busy moment only.
        double smallTime = 0, largeTime = 0;
        long smallBytes = 0, largeBytes = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (smallTime, smallBytes) = Measure(subject.Parse, small);
            (largeTime, largeBytes) = Measure(subject.Parse, large);
            // Five milliseconds of slack: at this size a scheduler tick on a shared machine is most of the time.
            if (largeTime <= 9 * smallTime + 0.005) break;
        }
        output.WriteLine($"{name}: {small.Length:N0} B in {smallTime * 1000:F1} ms ({smallBytes:N0} B allocated), {large.Length:N0} B in {largeTime * 1000:F1} ms ({largeBytes:N0} B allocated)");

        Assert.True(largeTime <= 9 * smallTime + 0.005,
            $"{name}: {small.Length} bytes took {smallTime * 1000:F1} ms, {large.Length} bytes {largeTime * 1000:F1} ms");
        Assert.True(largeBytes <= 9 * smallBytes + 64 * 1024,
            $"{name}: {small.Length} bytes allocated {smallBytes:N0}, {large.Length} bytes {largeBytes:N0}");
        // Bounded memory: a constant per input byte (the heaviest, a specifier set's regular expressions, is ~125).
        Assert.True(largeBytes <= 256L * large.Length + 1024 * 1024, $"{name}: {large.Length} bytes allocated {largeBytes:N0}");
    }

    private static (double Seconds, long Bytes) Measure(Action<byte[]> parse, byte[] input)
    {
        var best = double.MaxValue;
        var bytes = long.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            // A collection owed by an earlier run would otherwise land in this one's time.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            ParserContract.Holds(expectedFile: null, () => parse(input));
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            bytes = Math.Min(bytes, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }
        return (best, bytes);
    }

    private static void RequirementFile(byte[] bytes) => RequirementFileParser.Parse("requirements.txt", bytes, _ => null);

    private static void Metadata(byte[] bytes) => MetadataParser.Parse(Encoding.UTF8.GetString(bytes), "METADATA");

    private static void Imports(byte[] bytes) => HookGuard.Core.Imports.PythonImportReader.Read(bytes);

    private static void Toml(byte[] bytes) => TomlDocument.Parse("doc.toml", bytes);

    private static void Marker(byte[] bytes) => Core.Packaging.Marker.Parse(Encoding.UTF8.GetString(bytes)).Evaluate(Linux312);

    private static void Lock(DeclarationFormat format, string file, byte[] bytes) =>
        DeclarationReaders.Read(format, new DeclarationInput("", file, bytes, _ => null, Linux312, null, new HashSet<string>()));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(int count, Func<int, string> line)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++) text.Append(line(i));
        return text.ToString();
    }

    private static byte[] Repeat(int count, Func<int, string> line) => Utf8(Text(count, line));
}
