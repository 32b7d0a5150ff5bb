using System.Diagnostics;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>A 100-distribution venv: the same answer as pip freeze, for a small fraction of its cost (SPEC sec. 8).</summary>
public class LargeVenvSpecs(LargeVenvSpecs.Shape venvs) : IClassFixture<LargeVenvSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        public const int Count = 100;

        protected override async Task ShapeAsync(PythonVenv venv)
        {
            var names = new List<string>();
            for (var i = 0; i < Count; i++)
            {
                // Names in every spelling pip accepts; versions of every PEP 440 shape.
                var name = (i % 4) switch { 0 => $"pkg-{i}", 1 => $"Pkg_{i}", 2 => $"pkg.Dotted.{i}", _ => $"PKG{i}" };
                var version = (i % 5) switch { 0 => $"{i}.0", 1 => $"1.{i}.0rc{i % 3}", 2 => $"0.{i}.post1", 3 => $"2!{i}", _ => $"{i}.0.dev1+local" };
                venv.BuildWheel(name, version, [$"pkg-{(i + 1) % Count} >= 0"]);
                names.Add(name);
            }
            await venv.InstallAsync([.. names]);
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_read_the_same_hundred_distributions_as_pip_freeze(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
        Assert.Equal(Shape.Count, outcome.HookGuard.Count);
    }

    [Fact]
    public async Task Reading_costs_a_small_fraction_of_pip_freeze()
    {
        var venv = venvs["3.11"].Venv;
        VenvReader.Read(venv.Path, venv.Environment); // warm up: JIT, file system cache

        var freeze = Stopwatch.StartNew();
        await venv.FreezeAsync();
        freeze.Stop();
        var read = Stopwatch.StartNew();
        VenvReader.Read(venv.Path, venv.Environment);
        read.Stop();

        Assert.True(read.Elapsed * 10 < freeze.Elapsed, $"reading took {read.Elapsed.TotalMilliseconds} ms, pip freeze {freeze.Elapsed.TotalMilliseconds} ms");
    }
}
