using HookGuard.Core.Drift;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Reporting;

/// <summary>
/// A name, version, requirement line and path holding ESC sequences, a newline, BEL and C1 controls (a hostile METADATA
/// or requirement file): every report prints them escaped, so the only control characters reaching a terminal are the
/// line breaks and the text report's own colours.
/// </summary>
public sealed class HostileTextReportSpecs
{
    private const string Hostile = "\u001b[31mevil\u0007\nforged\u009b2J\u007f\r";

    private static DriftReport HostileReport() => new(
        "svc" + Hostile,
        ".venv" + Hostile,
        ["svc/requirements.txt"],
        [
            new Finding(FindingKind.VersionMismatch, "pkg" + Hostile, "1.0" + Hostile,
                SampleReports.Entry("svc/req" + Hostile + ".txt", 3, "pkg" + Hostile + "==0.9", SampleReports.Named("pkg")),
                new SourceLocation("svc/req" + Hostile + ".txt", 3)),
            new Finding(FindingKind.Undeclared, "other" + Hostile, "2.0" + Hostile, null, new SourceLocation("svc/requirements.txt", 0)),
            new Finding(FindingKind.NotInstalled, "gone" + Hostile, null,
                SampleReports.Entry("svc/requirements.txt", 4, "gone" + Hostile, SampleReports.Named("gone")),
                new SourceLocation("svc/requirements.txt", 4)),
        ]);

    [Fact]
    public void Terminal_text_escapes_c0_c1_and_del_as_hex_and_keeps_the_rest()
    {
        Assert.Equal(@"\x1b[31mevil\x07\x0aforged\x9b2J\x7f\x0d", TerminalText.Escape(Hostile));
        Assert.Equal("\\x1b[31mevil\\x07\nforged\\x9b2J\\x7f\\x0d", TerminalText.Escape(Hostile, keepLineBreaks: true));
        Assert.Equal(@"C:\venv é ✓", TerminalText.Escape(@"C:\venv é ✓"));
    }

    [Theory]
    [InlineData("evil\u202Eexe.txt", @"evil\u202eexe.txt")]
    [InlineData("a\u2066b\u2069c\u200Fd\u061Ce", @"a\u2066b\u2069c\u200fd\u061ce")]
    [InlineData("line\u2028forged\u2029para", @"line\u2028forged\u2029para")]
    [InlineData("Zürich-日本-✓", "Zürich-日本-✓")]
    public void Terminal_text_escapes_the_invisible_characters_that_reorder_or_break_a_line(string text, string shown)
    {
        Assert.Equal(shown, TerminalText.Escape(text));
        Assert.Equal(shown, TerminalText.Escape(text, keepLineBreaks: true));
    }

    [Theory]
    [InlineData(ReportFormat.Text, false)]
    [InlineData(ReportFormat.Text, true)]
    [InlineData(ReportFormat.Json, false)]
    [InlineData(ReportFormat.GitHub, false)]
    [InlineData(ReportFormat.Markdown, false)]
    public void No_report_prints_a_control_character_from_a_file(ReportFormat format, bool color)
    {
        var output = new StringWriter();

        ReportWriters.For(format, color, quiet: false).Write([HostileReport()], [new UncheckedProject("svc" + Hostile, "no venv" + Hostile, Blocks: false)], output);

        var text = output.ToString();
        // The report's own red wraps the kind only ("<red>version-mismatch<reset>"); a hostile red would precede "evil".
        Assert.DoesNotContain("\u001b[31mevil", text);
        var coloursRemoved = new[] { "\u001b[0m", "\u001b[1m", "\u001b[31m", "\u001b[32m", "\u001b[33m", "\u001b[36m" }
            .Aggregate(text, (rest, colour) => rest.Replace(colour, ""));
        Assert.All(coloursRemoved, c => Assert.False(char.IsControl(c) && c != '\n', $"U+{(int)c:X4} in {format} output:\n{text}"));
        Assert.Contains("evil", text);
        Assert.Contains("forged", text);
    }
}
