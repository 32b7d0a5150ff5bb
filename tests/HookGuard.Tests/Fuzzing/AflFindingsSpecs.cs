using HookGuard.Core.Configuration;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// Inputs afl-fuzz found (<c>fuzz/run.sh TARGET SECONDS</c>, coverage-guided with SharpFuzz) that escaped a parser as
/// an exception it does not declare, reduced to what makes them fail; each is held to <see cref="ParserContract"/>.
/// </summary>
public sealed class AflFindingsSpecs
{
    [Theory]
    [InlineData(65)]
    [InlineData(100)]
    [InlineData(5_000)]
    public void A_config_value_nested_deeper_than_Tomlyn_allows_is_a_config_error_at_its_line(int depth)
    {
        // fuzz/run.sh config: Tomlyn's syntax parser threw TomlException ("The maximum depth of 64 has been exceeded").
        var text = "policy = \"freeze\"\nvenv = " + new string('[', depth) + new string(']', depth) + "\n";

        var error = Assert.Throws<ConfigError>(() => ConfigParser.Parse(text, ".hookguard.toml"));

        Assert.Equal(".hookguard.toml", error.File);
        Assert.Equal(2, error.Line);
        Assert.Contains("nested more than", error.Message);
        ParserContract.Holds(".hookguard.toml", () => ConfigParser.Parse(text, ".hookguard.toml"));
    }
}
