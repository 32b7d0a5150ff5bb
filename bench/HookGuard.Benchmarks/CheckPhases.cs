using System.Diagnostics;
using HookGuard.Checking;
using HookGuard.Cli;
using HookGuard.Configuration;
using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Drift;
using HookGuard.Core.Projects;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;
using HookGuard.Git;
using HookGuard.Venv;

namespace HookGuard.Benchmarks;

/// <summary>
/// Where the time of one <c>hookguard check</c> goes, phase by phase, in-process on a real repository: each iteration
/// redoes the whole check from scratch (fresh repository handle, fresh index) with a stopwatch lap per phase, the way
/// <see cref="CheckCommand"/> chains them. Warm-up iterations first, so the JIT is out of the figures; process start
/// (and, for a NativeAOT binary, nothing else) is what the end-to-end figure adds.
/// </summary>
/// <remarks>Usage: <c>dotnet run -c Release -- phases REPO [--index FILE] [--iterations N]</c>.</remarks>
public static class CheckPhases
{
    public static int Run(string[] args)
    {
        if (args.Length < 1)
        {
            Console.Error.WriteLine("usage: phases REPO [--index FILE] [--iterations N]");
            return 2;
        }

        var repo = Path.GetFullPath(args[0]);
        var indexFile = Option(args, "--index");
        var iterations = int.Parse(Option(args, "--iterations") ?? "20", System.Globalization.CultureInfo.InvariantCulture);
        // The process's own environment, as the hook passes it (HOME and XDG_CACHE_HOME locate the metadata cache).
        var environment = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(entry => (string)entry.Key, entry => (string?)entry.Value ?? "", StringComparer.Ordinal);
        environment.Remove("GIT_INDEX_FILE");
        if (indexFile is not null)
        {
            environment["GIT_INDEX_FILE"] = Path.GetFullPath(indexFile);
        }

        var laps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var cpuLaps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var allocatedLaps = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        var stats = "";
        for (var i = 0; i < iterations + 3; i++)
        {
            var recorded = i >= 3;
            var watch = Stopwatch.StartNew();
            var cpu = ThreadCpuMilliseconds();
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            void Lap(string phase)
            {
                var cpuNow = ThreadCpuMilliseconds();
                var allocatedNow = GC.GetAllocatedBytesForCurrentThread();
                if (recorded)
                {
                    if (!laps.TryGetValue(phase, out var list))
                    {
                        laps[phase] = list = [];
                        cpuLaps[phase] = [];
                        allocatedLaps[phase] = [];
                        order.Add(phase);
                    }

                    list.Add(watch.Elapsed.TotalMilliseconds);
                    cpuLaps[phase].Add(cpuNow - cpu);
                    allocatedLaps[phase].Add((allocatedNow - allocated) / 1024.0);
                }

                allocated = GC.GetAllocatedBytesForCurrentThread();
                cpu = ThreadCpuMilliseconds();
                watch.Restart();
            }

            stats = OneCheck(repo, environment, Lap);
        }

        Console.WriteLine($"repo: {repo}{(indexFile is null ? "" : $" (index {indexFile})")}; {stats}");
        Console.WriteLine($"medians of {iterations} in-process iterations (JIT warmed up), milliseconds; cpu = this thread's CPU time;"
            + " alloc = bytes this thread allocated (in a NativeAOT process each fresh KB is a page fault)");
        Console.WriteLine();
        Console.WriteLine($"| {"phase",-70} | {"wall ms",9} | {"cpu ms",9} | {"min cpu",8} | {"alloc KB",9} |");
        Console.WriteLine($"|{new string('-', 72)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 10)}|{new string('-', 11)}|");
        double wallTotal = 0, cpuTotal = 0, allocatedTotal = 0;
        foreach (var phase in order)
        {
            var wall = laps[phase].Order().ToArray();
            var cpuTimes = cpuLaps[phase].Order().ToArray();
            var allocatedMedian = allocatedLaps[phase].Order().ElementAt(allocatedLaps[phase].Count / 2);
            var (wallMedian, cpuMedian) = (wall[wall.Length / 2], cpuTimes[cpuTimes.Length / 2]);
            if (!phase.StartsWith('['))
            {
                (wallTotal, cpuTotal, allocatedTotal) = (wallTotal + wallMedian, cpuTotal + cpuMedian, allocatedTotal + allocatedMedian);
            }

            Console.WriteLine($"| {phase,-70} | {wallMedian,9:F3} | {cpuMedian,9:F3} | {cpuTimes[0],8:F3} | {allocatedMedian,9:F0} |");
            if (phase.StartsWith("report", StringComparison.Ordinal))
            {
                Console.WriteLine($"| {"sum of the check's phases",-70} | {wallTotal,9:F3} | {cpuTotal,9:F3} | {"",8} | {allocatedTotal,9:F0} |");
            }
        }
        return 0;
    }

    private static string OneCheck(string repo, IReadOnlyDictionary<string, string> environment, Action<string> lap)
    {
        string? Variable(string name) => environment.TryGetValue(name, out var value) ? value : null;

        var location = RepositoryLocator.Locate(repo, environment);
        lap("locate repository (RepositoryLocator.Locate)");
        var config = ConfigFile.Load(location.WorkTreeRoot);
        lap("load .hookguard.toml (ConfigFile.Load)");
        using var index = StagedIndex.Open(location, environment, repo);
        lap("open repository + index (StagedIndex.Open)");
        var changes = index.ListStagedChanges();
        lap("staged diff vs HEAD (StagedIndex.ListStagedChanges)");
        var locator = new ProjectLocator(config, new IndexRepositoryPaths(index), index.ReadStagedBytes);
        var projects = locator.ForStagedPaths(changes.Select(change => change.Path));
        lap("project location (ProjectLocator.ForStagedPaths)");
        // The venv first, as ProjectChecker does: a lock is selected by the venv's markers.
        var installed = projects.Select(project =>
        {
            var directory = Path.GetFullPath(Path.Combine(location.WorkTreeRoot, project.Path));
            var venv = VenvLocator.Locate(directory, project.Configuration?.Venv, Variable);
            return VenvReader.Read(venv.Path!, Variable);
        }).ToArray();
        lap("read venvs (VenvLocator + VenvReader.Read)");
        var choices = projects.Select(project => DeclarationChoice.Choose(
            project, project.Configuration?.Policy ?? config.Policy, project.Configuration?.Authoritative ?? config.Authoritative)).ToArray();
        var declarationBlobs = choices.Select(choice => choice.File is { } file ? index.ReadStagedBytes(file) : null).ToArray();
        lap("read staged declaration blobs (lock, pyproject.toml, ...)");
        var declared = projects.Select((project, i) => choices[i].File is { } file
            ? DeclarationReaders.Read(choices[i].Format, new DeclarationInput(
                project.Path, file, declarationBlobs[i]!, index.ReadStagedBytes, installed[i].Environment,
                project.Configuration?.Groups ?? config.Groups,
                installed[i].Distributions.Select(distribution => distribution.NormalizedName).ToHashSet(StringComparer.Ordinal)))
            : DeclaredSetResolver.Resolve(project.RequirementFiles, index.ReadStagedBytes, Variable)).ToArray();
        lap("parse declared sets (requirement files, or the lock / declaration reader)");
        var reports = projects.Select((project, i) => DriftChecker.Compare(
            declared[i], installed[i], choices[i].Policy, config.Ignore,
            new ProjectIdentity(project.Path, Path.Combine(location.WorkTreeRoot, project.Path)))).ToList();
        lap("compare (DriftChecker.Compare)");
        ReportWriters.For(ReportFormat.Text).Write(reports, TextWriter.Null);
        lap("report (TextReportWriter)");

        // Not on the default path (requirement globs are literal): what --all, or a glob in `requirements`, pays.
        var allPaths = index.PathsUnder("");
        lap("[not in default check] StagedIndex.PathsUnder(\"\") (all index paths)");
        using (var fresh = StagedIndex.Open(location, environment, repo))
        {
            _ = fresh.PathsUnder("projects");
        }

        lap("[not in default check] open + PathsUnder(\"projects\") fresh");

        // The whole command, in-process, as the CLI runs it (parsing, checking, writing), for comparison with the sum.
        var context = new CommandContext(repo, TextWriter.Null, TextWriter.Null, environment, OutputIsTerminal: false);
        var exit = HookGuard.Cli.CommandLine.Run(["check"], context);
        lap("[for comparison] whole 'check' in-process (CommandLine.Run)");
        if (exit != 0)
        {
            throw new InvalidOperationException($"check exited {exit} in {repo}");
        }

        return $"{changes.Count} staged change(s), {projects.Count} project(s), {installed.Sum(set => set.Distributions.Count)} distributions, {allPaths.Count} index paths";
    }

    private static double ThreadCpuMilliseconds()
    {
        const int ClockThreadCpuTimeId = 3; // CLOCK_THREAD_CPUTIME_ID (Linux)
        return ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1e3) + (time.Nanoseconds / 1e6) : double.NaN;
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    [System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    private static string? Option(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
