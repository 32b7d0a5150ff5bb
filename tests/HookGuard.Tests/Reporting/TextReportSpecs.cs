using HookGuard.Core.Drift;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Reporting;

public sealed class TextReportSpecs
{
    private static string Render(bool color, params DriftReport[] reports)
    {
        var output = new StringWriter();
        new TextReportWriter(color).Write(reports, [], output);
        return output.ToString();
    }

    [Fact]
    public void Each_finding_names_the_place_the_package_both_versions_and_the_fix()
    {
        var text = Render(false, SampleReports.Drifting());

        Assert.Contains("services/api: 3 differences from services/api/.venv", text);
        Assert.Contains(
            "services/api/requirements.txt:3: version-mismatch: flask: declared 'flask==2.0.1', installed 3.0.0. Fix: hookguard fix services/api",
            text);
        Assert.Contains(
            "services/api/requirements.txt:5: not-installed: numpy: declared 'numpy', not installed. Fix: services/api/.venv/bin/python -m pip install numpy",
            text);
        Assert.Contains(
            "services/api/requirements.txt: undeclared: requests 2.31.0 is installed but not declared. Fix: hookguard fix services/api",
            text);
    }

    [Fact]
    public void A_project_in_sync_says_so_in_one_line()
    {
        var text = Render(false, SampleReports.InSync());

        Assert.Equal(".: in sync with .venv" + Environment.NewLine, text);
    }

    [Fact]
    public void Summarises_how_many_projects_drift()
    {
        var text = Render(false, SampleReports.InSync(), SampleReports.Drifting());

        Assert.EndsWith("Drift in 1 of 2 projects: the requirement files do not match the venvs." + Environment.NewLine, text);
    }

    [Fact]
    public void Colour_only_when_asked()
    {
        Assert.DoesNotContain("\u001b[", Render(false, SampleReports.Drifting()));
        Assert.Contains("\u001b[31mversion-mismatch\u001b[0m", Render(true, SampleReports.Drifting()));
    }

    [Theory]
    [InlineData("uvicorn[standard]>=0.24 ; python_version >= '3.8'", ".venv/bin/python -m pip install 'uvicorn[standard]>=0.24'")]
    [InlineData("mylib @ https://example.org/mylib-1.0.tar.gz", ".venv/bin/python -m pip install 'mylib @ https://example.org/mylib-1.0.tar.gz'")]
    public void A_missing_requirement_is_installed_into_the_venv_as_declared_without_its_marker(string line, string command)
    {
        var entry = SampleReports.Entry("requirements.txt", 1, line, HookGuard.Core.Packaging.Requirement.Parse(line));
        var report = new DriftReport("", ".venv", ["requirements.txt"],
            [new Finding(FindingKind.NotInstalled, entry.Requirement!.Name, null, entry, entry.Location)]);

        var text = Render(false, report);

        Assert.Contains("Fix: " + command, text);
    }

    [Fact]
    public void A_Windows_venv_is_run_through_its_Scripts_python()
    {
        var entry = SampleReports.Entry("requirements.txt", 1, "six", SampleReports.Named("six"));
        var report = new DriftReport("", @"C:\work\app\.venv", ["requirements.txt"],
            [new Finding(FindingKind.NotInstalled, "six", null, entry, entry.Location)]);

        Assert.Contains(@"Fix: 'C:\work\app\.venv\Scripts\python.exe' -m pip install six", Render(false, report));
    }

    [Fact]
    public void A_missing_editable_project_is_installed_from_its_own_directory_seen_from_the_work_tree_root()
    {
        // The requirement-file reader keeps the target of "-e ." as the text, and says Editable.
        var entry = SampleReports.Entry("svc/requirements.txt", 1, ".", requirement: null, editable: true);
        var report = new DriftReport("svc", "/home/me/venvs/svc", ["svc/requirements.txt"],
            [new Finding(FindingKind.NotInstalled, "-e .", null, entry, entry.Location)]);

        var text = Render(false, report);

        Assert.Contains("declared '-e .', not installed", text);
        Assert.Contains("Fix: /home/me/venvs/svc/bin/python -m pip install -e ./svc", text);
    }

    [Fact]
    public void Paths_that_need_quoting_are_quoted_for_the_shell()
    {
        var report = new DriftReport("my app", "my app/.venv", ["my app/requirements.txt"],
            [new Finding(FindingKind.Undeclared, "six", "1.16.0", null, new SourceLocation("my app/requirements.txt", 0))]);

        var text = Render(false, report);

        Assert.Contains("Fix: hookguard fix 'my app'", text);
    }
}
