using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

public sealed class RequirementSpecs
{
    [Fact]
    public void Parses_name_extras_specifier_and_marker()
    {
        // Act
        var requirement = Requirement.Parse("Requests[security, socks] (>=2.8.1, ==2.8.*) ; python_version < '2.7'");

        // Assert
        Assert.Equal("Requests", requirement.Name);
        Assert.Equal("requests", requirement.NormalizedName);
        Assert.Equal(["security", "socks"], requirement.Extras);
        Assert.Equal("==2.8.*,>=2.8.1", requirement.Specifier.Normalized);
        Assert.Null(requirement.Url);
        Assert.Equal("python_version < '2.7'", requirement.Marker!.Text);
    }

    [Fact]
    public void Parses_a_direct_reference_whose_url_may_contain_semicolons()
    {
        // Act
        var requirement = Requirement.Parse("pkg @ https://host/x;y.whl ; os_name == 'nt'");

        // Assert
        Assert.Equal("https://host/x;y.whl", requirement.Url);
        Assert.True(requirement.Specifier.IsEmpty);
        Assert.Equal("os_name == 'nt'", requirement.Marker!.Text);
    }

    [Fact]
    public void A_bare_name_has_the_empty_specifier_and_no_marker()
    {
        // Act
        var requirement = Requirement.Parse("  zope.interface  ");

        // Assert
        Assert.Equal("zope.interface", requirement.Name);
        Assert.Same(SpecifierSet.Any, requirement.Specifier);
        Assert.Empty(requirement.Extras);
        Assert.Null(requirement.Marker);
    }

    [Theory]
    [InlineData("name ===1,2")]   // the second piece is no specifier
    [InlineData("name >=1 bar")]
    [InlineData("")]
    public void Rejects_malformed_requirements_with_a_packaging_format_error(string text)
    {
        // Act & Assert
        Assert.Throws<PackagingFormatException>(() => Requirement.Parse(text));
    }
}
