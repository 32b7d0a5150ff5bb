using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

public sealed class MarkerSpecs
{
    private static readonly MarkerEnvironment Linux311 = MarkerEnvironment.Create("3.11.7", "posix", "linux", "Linux", "x86_64", platformRelease: "6.7.0-gentoo");

    [Theory]
    [InlineData("python_version >= '3.8'", true)]
    [InlineData("python_version < '3.10'", false)]            // a version comparison, not a string one
    [InlineData("python_full_version == '3.11.*'", true)]
    [InlineData("os_name == 'nt' or (sys_platform == 'linux' and platform_machine == \"x86_64\")", true)]
    [InlineData("os_name == 'nt' or sys_platform == 'linux' and platform_machine == 'arm64'", false)]
    [InlineData("'linux' in sys_platform and sys.platform not in 'win32 cygwin'", true)]
    [InlineData("platform_release >= '6'", true)]              // not a version: compared as strings
    [InlineData("python_implementation == 'CPython'", true)]
    public void Evaluates_against_an_environment(string marker, bool expected)
    {
        // Act
        var value = Marker.Parse(marker).Evaluate(Linux311);

        // Assert
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("Foo.Bar", true)]
    [InlineData("foo-bar", true)]
    [InlineData("foobar", false)]
    [InlineData(null, false)]
    public void Compares_extras_by_their_normalized_names(string? extra, bool expected)
    {
        // Act
        var value = Marker.Parse("extra == 'FOO_bar'").Evaluate(Linux311, extra);

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Keeps_the_text_and_prints_the_normalized_form()
    {
        // Act
        var marker = Marker.Parse("os.name=='posix'and(extra=='X_Y')");

        // Assert
        Assert.Equal("os.name=='posix'and(extra=='X_Y')", marker.Text);
        Assert.Equal("os_name == \"posix\" and extra == \"X_Y\"", marker.Normalized);
    }

    [Theory]
    [InlineData("os_name ~= 'posix'")]   // no version semantics and no Python operator
    [InlineData("'a' == 'b'")]           // nothing to look up in the environment
    public void Refuses_comparisons_packaging_cannot_evaluate_with_a_packaging_format_error(string marker)
    {
        // Act & Assert
        Assert.Throws<PackagingFormatException>(() => Marker.Parse(marker).Evaluate(Linux311));
    }
}
