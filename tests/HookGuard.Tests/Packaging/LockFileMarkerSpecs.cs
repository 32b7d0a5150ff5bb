using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

/// <summary>PEP 751's lock-file markers: <c>extras</c> and <c>dependency_groups</c> as sets (packaging 25, context="lock_file").</summary>
public sealed class LockFileMarkerSpecs
{
    private static readonly MarkerEnvironment Linux312 = MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64");

    [Theory]
    [InlineData("'test' in extras", true)]
    [InlineData("'Test_Extra' in extras", false)]
    [InlineData("'docs' in extras", false)]
    [InlineData("'docs' not in extras", true)]
    [InlineData("'dev' in dependency_groups", true)]
    [InlineData("'DEV' in dependency_groups and sys_platform == 'linux'", true)]
    [InlineData("'lint' in dependency_groups or python_version < '3.10'", false)]
    public void Set_variables_test_membership_of_normalized_names(string text, bool expected)
    {
        // Arrange
        var marker = Marker.ParseLockFile(text);

        // Act
        var value = marker.Evaluate(Linux312, new HashSet<string> { "test" }, new HashSet<string> { "dev" });

        // Assert
        Assert.Equal(expected, value);
    }

    [Fact]
    public void An_extra_name_is_normalized_on_both_sides()
    {
        // Arrange
        var marker = Marker.ParseLockFile("'Test.Extra' in extras");

        // Act
        var value = marker.Evaluate(Linux312, new HashSet<string> { "test_extra" }, new HashSet<string>());

        // Assert
        Assert.True(value);
    }

    [Fact]
    public void The_requirement_grammar_still_rejects_the_lock_variables()
    {
        // Act
        var error = Record.Exception(() => Marker.Parse("'test' in extras"));

        // Assert
        Assert.IsType<PackagingFormatException>(error);
    }

    [Fact]
    public void The_metadata_extra_is_undefined_in_a_lock_file()
    {
        // Arrange
        var marker = Marker.ParseLockFile("extra == 'test'");

        // Act
        var error = Record.Exception(() => marker.Evaluate(Linux312, new HashSet<string>(), new HashSet<string>()));

        // Assert
        Assert.IsType<PackagingFormatException>(error);
    }

    [Theory]
    [InlineData("extras == 'test'")]
    [InlineData("dependency_groups in 'dev'")]
    public void A_set_variable_compared_otherwise_than_by_membership_is_an_error(string text)
    {
        // Arrange
        var marker = Marker.ParseLockFile(text);

        // Act
        var error = Record.Exception(() => marker.Evaluate(Linux312, new HashSet<string>(), new HashSet<string>()));

        // Assert
        Assert.IsType<PackagingFormatException>(error);
    }

    [Fact]
    public void The_metadata_evaluation_of_a_lock_marker_using_extras_is_an_error()
    {
        // Arrange
        var marker = Marker.ParseLockFile("'test' in extras");

        // Act
        var error = Record.Exception(() => marker.Evaluate(Linux312));

        // Assert
        Assert.IsType<PackagingFormatException>(error);
    }

    [Fact]
    public void A_marker_without_the_set_variables_means_the_same_in_both_contexts()
    {
        // Arrange
        var marker = Marker.ParseLockFile("python_version >= '3.8' and sys_platform == 'linux'");

        // Act
        var inLock = marker.Evaluate(Linux312, new HashSet<string>(), new HashSet<string>());
        var inMetadata = marker.Evaluate(Linux312);

        // Assert
        Assert.True(inLock);
        Assert.True(inMetadata);
    }
}
