using HookGuard.Core.Drift;
using static HookGuard.Tests.Drift.DriftFixtures;

namespace HookGuard.Tests.Drift;

public sealed class FreezePolicySpecs
{
    [Fact]
    public void A_venv_that_holds_exactly_what_is_declared_is_in_sync()
    {
        var report = Check(
            Declared(Line(1, "flask==3.0.0"), Line(2, "requests>=2,<3")),
            VenvHolding(Dist("Flask", "3.0.0"), Dist("requests", "2.31.0")));

        Assert.True(report.InSync);
        Assert.Equal("svc", report.ProjectPath);
        Assert.Equal("svc/.venv", report.VenvPath);
        Assert.Equal(["svc/requirements.txt"], report.RequirementFiles);
    }

    [Fact]
    public void An_installed_distribution_nobody_declared_is_undeclared_against_the_root_file_as_a_whole()
    {
        var report = Check(Declared(Line(1, "flask==3.0.0")), VenvHolding(Dist("Flask", "3.0.0"), Dist("requests", "2.31.0")));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("Undeclared requests 2.31.0 svc/requirements.txt:0", Describe(finding));
        Assert.Null(finding.Declared);
    }

    [Fact]
    public void An_installed_version_the_specifier_refuses_is_a_mismatch_on_the_declaring_line()
    {
        var declaration = Line(4, "flask==2.0.1");

        var report = Check(Declared(Line(1, "six"), declaration), VenvHolding(Dist("six", "1.16.0"), Dist("Flask", "3.0.0")));

        var finding = Assert.Single(report.Findings);
        Assert.Equal("VersionMismatch Flask 3.0.0 svc/requirements.txt:4", Describe(finding));
        Assert.Same(declaration, finding.Declared);
    }

    [Fact]
    public void A_declared_distribution_that_is_not_in_the_venv_is_not_installed()
    {
        var report = Check(Declared(Line(1, "numpy>=1.26")), VenvHolding());

        Assert.Equal("NotInstalled numpy - svc/requirements.txt:1", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void Names_compare_PEP_503_normalized()
    {
        var report = Check(Declared(Line(1, "Zope_Interface==6.0")), VenvHolding(Dist("zope.interface", "6.0")));

        Assert.True(report.InSync);
    }

    [Fact]
    public void A_name_declared_twice_must_be_accepted_by_both_lines()
    {
        var report = Check(Declared(Line(1, "flask>=2"), Line(7, "flask<3")), VenvHolding(Dist("flask", "3.0.0")));

        Assert.Equal("VersionMismatch flask 3.0.0 svc/requirements.txt:7", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void A_requirement_whose_marker_is_false_declares_nothing_so_the_installed_one_is_undeclared()
    {
        // pip install -r on this Python skips the line ("Ignoring foo: markers ... don't match"), so a deploy would lack foo.
        var report = Check(Declared(Line(1, "foo==1.0; python_version < '3'")), VenvHolding(Dist("foo", "2.0")));

        Assert.Equal("Undeclared foo 2.0 svc/requirements.txt:0", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void A_requirement_whose_marker_is_false_is_not_missing()
    {
        var report = Check(Declared(Line(1, "pywin32==306; sys_platform == 'win32'")), VenvHolding());

        Assert.True(report.InSync);
    }

    [Fact]
    public void A_requirement_whose_marker_holds_is_checked_like_any_other()
    {
        var report = Check(Declared(Line(1, "tomli==2.0.1; python_version >= '3.8'")), VenvHolding(Dist("tomli", "2.0.0")));

        Assert.Equal("VersionMismatch tomli 2.0.0 svc/requirements.txt:1", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void A_declared_marker_without_a_defined_result_is_an_error_on_its_line()
    {
        var declared = Declared(Line(6, "foo; os_name ~= 'posix'"));

        var error = Assert.Throws<HookGuard.Core.Requirements.RequirementFileError>(() => Check(declared, VenvHolding(Dist("foo", "1"))));

        Assert.Equal("svc/requirements.txt:6", error.Location.ToString());
    }

    [Fact]
    public void A_direct_reference_accepts_whatever_version_was_installed_from_it()
    {
        var report = Check(Declared(Line(1, "mylib @ https://example.org/mylib-1.0.tar.gz")), VenvHolding(Dist("mylib", "1.0.dev0")));

        Assert.True(report.InSync);
    }

    [Fact]
    public void A_constraint_declares_nothing_but_must_accept_what_is_installed()
    {
        var constraint = Line(2, "flask<3", "svc/constraints.txt") with { FromConstraintFile = true };
        var unused = Line(3, "gunicorn==21", "svc/constraints.txt") with { FromConstraintFile = true };
        var declared = Declared(Line(1, "flask")) with { Constraints = [constraint, unused] };

        var report = Check(declared, VenvHolding(Dist("flask", "3.0.0"), Dist("six", "1.16.0")));

        Assert.Equal(
            ["VersionMismatch flask 3.0.0 svc/constraints.txt:2", "Undeclared six 1.16.0 svc/requirements.txt:0"],
            report.Findings.Select(Describe));
    }

    [Fact]
    public void Ignored_names_give_no_finding_of_any_kind()
    {
        var report = Check(
            Declared(Line(1, "setuptools==60"), Line(2, "wheel")),
            VenvHolding(Dist("setuptools", "69.0.0"), Dist("Cython", "3.0")),
            Policy.Freeze,
            "setuptools", "wheel", "cython");

        Assert.True(report.InSync);
    }

    [Fact]
    public void Findings_come_in_declaration_order_then_undeclared_by_name()
    {
        var report = Check(
            Declared(Line(3, "b==1", "svc/requirements/base.txt"), Line(9, "a==1"), Line(2, "c==1")),
            VenvHolding(Dist("zeta", "1"), Dist("b", "2"), Dist("alpha", "1"), Dist("a", "2")));

        Assert.Equal(
        [
            "NotInstalled c - svc/requirements.txt:2",
            "VersionMismatch a 2 svc/requirements.txt:9",
            "VersionMismatch b 2 svc/requirements/base.txt:3",
            "Undeclared alpha 1 svc/requirements.txt:0",
            "Undeclared zeta 1 svc/requirements.txt:0",
        ], report.Findings.Select(Describe));
    }

    [Fact]
    public void The_first_distribution_of_a_name_on_the_path_is_the_installed_one()
    {
        var report = Check(Declared(Line(1, "six==1.16.0")), VenvHolding(Dist("six", "1.16.0"), Dist("six", "1.10.0")));

        Assert.True(report.InSync);
    }
}
