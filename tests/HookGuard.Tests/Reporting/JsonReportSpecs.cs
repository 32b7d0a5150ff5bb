using System.Text.Json;
using HookGuard.Core.Reporting;

namespace HookGuard.Tests.Reporting;

public sealed class JsonReportSpecs
{
    private static JsonElement Render(params HookGuard.Core.Drift.DriftReport[] reports)
    {
        var output = new StringWriter();
        new JsonReportWriter().Write(reports, [], output);
        return JsonDocument.Parse(output.ToString()).RootElement;
    }

    [Fact]
    public void Carries_a_schema_version_and_the_overall_verdict()
    {
        var root = Render(SampleReports.InSync(), SampleReports.Drifting());

        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.False(root.GetProperty("inSync").GetBoolean());
        Assert.Equal(2, root.GetProperty("projects").GetArrayLength());
    }

    [Fact]
    public void Gives_the_same_facts_as_the_text_report()
    {
        var project = Render(SampleReports.Drifting()).GetProperty("projects")[0];

        Assert.Equal("services/api", project.GetProperty("path").GetString());
        Assert.Equal("services/api/.venv", project.GetProperty("venv").GetString());
        Assert.Equal("top-level", project.GetProperty("policy").GetString());
        Assert.Equal("services/api/requirements.txt", project.GetProperty("requirementFiles")[0].GetString());
        var mismatch = project.GetProperty("findings")[0];
        Assert.Equal("version-mismatch", mismatch.GetProperty("kind").GetString());
        Assert.Equal("flask", mismatch.GetProperty("name").GetString());
        Assert.Equal("flask==2.0.1", mismatch.GetProperty("declared").GetString());
        Assert.Equal("3.0.0", mismatch.GetProperty("installedVersion").GetString());
        Assert.Equal(3, mismatch.GetProperty("line").GetInt32());
        Assert.Equal("hookguard fix services/api", mismatch.GetProperty("fix").GetString());
    }

    [Fact]
    public void A_finding_about_the_whole_file_has_a_null_line_and_an_undeclared_one_a_null_declaration()
    {
        var undeclared = Render(SampleReports.Drifting()).GetProperty("projects")[0].GetProperty("findings")[2];

        Assert.Equal("undeclared", undeclared.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, undeclared.GetProperty("line").ValueKind);
        Assert.Equal(JsonValueKind.Null, undeclared.GetProperty("declared").ValueKind);
    }

    [Fact]
    public void The_root_project_is_named_dot()
    {
        var root = Render(SampleReports.InSync());

        Assert.True(root.GetProperty("inSync").GetBoolean());
        Assert.Equal(".", root.GetProperty("projects")[0].GetProperty("path").GetString());
    }
}
