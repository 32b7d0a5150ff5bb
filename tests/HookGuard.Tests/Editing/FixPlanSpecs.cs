using HookGuard.Core.Drift;
using HookGuard.Core.Editing;
using HookGuard.Core.Installed;
using static HookGuard.Tests.Drift.DriftFixtures;

namespace HookGuard.Tests.Editing;

public class FixPlanSpecs
{
    [Fact]
    public void A_stale_pin_is_updated_in_the_file_that_declares_it()
    {
        var declared = Declared(Line(1, "flask==2.0"), Line(3, "requests==2.0", file: "svc/base.txt"));
        var installed = VenvHolding(Dist("Flask", "2.0"), Dist("requests", "2.31.0"));

        var plan = FixPlan.For(Check(declared, installed), declared, installed);

        var edit = Assert.IsType<UpdatePin>(Assert.Single(plan.EditsByFile["svc/base.txt"]));
        Assert.Equal(("requests==2.0", "2.31.0"), (edit.Entry.Text, edit.Version));
        Assert.False(plan.EditsByFile.ContainsKey("svc/requirements.txt"));
        Assert.Empty(plan.Unfixable);
    }

    [Fact]
    public void An_undeclared_distribution_is_appended_to_the_first_root_file_as_pip_freeze_spells_it()
    {
        var declared = Declared(Line(1, "flask==2.0"));
        var installed = VenvHolding(Dist("Flask", "2.0"), Dist("Typing_Extensions", "4.12.2"));

        var plan = FixPlan.For(Check(declared, installed), declared, installed);

        var append = Assert.IsType<AppendRequirement>(Assert.Single(plan.EditsByFile["svc/requirements.txt"]));
        Assert.Equal(("Typing_Extensions", "4.12.2"), (append.Name, append.Version));
    }

    [Fact]
    public void A_declared_but_missing_distribution_is_never_edited_only_reported()
    {
        var declared = Declared(Line(1, "flask==2.0"), Line(2, "gunicorn==22.0"));
        var installed = VenvHolding(Dist("Flask", "2.0"));

        var plan = FixPlan.For(Check(declared, installed), declared, installed);

        Assert.True(plan.IsEmpty);
        Assert.Equal(FindingKind.NotInstalled, Assert.Single(plan.Unfixable).Kind);
    }

    [Fact]
    public void A_distribution_installed_from_a_url_or_in_editable_mode_is_not_appended_as_a_pin()
    {
        var declared = Declared(Line(1, "flask==2.0"));
        var installed = VenvHolding(
            Dist("Flask", "2.0"),
            Editable("mylib", "0.1", "file:///home/dev/mylib"),
            new InstalledDistribution("tool", "1.2", "/site", new DirectUrl("https://example.com/tool-1.2.tar.gz", false, null, null, null), []));

        var plan = FixPlan.For(Check(declared, installed), declared, installed);

        Assert.True(plan.IsEmpty);
        Assert.Equal(["mylib", "tool"], plan.Unfixable.Select(finding => finding.Name).Order());
    }
}
