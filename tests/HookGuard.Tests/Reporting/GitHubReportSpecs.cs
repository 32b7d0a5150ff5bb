using HookGuard.Core.Drift;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Reporting;

public sealed class GitHubReportSpecs
{
    private static string[] Render(params DriftReport[] reports)
    {
        var output = new StringWriter();
        new GitHubReportWriter().Write(reports, [], output);
        return output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public void Each_finding_is_an_error_annotation_on_its_file_and_line()
    {
        var lines = Render(SampleReports.Drifting());

        Assert.Contains(lines, line => line.StartsWith(
            "::error file=services/api/requirements.txt,line=3,title=HookGuard%3A version-mismatch flask::flask: declared 'flask==2.0.1', installed 3.0.0",
            StringComparison.Ordinal));
        Assert.Equal(3, lines.Count(line => line.StartsWith("::error ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_finding_about_the_whole_file_has_no_line()
    {
        var lines = Render(SampleReports.Drifting());

        Assert.Contains(lines, line => line.StartsWith(
            "::error file=services/api/requirements.txt,title=HookGuard%3A undeclared requests::", StringComparison.Ordinal));
    }

    [Fact]
    public void Escapes_what_would_break_the_command()
    {
        var report = new DriftReport("a,b", "v", ["a,b/req:s.txt"],
            [new Finding(FindingKind.Undeclared, "x", "1%\n2", null, new SourceLocation("a,b/req:s.txt", 0))]);

        var annotation = Assert.Single(Render(report), line => line.StartsWith("::error", StringComparison.Ordinal));

        Assert.StartsWith("::error file=a%2Cb/req%3As.txt,", annotation);
        Assert.Contains("x 1%25%0A2 is installed", annotation);
    }

    [Theory]
    [InlineData("100%", "100%25", "100%25")]
    [InlineData("a\r\nb", "a%0D%0Ab", "a%0D%0Ab")]
    [InlineData("k:v,w", "k:v,w", "k%3Av%2Cw")]
    public void Escapes_data_and_properties_as_the_actions_toolkit_does(string text, string data, string property)
    {
        Assert.Equal(data, GitHubReportWriter.EscapeData(text));
        Assert.Equal(property, GitHubReportWriter.EscapeProperty(text));
    }
}
