using HookGuard.Cli;

namespace HookGuard.IntegrationTests.Cli;

/// <summary>
/// When the text report is in colour: on a terminal; never with a non-empty <c>NO_COLOR</c> (https://no-color.org);
/// otherwise always with a non-empty <c>FORCE_COLOR</c> (https://force-color.org): NO_COLOR wins, as the SPEC says.
/// Empty values are unset, as both pages say.
/// </summary>
public sealed class ColorChoiceSpecs
{
    [Theory]
    [InlineData(true, null, null, true)]
    [InlineData(false, null, null, false)]
    [InlineData(true, "1", null, false)]
    [InlineData(true, "0", null, false)]
    [InlineData(true, "", null, true)]
    [InlineData(false, null, "1", true)]
    [InlineData(false, null, "0", true)]
    [InlineData(false, null, "", false)]
    [InlineData(false, "1", "1", false)]
    [InlineData(true, "1", "1", false)]
    [InlineData(true, "1", "", false)]
    public void Colour_follows_the_terminal_NO_COLOR_and_FORCE_COLOR(bool terminal, string? noColor, string? forceColor, bool expected)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (noColor is not null) variables["NO_COLOR"] = noColor;
        if (forceColor is not null) variables["FORCE_COLOR"] = forceColor;

        var context = new CommandContext("/", TextWriter.Null, TextWriter.Null, variables, terminal);

        Assert.Equal(expected, context.UseColor);
    }
}
