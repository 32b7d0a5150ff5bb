using HookGuard.Core.Declarations;
using HookGuard.Core.Drift;
using HookGuard.Core.Editing;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;
using static HookGuard.Tests.Drift.DriftFixtures;

namespace HookGuard.Tests.Declarations;

/// <summary>How the comparison and the reports treat a declared set read from a lock rather than requirement files.</summary>
public sealed class LockedDriftSpecs
{
    private const string Lock = "svc/uv.lock";

    private static DeclaredSet Locked(params (string Name, string Version, int Line)[] packages) =>
        new([Lock, "svc/pyproject.toml"], packages.Select(p => LockedPackage.Entry(new SourceLocation(Lock, p.Line), p.Name, p.Version)).ToArray())
        {
            Format = DeclarationFormat.UvLock,
            Tool = DeclarationTool.Uv,
            OwnNames = new HashSet<string>(["svc-app"], StringComparer.Ordinal),
        };

    [Fact]
    public void A_locked_package_must_be_installed_at_exactly_the_locked_version()
    {
        var report = Check(Locked(("requests", "2.31.0", 12)), VenvHolding(Dist("requests", "2.32.0")));

        Assert.Equal("VersionMismatch requests 2.32.0 svc/uv.lock:12", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void PEP_440_equality_accepts_a_locked_version_written_with_trailing_zeros()
    {
        var report = Check(Locked(("idna", "3.0", 3)), VenvHolding(Dist("idna", "3.0.0")));

        Assert.True(report.InSync);
    }

    [Fact]
    public void An_installed_package_the_lock_does_not_hold_is_undeclared_against_the_lock()
    {
        var report = Check(Locked(("requests", "2.31.0", 12)), VenvHolding(Dist("requests", "2.31.0"), Dist("boto3", "1.0")));

        Assert.Equal("Undeclared boto3 1.0 svc/uv.lock:0", Describe(Assert.Single(report.Findings)));
    }

    [Fact]
    public void The_projects_own_package_named_by_the_lock_is_never_drift()
    {
        var report = Check(Locked(("requests", "2.31.0", 12)), VenvHolding(Dist("requests", "2.31.0"), Dist("svc_app", "0.1.0")));

        Assert.True(report.InSync);
    }

    [Fact]
    public void An_optional_declaration_that_is_not_installed_is_no_drift_but_a_wrong_version_of_it_is()
    {
        var optional = Line(3, "pytest>=8") with { Optional = true };

        var absent = Check(Declared(optional), VenvHolding());
        var wrong = Check(Declared(optional), VenvHolding(Dist("pytest", "7.4.0")));

        Assert.True(absent.InSync);
        Assert.Equal("VersionMismatch pytest 7.4.0 svc/requirements.txt:3", Describe(Assert.Single(wrong.Findings)));
    }

    [Fact]
    public void A_stale_lock_is_reported_first_naming_the_declaration_it_no_longer_matches()
    {
        var declared = Locked(("requests", "2.31.0", 12)) with
        {
            Stale = [new StaleLock(new SourceLocation(Lock, 40), "svc/pyproject.toml", "its recorded requirements do not match pyproject.toml")],
        };

        var report = Check(declared, VenvHolding(Dist("requests", "2.30.0")));

        Assert.Equal(
            ["StaleLock svc/pyproject.toml - svc/uv.lock:40", "VersionMismatch requests 2.30.0 svc/uv.lock:12"],
            report.Findings.Select(Describe));
    }

    [Fact]
    public void Reports_against_a_lock_say_locked_and_fix_with_the_tools_commands_in_the_project_directory()
    {
        var declared = Locked(("requests", "2.31.0", 12), ("idna", "3.4", 20)) with
        {
            Stale = [new StaleLock(new SourceLocation(Lock, 40), "svc/pyproject.toml", "its recorded requirements do not match pyproject.toml")],
        };
        var report = Check(declared, VenvHolding(Dist("requests", "2.32.0"), Dist("boto3", "1.0")));
        var output = new StringWriter();

        new TextReportWriter().Write([report], [], output);

        var lines = output.ToString().Split('\n');
        Assert.Equal("svc: 4 differences from svc/.venv (uv.lock)", lines[0]);
        Assert.Contains("  svc/uv.lock:40: stale-lock: uv.lock is stale: its recorded requirements do not match pyproject.toml. Fix: cd svc && uv lock", lines);
        Assert.Contains("  svc/uv.lock:12: version-mismatch: requests: locked 'requests==2.31.0', installed 2.32.0. Fix: cd svc && uv sync", lines);
        Assert.Contains("  svc/uv.lock:20: not-installed: idna: locked 'idna==3.4', not installed. Fix: cd svc && uv sync", lines);
        Assert.Contains("  svc/uv.lock: undeclared: boto3 1.0 is installed but not in uv.lock. Fix: cd svc && uv sync", lines);
    }

    [Fact]
    public void The_json_report_names_the_lock_and_its_tool()
    {
        var report = Check(Locked(("requests", "2.31.0", 12)), VenvHolding());

        var project = Assert.Single(JsonReportWriter.ToDocument([report]).Projects);

        Assert.Equal(("uv.lock", "uv", "svc/uv.lock"), (project.Declaration, project.Tool, project.RequirementFiles[0]));
        Assert.Equal("cd svc && uv sync", Assert.Single(project.Findings).Fix);
    }

    [Fact]
    public void A_fix_plan_never_edits_a_lock_and_says_which_command_to_run_instead()
    {
        var declared = Locked(("requests", "2.31.0", 12));
        var installed = VenvHolding(Dist("requests", "2.32.0"));
        var report = Check(declared, installed);

        var plan = FixPlan.For(report, declared, installed);

        Assert.True(plan.IsEmpty);
        Assert.Equal(
            "svc/uv.lock belongs to uv, and HookGuard never rewrites a lock: bring the venv in line with it with 'cd svc && uv sync', then commit again.",
            plan.Refusal);
    }

    [Fact]
    public void Against_a_pyproject_an_undeclared_distribution_is_added_with_the_tool()
    {
        var declared = Declared(Line(3, "requests>=2", "svc/pyproject.toml")) with
        {
            Files = ["svc/pyproject.toml"],
            Format = DeclarationFormat.Pyproject,
            Tool = DeclarationTool.Poetry,
        };
        var report = Check(declared, VenvHolding(Dist("requests", "2.31.0"), Dist("rich", "13.0.0")), Policy.TopLevel);

        Assert.Equal("cd svc && poetry add 'rich>=13.0.0'", FixSuggestion.For(report, Assert.Single(report.Findings)));
    }
}

public sealed class LockedPackageSpecs
{
    [Fact]
    public void A_locked_package_becomes_an_exact_pin_at_its_line()
    {
        var entry = LockedPackage.Entry(new SourceLocation("uv.lock", 7), "Requests", "2.31.0");

        Assert.Equal(("Requests==2.31.0", "==2.31.0", 7), (entry.Text, entry.Requirement!.Specifier.Text, entry.Location.Line));
    }

    [Fact]
    public void A_legacy_version_is_compared_as_pip_compares_it_as_a_string()
    {
        var entry = LockedPackage.Entry(new SourceLocation("poetry.lock", 7), "pairtree", "0.7.1-T");

        Assert.True(entry.Requirement!.Specifier.Contains("0.7.1-T"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-leading")]
    [InlineData("bad name")]
    public void A_name_that_is_no_distribution_name_is_an_error_at_the_line(string name)
    {
        var error = Assert.Throws<DeclarationFileError>(() => LockedPackage.Entry(new SourceLocation("uv.lock", 9), name, "1.0"));

        Assert.Equal(new SourceLocation("uv.lock", 9), error.Location);
    }
}
