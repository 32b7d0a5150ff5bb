using HookGuard.Core.Drift;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Reporting;

public sealed class MarkdownReportSpecs
{
    private static string[] Render(DriftReport[] reports, UncheckedProject[]? notChecked = null)
    {
        var output = new StringWriter();
        new MarkdownReportWriter().Write(reports, notChecked ?? [], output);
        return output.ToString().Split(Environment.NewLine);
    }

    [Fact]
    public void The_headline_says_how_many_projects_drift()
    {
        var lines = Render([SampleReports.Drifting(), SampleReports.InSync()]);

        Assert.Equal("### HookGuard: drift in 1 of 2 projects", lines[0]);
    }

    [Fact]
    public void A_clean_run_says_every_project_is_in_sync_and_lists_no_findings()
    {
        var lines = Render([SampleReports.InSync(), SampleReports.InSync()]);

        Assert.Equal("### HookGuard: all 2 projects are in sync", lines[0]);
        Assert.Equal(2, lines.Count(line => line.StartsWith("| . | ✅ in sync | .venv | requirements.txt |", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, line => line.StartsWith("| Where", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_project_is_a_row_with_its_verdict_venv_and_declaration()
    {
        var lines = Render([SampleReports.Drifting()]);

        Assert.Contains("| Project | Verdict | Venv | Compared with |", lines);
        Assert.Contains("| services/api | ❌ 3 differences | services/api/.venv | services/api/requirements.txt |", lines);
    }

    [Fact]
    public void Each_finding_is_a_row_with_where_what_and_the_fix_as_code()
    {
        var lines = Render([SampleReports.Drifting()]);

        Assert.Contains("#### services/api\\: 3 differences from services/api/.venv", lines);
        Assert.Contains(
            "| services/api/requirements.txt\\:3 | version-mismatch | flask | flask\\: declared 'flask==2.0.1', installed 3.0.0 | `hookguard fix services/api` |",
            lines);
        Assert.Contains(
            "| services/api/requirements.txt | undeclared | requests | requests 2.31.0 is installed but not declared | `hookguard fix services/api` |",
            lines);
        Assert.Single(lines, line => line.StartsWith("| services/api/requirements.txt\\:5 | not-installed | numpy |", StringComparison.Ordinal));
    }

    [Fact]
    public void A_project_that_was_not_checked_is_a_row_that_says_why()
    {
        var lines = Render([SampleReports.InSync()], [new UncheckedProject("services/worker", "no virtualenv found", Blocks: false)]);

        Assert.Equal("### HookGuard: 1 of 2 projects not checked", lines[0]);
        Assert.Contains("| services/worker | ⚠️ not checked: no virtualenv found |  |  |", lines);
    }

    [Fact]
    public void Nothing_to_check_is_said_in_words()
    {
        var lines = Render([]);

        Assert.Equal("### HookGuard: nothing to check", lines[0]);
        Assert.Contains("No project was found to check.", lines);
    }

    [Fact]
    public void Text_from_the_repository_cannot_break_the_table_or_become_markup()
    {
        var file = "a|b/<img src=x>/*req*_[x](y)`.txt";
        var report = new DriftReport("a|b", "v", [file],
            [new Finding(FindingKind.Undeclared, "x", "1\n| injected | row |", null, new SourceLocation(file, 0))]);

        var rows = Render([report]).Where(line => line.StartsWith("| a", StringComparison.Ordinal)).ToArray();

        Assert.Equal(2, rows.Length);
        Assert.All(rows, row => Assert.DoesNotContain("\n", row));
        Assert.Equal(@"| a\|b | ❌ 1 difference | v | a\|b/\<img src=x\>/\*req\*\_\[x\]\(y\)\`.txt |", rows[0]);
        Assert.Contains(@"x 1\\u000A\| injected \| row \| is installed", rows[1]);
    }

    [Theory]
    [InlineData("hookguard fix services/api", "`hookguard fix services/api`")]
    [InlineData("cd 'a|b' && uv sync", @"`cd 'a\|b' && uv sync`")]
    [InlineData("echo `x`", "`` echo `x` ``")]
    [InlineData("a``b", "```a``b```")]
    [InlineData("a\nb", @"`a\u000Ab`")]
    public void Commands_are_code_spans_that_hold_any_text(string command, string markdown)
    {
        Assert.Equal(markdown, MarkdownReportWriter.Code(command));
    }
}
