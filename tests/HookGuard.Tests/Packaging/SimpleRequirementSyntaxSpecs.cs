using System.Text;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

/// <summary>
/// The fast path for <c>name==1.2.3</c>-like requirements must give exactly what packaging's full grammar gives, and
/// decline whatever it cannot vouch for: generated lines, near misses included, through both.
/// </summary>
public sealed class SimpleRequirementSyntaxSpecs
{
    private static readonly string[] Names =
        ["requests", "a", "A1", "zope.interface", "Py_Yaml", "foo-bar.baz_2", "foo-", "foo_", "foo.", "_foo", "-x", "1abc", "x..y", "Ä", "na me"];

    private static readonly string[] Extras =
        ["", "", "", "[security]", "[a,b]", "[a,a]", "[A_b.c-d]", "[]", "[a,]", "[ a]", "[a ]", "[a", "[a-]", "[a][b]", "[a,,b]"];

    private static readonly string[] Operators = ["==", "==", ">=", "<", "<=", ">", "!=", "~=", "===", "=", "!", "~", "<>", "=>", ""];

    private static readonly string[] Versions =
    [
        "1", "1.2", "1.2.3", "2.31.0", "1.0rc1", "1.0a2", "1.0b10", "1.0b", "1.0.post1", "1.0.dev0", "1.2.*", "1.*",
        "1.0rc1.post2.dev3", "1.0a1.dev1", "01.002", "1.0RC1", "v1.0", "1!2.0", "1.0+local", "1.0-1", "1.0.*.1", "1..0",
        "1.", ".1", "1.0alpha1", "1.0c1", "1.0post1", "1.0-post1", "2.0a1.*", "1.0.dev", "1.0.post", "1.0rc", "1.0 ",
        " 1.0", "1.0.*+x", "1.0_1", "1.0.rc1", "1.0.dev1.post1", "",
    ];

    private static readonly string[] Joiners = [",", ",", ", ", " ,", ",,", ""];
    private static readonly string[] Endings = ["", "", "", ",", " ", ";", " ; python_version < '3'", ".*", "+x", "\n", ")", " @ https://x/y.whl"];

    [Fact]
    public void The_fast_path_agrees_with_the_full_grammar_on_generated_requirements()
    {
        // Arrange
        var random = new Random(508);
        var lines = Enumerable.Range(0, 30_000).Select(_ => GeneratedRequirement(random))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => CharacterSoup(random, "ab1.0-_[],=<>!~*+ ;rcpostdev")))
            .ToList();

        // Act and assert
        var (accepted, declinedButValid) = (0, 0);
        foreach (var line in lines)
        {
            var fast = SimpleRequirementSyntax.TryParse(line);
            var full = ParseWithGrammarOrNull(line);
            if (fast is null)
            {
                if (full is not null) declinedButValid++;
                continue;
            }
            accepted++;
            Assert.True(full is not null, $"the fast path accepted '{line}', which packaging rejects");
            AssertSameRequirement(full!, fast, line);
        }

        // Both sides of the fence must have been exercised, or the comparison proves nothing.
        Assert.True(accepted > 5_000, $"only {accepted} lines took the fast path");
        Assert.True(declinedButValid > 1_000, $"only {declinedButValid} valid lines were left to the full grammar");
    }

    [Fact]
    public void The_specifier_fast_path_agrees_with_packagings_regex()
    {
        // Arrange
        var random = new Random(440);
        var specifiers = Operators.SelectMany(op => Versions.Select(version => op + version))
            .Concat(Enumerable.Range(0, 20_000).Select(_ => CharacterSoup(random, "=<>!~1.0*abrcpostdev+ ")))
            .ToList();

        // Act and assert
        var accepted = 0;
        foreach (var text in specifiers)
        {
            if (SimpleRequirementSyntax.OperatorLength(text) == 0) continue;
            accepted++;
            var fast = Specifier.TryParse(text);
            var regex = Specifier.TryParseWithRegex(text);
            Assert.True(regex is not null, $"the fast path accepted '{text}', which packaging's regex rejects");
            Assert.Equal((regex!.Operator, regex.Version), (fast!.Operator, fast.Version));
        }
        Assert.True(accepted > 100, $"only {accepted} specifiers took the fast path");
    }

    [Theory]
    [InlineData("requests==2.31.0")]
    [InlineData("Django[argon2,bcrypt]>=4.2,<5")]
    [InlineData("httpcore==1.*")]
    [InlineData("pydantic-core~=2.14.5")]
    [InlineData("urllib3")]
    [InlineData("numpy!=1.24.0,>=1.21.6,<1.28.0rc1.post2.dev3")]
    public void The_shapes_of_a_frozen_file_take_the_fast_path(string line)
    {
        // Act
        var fast = SimpleRequirementSyntax.TryParse(line);

        // Assert
        Assert.NotNull(fast);
        AssertSameRequirement(Requirement.ParseWithGrammar(line), fast, line);
    }

    // Half the lines from pieces that are each in the subset (the first few of every list), half from anything.
    private static string GeneratedRequirement(Random random)
    {
        var plain = random.Next(2) == 0;
        var text = new StringBuilder();
        text.Append(Pick(random, Names, plain ? 6 : null)).Append(Pick(random, Extras, plain ? 7 : null));
        var specifiers = random.Next(4);
        for (var i = 0; i < specifiers; i++)
        {
            if (i > 0) text.Append(Pick(random, Joiners, plain ? 2 : null));
            text.Append(Pick(random, Operators, plain ? 8 : null)).Append(Pick(random, Versions, plain ? 14 : null));
        }
        text.Append(Pick(random, Endings, plain ? 3 : null));
        return text.ToString();
    }

    private static string CharacterSoup(Random random, string alphabet)
    {
        var length = random.Next(1, 20);
        var text = new StringBuilder("pkg");
        for (var i = 0; i < length; i++) text.Append(alphabet[random.Next(alphabet.Length)]);
        return text.ToString();
    }

    private static string Pick(Random random, string[] choices, int? among = null) => choices[random.Next(among ?? choices.Length)];

    private static Requirement? ParseWithGrammarOrNull(string line)
    {
        try
        {
            return Requirement.ParseWithGrammar(line);
        }
        catch (PackagingFormatException)
        {
            return null;
        }
    }

    private static void AssertSameRequirement(Requirement expected, Requirement actual, string line)
    {
        Assert.True(expected.Name == actual.Name, $"name of '{line}'");
        Assert.True(expected.Extras.SequenceEqual(actual.Extras), $"extras of '{line}'");
        Assert.True(expected.Url == actual.Url, $"URL of '{line}'");
        Assert.True(expected.Marker is null && actual.Marker is null, $"marker of '{line}'");
        Assert.True(expected.Specifier.Text == actual.Specifier.Text, $"specifier text of '{line}'");
        Assert.True(
            expected.Specifier.Specifiers.Select(s => (s.Operator, s.Version)).SequenceEqual(actual.Specifier.Specifiers.Select(s => (s.Operator, s.Version))),
            $"specifiers of '{line}'");
        Assert.True(ReferenceEquals(expected.Specifier, SpecifierSet.Any) == ReferenceEquals(actual.Specifier, SpecifierSet.Any), $"empty set of '{line}'");
    }
}
