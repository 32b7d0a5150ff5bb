using HookGuard.Core.Reporting;

namespace HookGuard.Tests.Reporting;

/// <summary><c>--quiet</c> leaves only drift in the reports for people and logs; colour only ever in the text report.</summary>
public sealed class QuietAndColorReportSpecs
{
    private static string Render(ReportFormat format, bool color, bool quiet, params Core.Drift.DriftReport[] reports)
    {
        var output = new StringWriter();
        ReportWriters.For(format, color, quiet).Write(reports, [], output);
        return output.ToString();
    }

    [Theory]
    [InlineData(ReportFormat.Text)]
    [InlineData(ReportFormat.GitHub)]
    public void A_quiet_report_of_projects_in_sync_is_empty(ReportFormat format)
    {
        Assert.Equal("", Render(format, color: true, quiet: true, SampleReports.InSync()));
        Assert.NotEqual("", Render(format, color: true, quiet: false, SampleReports.InSync()));
    }

    [Fact]
    public void A_quiet_text_report_keeps_every_drift_line_and_the_summary_and_drops_projects_in_sync()
    {
        var quiet = Render(ReportFormat.Text, color: false, quiet: true, SampleReports.InSync(), SampleReports.Drifting());
        var normal = Render(ReportFormat.Text, color: false, quiet: false, SampleReports.InSync(), SampleReports.Drifting());

        var dropped = normal.Split('\n').Except(quiet.Split('\n')).ToArray();
        Assert.Single(dropped);
        Assert.Contains("in sync", dropped[0]);
        Assert.Contains("Drift in 1 of 2 projects", quiet);
    }

    [Fact]
    public void A_quiet_GitHub_report_keeps_every_annotation()
    {
        var quiet = Render(ReportFormat.GitHub, color: false, quiet: true, SampleReports.Drifting());
        var normal = Render(ReportFormat.GitHub, color: false, quiet: false, SampleReports.Drifting());

        Assert.Equal(normal, quiet);
    }

    [Fact]
    public void Json_is_whole_even_when_quiet()
    {
        Assert.Equal(
            Render(ReportFormat.Json, color: false, quiet: false, SampleReports.InSync()),
            Render(ReportFormat.Json, color: false, quiet: true, SampleReports.InSync()));
    }

    [Theory]
    [InlineData(ReportFormat.Json)]
    [InlineData(ReportFormat.GitHub)]
    public void Machine_formats_never_carry_colour(ReportFormat format)
    {
        Assert.DoesNotContain("\u001b", Render(format, color: true, quiet: false, SampleReports.Drifting(), SampleReports.InSync()));
    }

    [Fact]
    public void The_text_report_marks_drift_in_colour_when_asked()
    {
        var text = Render(ReportFormat.Text, color: true, quiet: false, SampleReports.Drifting(), SampleReports.InSync());

        Assert.Contains("\u001b[1m", text);  // the drifting project's headline
        Assert.Contains("\u001b[31m", text); // the finding kind
        Assert.Contains("\u001b[32m", text); // the project in sync
    }
}
