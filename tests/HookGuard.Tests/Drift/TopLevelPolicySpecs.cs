using HookGuard.Core.Drift;
using static HookGuard.Tests.Drift.DriftFixtures;

namespace HookGuard.Tests.Drift;

public sealed class TopLevelPolicySpecs
{
    private static readonly HookGuard.Core.Installed.InstalledSet FlaskVenv = VenvHolding(
        Dist("Flask", "3.0.0", "Werkzeug>=3.0.0", "Jinja2>=3.1.2", "click>=8.1.3", "importlib-metadata>=3.6.0; python_version < '3.10'", "asgiref>=3.2; extra == 'async'"),
        Dist("Werkzeug", "3.0.1", "MarkupSafe>=2.1.1"),
        Dist("Jinja2", "3.1.2", "MarkupSafe>=2.0", "Babel>=2.7; extra == \"i18n\""),
        Dist("MarkupSafe", "2.1.3"),
        Dist("click", "8.1.7", "colorama; platform_system == 'Windows'"),
        Dist("colorama", "0.4.6"),
        Dist("importlib-metadata", "7.0.0"),
        Dist("asgiref", "3.7.2"),
        Dist("Babel", "2.14.0"));

    [Fact]
    public void What_a_declared_requirement_needs_transitively_need_not_be_declared()
    {
        var report = Check(Declared(Line(1, "flask==3.0.0")), FlaskVenv, Policy.TopLevel);

        Assert.DoesNotContain(report.Findings, finding => finding.Name is "Werkzeug" or "Jinja2" or "MarkupSafe" or "click");
    }

    [Fact]
    public void Under_freeze_the_same_dependencies_must_be_declared()
    {
        var report = Check(Declared(Line(1, "flask==3.0.0")), FlaskVenv, Policy.Freeze);

        Assert.Contains(report.Findings, finding => finding is { Kind: FindingKind.Undeclared, Name: "MarkupSafe" });
    }

    [Fact]
    public void Dependencies_whose_marker_is_false_for_the_venv_are_not_needed()
    {
        var report = Check(Declared(Line(1, "flask==3.0.0")), FlaskVenv, Policy.TopLevel);

        Assert.Equal(
            ["asgiref", "Babel", "colorama", "importlib-metadata"],
            report.Findings.Where(finding => finding.Kind == FindingKind.Undeclared).Select(finding => finding.Name).Order(StringComparer.OrdinalIgnoreCase));
    }

    [Fact]
    public void Extras_on_a_declaration_pull_in_the_dependencies_behind_them()
    {
        var report = Check(Declared(Line(1, "flask[async]==3.0.0")), FlaskVenv, Policy.TopLevel);

        Assert.DoesNotContain(report.Findings, finding => finding.Name == "asgiref");
        Assert.Contains(report.Findings, finding => finding.Name == "Babel");
    }

    [Fact]
    public void Extras_requested_by_a_dependency_count_too()
    {
        var venv = VenvHolding(Dist("app-lib", "1.0", "jinja2[i18n]>=3"), Dist("jinja2", "3.1.2", "Babel>=2.7; extra == 'i18n'"), Dist("babel", "2.14.0"));

        var report = Check(Declared(Line(1, "app-lib==1.0")), venv, Policy.TopLevel);

        Assert.True(report.InSync);
    }

    [Fact]
    public void A_dependency_cycle_ends()
    {
        var venv = VenvHolding(Dist("a", "1", "b"), Dist("b", "1", "a[x]"), Dist("c", "1"));

        var report = Check(Declared(Line(1, "a==1")), venv, Policy.TopLevel);

        Assert.Equal("Undeclared c 1 svc/requirements.txt:0", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void A_Requires_Dist_line_that_is_not_PEP_508_is_passed_over()
    {
        var venv = VenvHolding(Dist("old", "1", "this is not ( a requirement", "six"), Dist("six", "1.16.0"));

        var report = Check(Declared(Line(1, "old==1")), venv, Policy.TopLevel);

        Assert.True(report.InSync);
    }

    [Fact]
    public void Top_level_still_reports_mismatches_and_missing_declarations()
    {
        var report = Check(Declared(Line(1, "flask==2.3.0"), Line(2, "gunicorn")), FlaskVenv, Policy.TopLevel);

        Assert.Contains("VersionMismatch Flask 3.0.0 svc/requirements.txt:1", report.Findings.Select(Describe));
        Assert.Contains("NotInstalled gunicorn - svc/requirements.txt:2", report.Findings.Select(Describe));
    }
}
