using System.Diagnostics;
using HookGuard.Venv;

namespace HookGuard.Benchmarks;

/// <summary>
/// <c>modules VENV [RUNS] [--cached]</c>: how long <see cref="VenvModules.Read"/> takes on a venv (after <see cref="VenvReader"/>,
/// which is timed apart), best and median of RUNS warm runs in one process, and how many names it found. The first run
/// (cold: JIT, page cache) is printed on its own. With <c>--cached</c>, through the modules cache (the
/// first run fills it).
/// </summary>
public static class ModulesTiming
{
    public static int Run(string[] args)
    {
        var cached = args.Contains("--cached");
        args = args.Where(a => a != "--cached").ToArray();
        if (args.Length is < 1 or > 2) { Console.Error.WriteLine("usage: modules VENV [RUNS] [--cached]"); return 2; }
        var runs = args.Length == 2 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30;
        string? Environment(string name) => name == "HOOKGUARD_NO_CACHE" ? null : System.Environment.GetEnvironmentVariable(name);

        var read = new List<double>();
        var modules = new List<double>();
        var names = 0;
        for (var i = 0; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            var installed = VenvReader.Read(args[0], Environment);
            var afterRead = clock.Elapsed.TotalMilliseconds;
            var providers = cached ? VenvModules.Read(installed, Environment) : VenvModules.Read(installed);
            var total = clock.Elapsed.TotalMilliseconds;
            names = providers.Names.Count();
            if (i == 0)
            {
                Console.WriteLine($"cold: VenvReader.Read {afterRead:F2} ms, VenvModules.Read {total - afterRead:F2} ms; " +
                                  $"{installed.Distributions.Count + installed.Hidden.Count} distributions, {names} names");
                continue;
            }
            read.Add(afterRead);
            modules.Add(total - afterRead);
        }
        read.Sort();
        modules.Sort();
        Console.WriteLine($"warm ({runs} runs): VenvReader.Read best {read[0]:F2} / median {read[runs / 2]:F2} ms; " +
                          $"VenvModules.Read best {modules[0]:F2} / median {modules[runs / 2]:F2} ms");
        return 0;
    }
}
