using HookGuard.Core.Drift;
using static HookGuard.Tests.Drift.DriftFixtures;

namespace HookGuard.Tests.Drift;

public sealed class LocalInstallSpecs
{
    [Fact]
    public void The_projects_own_editable_install_is_not_drift_even_undeclared()
    {
        var report = Check(Declared(Line(1, "six==1.16.0")), VenvHolding(Dist("six", "1.16.0"), Editable("svc", "0.1.0", "file:///home/dev/repo/svc")));

        Assert.True(report.InSync);
    }

    [Fact]
    public void The_project_installed_from_its_directory_without_e_is_not_drift_either()
    {
        var copy = new HookGuard.Core.Installed.InstalledDistribution(
            "svc", "0.1.0", "/site", new HookGuard.Core.Installed.DirectUrl("file:///home/dev/repo/svc", false, null, null, null), []);

        var report = Check(Declared(), VenvHolding(copy));

        Assert.True(report.InSync);
    }

    [Fact]
    public void An_editable_install_of_another_directory_is_still_undeclared()
    {
        var report = Check(Declared(), VenvHolding(Editable("other", "0.1.0", "file:///home/dev/repo/other")));

        Assert.Equal("Undeclared other 0.1.0 svc/requirements.txt:0", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void An_unnamed_editable_line_matches_the_install_from_the_same_directory()
    {
        var report = Check(
            Declared(Unnamed(1, "-e ./libs/shared")),
            VenvHolding(Editable("shared-lib", "2.0", "file:///home/dev/repo/svc/libs/shared/")));

        Assert.True(report.InSync);
    }

    [Fact]
    public void A_path_is_also_read_relative_to_the_requirement_file_that_holds_it()
    {
        var report = Check(
            Declared(Unnamed(1, "-e ../libs/shared", file: "svc/requirements/dev.txt")),
            VenvHolding(Editable("shared-lib", "2.0", "file:///home/dev/repo/svc/libs/shared")));

        Assert.True(report.InSync);
    }

    [Fact]
    public void An_unnamed_line_with_nothing_installed_from_there_is_not_installed()
    {
        var report = Check(Declared(Unnamed(2, "-e ./libs/shared")), VenvHolding());

        var finding = Assert.Single(report.Findings);
        Assert.Equal(FindingKind.NotInstalled, finding.Kind);
        Assert.Equal("svc/requirements.txt:2", finding.Location.ToString());
    }

    [Fact]
    public void A_VCS_url_without_a_name_matches_the_PEP_610_record_of_its_install()
    {
        var installed = new HookGuard.Core.Installed.InstalledDistribution(
            "tool", "1.2", "/site", new HookGuard.Core.Installed.DirectUrl("https://github.com/org/tool.git", false, "git", "abc123", "v1.2"), []);

        var report = Check(Declared(Unnamed(1, "git+https://github.com/org/tool.git@v1.2", editable: false)), VenvHolding(installed));

        Assert.True(report.InSync);
    }

    [Fact]
    public void Without_a_known_project_directory_a_relative_unnamed_line_is_not_judged()
    {
        var report = DriftChecker.Compare(
            Declared(Unnamed(1, "-e .")), VenvHolding(), Policy.Freeze, new HashSet<string>(), new ProjectIdentity("svc", null));

        Assert.True(report.InSync);
    }

    [Fact]
    public void Under_top_level_what_an_unnamed_editable_needs_is_needed()
    {
        var local = Editable("svc", "0.1.0", "file:///home/dev/repo/svc") with { RequiresDist = ["requests>=2"] };

        var report = Check(Declared(Unnamed(1, "-e .")), VenvHolding(local, Dist("requests", "2.31.0")), Policy.TopLevel);

        Assert.True(report.InSync);
    }
}
