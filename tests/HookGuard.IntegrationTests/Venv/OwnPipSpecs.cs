using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// Venvs made with plain <c>python -m venv</c> carry ensurepip's pip (and setuptools below 3.12); their own pip
/// freezes them, and its version decides what it hides (pip 23.0.1 on 3.8 hides setuptools unconditionally).
/// </summary>
public class OwnPipSpecs(OwnPipSpecs.Shape venvs) : IClassFixture<OwnPipSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        protected override bool WithPip => true;
        protected override bool AlsoFreezeAll => true;

        protected override async Task ShapeAsync(PythonVenv venv)
        {
            venv.BuildWheel("attrs-like", "23.1.0");
            await venv.InstallAsync("attrs-like");
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_agree_with_the_venvs_own_pip_freeze(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
        Assert.Equal(["attrs-like"], outcome.HookGuard.Select(e => e.Name));
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void The_venvs_pip_is_installed_but_hidden(string python)
    {
        var hidden = venvs[python].Installed.Hidden;

        Assert.Contains(hidden, d => d.NormalizedName == "pip");
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void What_I_hide_is_what_pip_freeze_all_adds(string python)
    {
        var outcome = venvs[python];

        var all = FrozenEntry.ParseFreeze(outcome.FreezeAllOutput!);

        var mine = FrozenEntry.FromInstalled(outcome.Installed.Distributions.Concat(outcome.Installed.Hidden), outcome.DisplayedVersions);
        Assert.Equal(all, mine);
        Assert.NotEqual(all.Count, outcome.PipFreeze.Count);
    }
}
