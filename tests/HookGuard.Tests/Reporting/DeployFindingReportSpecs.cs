using System.Text.Json;
using HookGuard.Core.Deploy;
using HookGuard.Core.Drift;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Reporting;

public sealed class DeployFindingReportSpecs
{
    private static DriftReport WithDeploy(bool blocks) => SampleReports.InSync() with
    {
        Deploy =
        [
            new DeployFinding(DeployFindingKind.ImportUnresolved, new SourceLocation("app/handler.py", 3), "requests",
                "no distribution provides 'requests'\u001b[2J", blocks),
            new DeployFinding(DeployFindingKind.PythonMismatch, new SourceLocation("zappa_settings.json", 4), "3.12",
                "the venv runs Python 3.11, but zappa_settings.json deploys to python3.12", false),
        ],
    };

    private static string Render(IReportWriter writer, DriftReport report)
    {
        var output = new StringWriter();
        writer.Write([report], [], output);
        return output.ToString();
    }

    [Fact]
    public void A_warning_does_not_block_and_a_blocking_finding_does()
    {
        Assert.False(WithDeploy(blocks: false).Blocks);
        Assert.True(WithDeploy(blocks: true).Blocks);
        Assert.True(WithDeploy(blocks: true).InSync);
    }

    [Fact]
    public void Text_names_file_line_kind_and_severity_escapes_what_came_from_files_and_sums_up()
    {
        var text = Render(new TextReportWriter(), WithDeploy(blocks: true));

        Assert.Contains("  app/handler.py:3: import-unresolved (error): no distribution provides 'requests'\\x1b[2J", text);
        Assert.Contains("  zappa_settings.json:4: python-mismatch (warning): the venv runs Python 3.11", text);
        Assert.Contains("Deploy check: 2 findings that a rebuilt venv would meet; 1 blocks the commit, 1 is a warning (target-check = \"block\" in .hookguard.toml makes it block).", text);
        Assert.DoesNotContain('\u001b', text);
    }

    [Fact]
    public void Quiet_text_keeps_what_blocks_and_drops_warnings()
    {
        Assert.Equal("", Render(new TextReportWriter(quiet: true), WithDeploy(blocks: false)));
        Assert.Contains("import-unresolved (error)", Render(new TextReportWriter(quiet: true), WithDeploy(blocks: true)));
    }

    [Fact]
    public void Json_lists_each_finding_with_its_severity_and_the_project_says_whether_it_blocks()
    {
        var project = JsonDocument.Parse(Render(new JsonReportWriter(), WithDeploy(blocks: true))).RootElement.GetProperty("projects")[0];
        var first = project.GetProperty("deploy")[0];

        Assert.True(project.GetProperty("inSync").GetBoolean());
        Assert.True(project.GetProperty("blocks").GetBoolean());
        Assert.Equal("import-unresolved", first.GetProperty("kind").GetString());
        Assert.Equal("requests", first.GetProperty("subject").GetString());
        Assert.Equal("app/handler.py", first.GetProperty("file").GetString());
        Assert.Equal(3, first.GetProperty("line").GetInt32());
        Assert.Equal("error", first.GetProperty("severity").GetString());
        Assert.Equal("warning", project.GetProperty("deploy")[1].GetProperty("severity").GetString());
    }

    [Fact]
    public void GitHub_annotates_the_file_and_line_as_error_or_warning()
    {
        var lines = Render(new GitHubReportWriter(), WithDeploy(blocks: true)).Split('\n');

        Assert.Contains(lines, line => line.StartsWith("::error file=app/handler.py,line=3,title=HookGuard%3A import-unresolved requests::", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("::warning file=zappa_settings.json,line=4,title=HookGuard%3A python-mismatch 3.12::", StringComparison.Ordinal));
    }

    [Fact]
    public void Markdown_gives_the_project_a_deploy_table()
    {
        var markdown = Render(new MarkdownReportWriter(), WithDeploy(blocks: false));

        Assert.Contains("⚠️ 2 deploy warnings", markdown);
        Assert.Contains("| app/handler.py\\:3 | import-unresolved | warning |", markdown);
    }
}
