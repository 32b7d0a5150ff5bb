using System.Diagnostics;
using System.Text;
using CsCheck;
using HookGuard.Core.Imports;
using HookGuard.Tests.Fuzzing;

namespace HookGuard.Tests.Imports;

/// <summary>
/// The metadata-file readers never throw, whatever the bytes (garbage gives fewer names), and their cost grows with
/// the input, not faster (the same bound as Fuzzing/LinearCostSpecs: four times the input, at most nine times the time).
/// </summary>
[Collection(Fuzzing.TimedAlone.Name)]
public sealed class DistributionModulesFuzzSpecs
{
    private static readonly ModuleFileSuffixes Linux = new(3, 13, windows: false);
    private static readonly ModuleFileSuffixes Windows = new(3, 12, windows: true);

    private static readonly byte[][] Seeds =
    [
        Encoding.UTF8.GetBytes("pkg/__init__.py,sha256=abc,12\n\"q,x/y.py\",,\n__pycache__/m.cpython-313.pyc,,\n../../bin/t,,\nm.abi3.so,,\r\n"),
        Encoding.UTF8.GetBytes("\uFEFFPIL\n_imaging\n"),
        Encoding.UTF8.GetBytes("../legacy/__init__.py\n/abs\n..\\..\\x.py\n"),
        Encoding.UTF8.GetBytes("MAPPING = {'a': '/x', \"b\\\"c\": 'y'}\nNAMESPACES: dict[str, list[str]] = {'n': ['/p', '/q']}\n"),
    ];

    [Fact]
    public void Every_reader_returns_on_hostile_input() =>
        HostileBytes.From(Seeds).Sample(bytes =>
        {
            var text = Encoding.UTF8.GetString(bytes);
            Assert.NotNull(DistributionModules.FromTopLevelText(text));
            Assert.NotNull(DistributionModules.FromRecord(text, Linux));
            Assert.NotNull(DistributionModules.FromRecord(text, Windows));
            Assert.NotNull(DistributionModules.FromInstalledFiles(text, "x-1.0.egg-info", Linux));
            Assert.NotNull(DistributionModules.FromSourcesText(text, Linux));
            Assert.NotNull(EditableFinderMapping.TopLevelNames(text));
            foreach (var entry in DistributionModules.FromRecord(text, Linux))
                Assert.True(entry.ModuleName is null || !entry.ModuleName.Contains('.'), entry.ModuleName);
        }, iter: FuzzBudget.Iterations, threads: 1);

    [Fact]
    public void Generated_records_give_one_name_per_top_level_entry() =>
        Gen.Select(Gen.Int[1, 40], Gen.Bool, Gen.Bool).Array[1, 30].Sample(rows =>
        {
            var record = new StringBuilder();
            foreach (var (index, nested, quoted) in rows)
            {
                var path = nested ? $"p{index}/m.py" : $"m{index}.py";
                record.Append(quoted ? $"\"{path}\"" : path).Append(",sha256=x,1\n");
            }
            var expected = rows.Select(r => r.Item2 ? $"p{r.Item1}" : $"m{r.Item1}").Distinct().ToList();

            Assert.Equal(expected, DistributionModules.FromRecord(record.ToString(), Linux).Select(e => e.ModuleName));
        }, iter: FuzzBudget.Iterations, threads: 1);

    [Theory]
    [InlineData("record")]
    [InlineData("one long line")]
    [InlineData("finder")]
    public void Four_times_the_input_costs_at_most_nine_times_the_time(string shape)
    {
        string Make(int n) => shape switch
        {
            "record" => string.Concat(Enumerable.Range(0, n).Select(i => $"pkg{i % 50}/sub/mod{i}.py,sha256=abcdefghijklmnop,{i}\n")),
            "one long line" => "\"" + new string('a', n * 40),
            _ => "MAPPING = {" + string.Concat(Enumerable.Range(0, n).Select(i => $"'p{i}.x': '/src/p{i}', ")) + "}\n",
        };
        void Run(string text)
        {
            DistributionModules.FromRecord(text, Linux);
            EditableFinderMapping.TopLevelNames(text);
        }

        var smallInput = Make(5_000);
        var largeInput = Make(20_000);
        for (var i = 0; i < 30; i++) Run(smallInput); // past tiered JIT's first tiers, which would time the compiler
        var small = Best(() => Run(smallInput));
        var large = Best(() => Run(largeInput));

        // Quadratic would be 16 times; the slack absorbs a machine shared with other work.
        Assert.True(large < small * 9 + 0.01, $"{shape}: {small:F4}s at n, {large:F4}s at 4n");
    }

    private static double Best(Action action)
    {
        var best = double.MaxValue;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            action();
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        return best;
    }
}
