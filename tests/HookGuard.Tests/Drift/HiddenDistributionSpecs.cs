using HookGuard.Core.Drift;
using static HookGuard.Tests.Drift.DriftFixtures;

namespace HookGuard.Tests.Drift;

/// <summary>Distributions pip freeze hides (pip itself, setuptools/wheel on older Pythons) are still installed.</summary>
public class HiddenDistributionSpecs
{
    [Fact]
    public void A_declared_distribution_that_pip_freeze_hides_is_installed_not_missing()
    {
        var declared = Declared(Line(1, "flask==2.0"), Line(2, "setuptools==69.0.3"));
        var installed = VenvHolding(Dist("Flask", "2.0")) with { Hidden = [Dist("setuptools", "69.0.3"), Dist("pip", "23.2.1")] };

        var report = Check(declared, installed);

        Assert.True(report.InSync, string.Join("; ", report.Findings.Select(Describe)));
    }

    [Fact]
    public void A_declared_distribution_that_pip_freeze_hides_must_still_match_its_pin()
    {
        var declared = Declared(Line(1, "setuptools==68.0"));
        var installed = VenvHolding() with { Hidden = [Dist("setuptools", "69.0.3")] };

        var finding = Assert.Single(Check(declared, installed).Findings);

        Assert.Equal((FindingKind.VersionMismatch, "69.0.3"), (finding.Kind, finding.InstalledVersion));
    }

    [Fact]
    public void A_hidden_distribution_nobody_declares_is_not_undeclared()
    {
        var installed = VenvHolding(Dist("Flask", "2.0")) with { Hidden = [Dist("pip", "24.2"), Dist("wheel", "0.42.0")] };

        Assert.True(Check(Declared(Line(1, "flask==2.0")), installed).InSync);
    }
}
