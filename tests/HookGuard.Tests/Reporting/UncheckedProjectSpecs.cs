using System.Text.Json;
using HookGuard.Core.Reporting;

namespace HookGuard.Tests.Reporting;

/// <summary>A project without a venv is a fact every format tells, not only the text on the error stream.</summary>
public sealed class UncheckedProjectSpecs
{
    private static readonly UncheckedProject[] NoVenvThatBlocks = [new("services/worker", "no virtualenv found", Blocks: true)];

    [Fact]
    public void The_JSON_report_lists_a_project_it_could_not_check_and_is_not_in_sync()
    {
        var output = new StringWriter();

        new JsonReportWriter().Write([SampleReports.InSync()], NoVenvThatBlocks, output);

        var root = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.False(root.GetProperty("inSync").GetBoolean());
        var project = Assert.Single(root.GetProperty("notChecked").EnumerateArray());
        Assert.Equal("services/worker", project.GetProperty("path").GetString());
        Assert.True(project.GetProperty("blocks").GetBoolean());
    }

    [Fact]
    public void The_JSON_report_of_checked_projects_only_has_an_empty_list()
    {
        var output = new StringWriter();

        new JsonReportWriter().Write([SampleReports.InSync()], [], output);

        var root = JsonDocument.Parse(output.ToString()).RootElement;
        Assert.True(root.GetProperty("inSync").GetBoolean());
        Assert.Equal(0, root.GetProperty("notChecked").GetArrayLength());
    }

    [Theory]
    [InlineData(true, "::error ")]
    [InlineData(false, "::warning ")]
    public void GitHub_annotations_say_a_project_was_not_checked_as_an_error_only_when_it_blocks(bool blocks, string command)
    {
        var output = new StringWriter();

        new GitHubReportWriter().Write([], [new UncheckedProject("services/worker", "no virtualenv found", blocks)], output);

        Assert.StartsWith(command + "title=HookGuard%3A services/worker not checked::no virtualenv found", output.ToString());
    }
}
