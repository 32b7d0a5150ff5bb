using HookGuard.Core.Installed;

namespace HookGuard.Tests.Installed;

public class PipFreezeHiddenNamesSpecs
{
    // Always hidden: pip's stdlib_pkgs (argparse, python, wsgiref).
    [Theory]
    [InlineData("23.0.1", 3, 8)]
    [InlineData("23.0.1", 3, 12)] // pip 23.0 hid build backends whatever the Python
    [InlineData("22.3", 3, 13)]
    [InlineData("23.2.1", 3, 11)]
    [InlineData("24.2", 3, 9)]
    [InlineData(null, 3, 11)]
    public void Hides_pip_and_the_build_backends_for_old_pips_or_old_pythons(string? pip, int major, int minor)
    {
        var hidden = PipFreezeHiddenNames.For(pip, (major, minor));

        Assert.Equal(["argparse", "distribute", "pip", "python", "setuptools", "wheel", "wsgiref"], hidden.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("23.2.1", 3, 12)]
    [InlineData("24.2", 3, 13)]
    [InlineData("25.0", 3, 14)]
    [InlineData(null, 3, 12)]
    public void Hides_only_pip_when_pip_23_2_or_later_runs_on_Python_3_12_or_later(string? pip, int major, int minor)
    {
        var hidden = PipFreezeHiddenNames.For(pip, (major, minor));

        Assert.Equal(["argparse", "pip", "python", "wsgiref"], hidden.Order(StringComparer.Ordinal));
    }
}
