using System.Text.RegularExpressions;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

public class PackageNameSpecs
{
    [Theory]
    [InlineData("Flask", "flask")]
    [InlineData("typing_extensions", "typing-extensions")]
    [InlineData("zope.interface", "zope-interface")]
    [InlineData("Foo__Bar-.-baz", "foo-bar-baz")]
    [InlineData("requests", "requests")]
    public void Normalizes_names_as_PEP_503_says(string name, string expected) =>
        Assert.Equal(expected, PackageName.Normalize(name));

    [Fact]
    public void Agrees_with_the_PEP_503_regular_expression_on_generated_names()
    {
        // The reference is PEP 503's own definition: re.sub(r"[-_.]+", "-", name).lower().
        var random = new Random(503);
        const string alphabet = "aZz09-_.Kk";
        for (var i = 0; i < 20_000; i++)
        {
            var name = new string(Enumerable.Range(0, random.Next(1, 12)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var expected = Regex.Replace(name, "[-_.]+", "-").ToLowerInvariant();
            Assert.Equal(expected, PackageName.Normalize(name));
        }
    }
}
