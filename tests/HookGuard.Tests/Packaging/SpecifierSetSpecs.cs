using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

public sealed class SpecifierSetSpecs
{
    [Theory]
    [InlineData(">=1.0,<2", "1.5rc1", true)]      // an installed pre-release is accepted
    [InlineData("==1.*", "1.9.post3", true)]
    [InlineData("==1.0", "1.0+cuda", true)]       // local labels are ignored unless the specifier has one
    [InlineData("==1.0+cpu", "1.0+cuda", false)]
    [InlineData("~=1.4.2", "1.4.9", true)]
    [InlineData("~=1.4.2", "1.5", false)]
    [InlineData("<2.0", "2.0rc1", false)]         // <V excludes V's own pre-releases
    [InlineData(">1.0", "1.0.post1", false)]      // >V excludes V's own post-releases
    [InlineData("===1.0", "1.0.0", false)]        // identity is a string match of the normalized version
    [InlineData(">=1.0", "not-a-version", false)] // a legacy installed version never satisfies a PEP 440 comparison
    [InlineData("===Legacy", "legacy", true)]
    [InlineData("", "not-a-version", true)]
    public void Tells_whether_an_installed_version_satisfies_the_set(string specifiers, string installed, bool expected)
    {
        // Act
        var contains = SpecifierSet.Parse(specifiers).Contains(installed);

        // Assert
        Assert.Equal(expected, contains);
    }

    [Theory]
    [InlineData("==1.2.3", "1.2.3")]
    [InlineData(" === 1.2.3 ", "1.2.3")]
    [InlineData("==1.2.*", null)]
    [InlineData(">=1.2.3", null)]
    [InlineData("==1.2.3,<2", null)]
    [InlineData("", null)]
    public void Reports_the_exact_pin_only_for_a_single_equality(string specifiers, string? pin)
    {
        // Act
        var exactPin = SpecifierSet.Parse(specifiers).ExactPin;

        // Assert
        Assert.Equal(pin, exactPin);
    }

    [Fact]
    public void Keeps_each_specifier_with_its_operator_and_version()
    {
        // Act
        var set = SpecifierSet.Parse(" >= 1.0 , != 1.3.* ,");

        // Assert
        Assert.Equal([(">=", "1.0"), ("!=", "1.3.*")], set.Specifiers.Select(s => (s.Operator, s.Version)));
        Assert.Equal("!=1.3.*,>=1.0", set.Normalized);
        Assert.False(set.IsEmpty);
        Assert.True(SpecifierSet.Parse(" , ").IsEmpty);
    }
}
