using CliWrap.Buffered;
using HookGuard.Core.Imports;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>The generated table equals sys.stdlib_module_names of every installed 3.10+ Python.</summary>
public sealed class StandardLibraryModulesSpecs
{
    [Theory]
    [InlineData("3.10")]
    [InlineData("3.11")]
    [InlineData("3.12")]
    [InlineData("3.13")]
    public async Task The_table_is_what_the_interpreter_says(string version)
    {
        var python = PythonInterpreters.ForVersion(version);
        var result = await PythonInterpreters.Clean(python, ["-c", "import sys; print(' '.join(sorted(sys.stdlib_module_names)))"], Path.GetTempPath())
            .ExecuteBufferedAsync();
        var expected = result.StandardOutput.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        int minor = int.Parse(version[2..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected.Order(StringComparer.Ordinal), StandardLibraryModules.Of(3, minor).Order(StringComparer.Ordinal));
        Assert.True(StandardLibraryModules.Contains("__future__", 3, minor));
        Assert.False(StandardLibraryModules.Contains("requests", 3, minor));
    }

    [Fact]
    public void An_unknown_version_gets_the_union() =>
        Assert.True(StandardLibraryModules.Contains("distutils", 3, 99) && StandardLibraryModules.Contains("tomllib", 4, 0));
}
