using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// pip freeze hides setuptools, distribute and wheel only below Python 3.12 (pip ≥ 23.2), and always hides
/// python, wsgiref, argparse. These venvs have no pip of their own: python3's pip freezes them through --python.
/// </summary>
public class HiddenBuildBackendSpecs(HiddenBuildBackendSpecs.Shape venvs) : IClassFixture<HiddenBuildBackendSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        public static readonly (string Name, string Version)[] Distributions =
        [
            ("setuptools", "99.0"), ("Wheel", "0.99"), ("distribute", "0.7.3"),
            ("wsgiref", "0.1.2"), ("argparse", "1.4.0"), ("Python", "1.0"), ("visible", "1.0"),
        ];

        protected override async Task ShapeAsync(PythonVenv venv)
        {
            foreach (var (name, version) in Distributions) venv.BuildWheel(name, version);
            await venv.InstallAsync([.. Distributions.Select(d => d.Name)]);
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_hide_the_same_distributions_as_pip_freeze(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
    }

    [Theory]
    [InlineData("3.8", new[] { "visible" })]
    [InlineData("3.11", new[] { "visible" })]
    [InlineData("3.13", new[] { "distribute", "setuptools", "visible", "wheel" })]
    public void Build_backends_are_shown_from_Python_3_12_on(string python, string[] shown)
    {
        var installed = venvs[python].Installed;

        Assert.Equal(shown, installed.Distributions.Select(d => d.NormalizedName).Order(StringComparer.Ordinal));
        Assert.Equal(Shape.Distributions.Length, installed.Distributions.Count + installed.Hidden.Count);
    }
}
