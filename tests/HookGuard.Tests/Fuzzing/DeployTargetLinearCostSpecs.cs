using System.Diagnostics;
using System.Text;
using HookGuard.Core.Deploy;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// The deploy-target readers held to <see cref="LinearCostSpecs"/>' rule: four times the input (kept under the 1 MiB
/// cap, past which nothing is parsed) costs at most nine times the time and the allocations.
/// Timed alone (a collection that does not run beside the others): the readers are fast enough that the suite's other
/// classes, running in parallel on a small machine, would otherwise be most of what is measured.
/// </summary>
[Collection(TimedAlone.Name)]
public sealed class DeployTargetLinearCostSpecs
{
    private sealed record Case(Func<int, string> Make, Func<string, byte[], TargetReading> Read, int Size);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["zappa_settings.json of many extending stages"] = new(
            n => "{" + string.Join(",\n", Enumerable.Range(0, n).Select(i => i == 0
                ? "\"s0\": {\"runtime\": \"python3.12\"}"
                : $"\"s{i}\": {{\"extends\": \"s{i - 1}\", \"memory_size\": {i}}}")) + "}",
            ZappaSettingsReader.Read, 2_000),
        ["zappa_settings.json of many stages"] = new(
            n => "{" + string.Join(",\n", Enumerable.Range(0, n).Select(i => $"\"s{i}\": {{\"runtime\": \"python3.{i % 14}\", \"x\": [1, 2]}}")) + "}",
            ZappaSettingsReader.Read, 1_000),
        ["Dockerfile of many chained stages"] = new(
            n => "ARG PY=3.12\nFROM python:${PY} AS s0\n" + string.Concat(Enumerable.Range(1, n).Select(i => $"FROM s{i - 1} AS s{i}\nRUN echo \\\n  {i}\n")),
            DockerfileReader.Read, 2_500),
        [".python-version of many comments"] = new(
            n => string.Concat(Enumerable.Range(0, n).Select(i => $"# comment {i}\n")) + "3.12\n",
            PythonVersionFileReader.Read, 8_000),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Four_times_the_input_costs_at_most_nine_times_the_time_and_the_allocations(string name)
    {
        var subject = Cases[name];
        var small = Encoding.UTF8.GetBytes(subject.Make(subject.Size));
        var large = Encoding.UTF8.GetBytes(subject.Make(subject.Size * 4));
        Assert.True(large.Length < TargetText.MaxBytes, $"{name}: the large input must stay under the cap to be parsed");
        Assert.True(subject.Read("f", large).Found);
        Measure(subject.Read, small);

        double smallTime = 0, largeTime = 0;
        long smallBytes = 0, largeBytes = 0;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (smallTime, smallBytes) = Measure(subject.Read, small);
            (largeTime, largeBytes) = Measure(subject.Read, large);
            if (largeTime <= 9 * smallTime + 0.005) break;
        }

        Assert.True(largeTime <= 9 * smallTime + 0.005, $"{name}: {small.Length} bytes took {smallTime * 1000:F1} ms, {large.Length} bytes {largeTime * 1000:F1} ms");
        Assert.True(largeBytes <= 9 * smallBytes + 64 * 1024, $"{name}: {small.Length} bytes allocated {smallBytes:N0}, {large.Length} bytes {largeBytes:N0}");
    }

    private static (double Seconds, long Bytes) Measure(Func<string, byte[], TargetReading> read, byte[] input)
    {
        var best = double.MaxValue;
        var bytes = long.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            read("f", input);
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
            bytes = Math.Min(bytes, GC.GetAllocatedBytesForCurrentThread() - allocated);
        }

        return (best, bytes);
    }
}
