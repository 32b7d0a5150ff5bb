using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

public sealed class PythonVersionSpecs
{
    [Theory]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0a1", "1.0-ALPHA-1")]
    [InlineData("1.0.post1", "1.0-1")]
    [InlineData("1.0rc1", "1.0_c1")]
    [InlineData("v1.0", " 1.0\n")]
    [InlineData("0!1.0", "1.0")]
    [InlineData("1.0+Ubuntu-1", "1.0+ubuntu.1")]
    [InlineData("1.0+01", "1.0+1")]
    public void Equal_versions_are_equal_however_they_are_spelled(string left, string right)
    {
        // Act
        var a = PythonVersion.Parse(left);
        var b = PythonVersion.Parse(right);

        // Assert
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
    }

    [Fact]
    public void Orders_versions_as_PEP_440_does()
    {
        // Arrange
        string[] ascending =
        [
            "1.0.dev1", "1.0a1.dev1", "1.0a1", "1.0a1.post1", "1.0b1", "1.0rc1", "1.0", "1.0+abc", "1.0+1", "1.0.post1.dev1",
            "1.0.post1", "1.1", "1!0.1",
        ];

        // Act
        var sorted = ascending.Reverse().Select(PythonVersion.Parse).Order().Select(v => v.Text).ToArray();

        // Assert
        Assert.Equal(ascending, sorted);
    }

    [Fact]
    public void Normalizes_as_packaging_prints_versions()
    {
        // Act
        var version = PythonVersion.Parse("V1!01.02-Preview_3.POST.4-dev-5+Deb-10");

        // Assert
        Assert.Equal("1!1.2rc3.post4.dev5+deb.10", version.Normalized);
        Assert.True(version.IsPrerelease);
        Assert.Equal("1!1.2", version.BaseVersion);
    }

    [Theory]
    [InlineData("1.0-legacy")]
    [InlineData("1.0.final")]
    [InlineData("1.0.*")]
    [InlineData("")]
    public void Rejects_versions_that_are_not_PEP_440(string text)
    {
        // Act
        var parsed = PythonVersion.TryParse(text, out var version);

        // Assert
        Assert.False(parsed);
        Assert.Null(version);
    }
}
