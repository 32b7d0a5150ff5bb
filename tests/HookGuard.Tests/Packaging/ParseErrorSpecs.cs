using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

public sealed class ParseErrorSpecs
{
    [Theory]
    [InlineData("name >=1 bar", "Expected end or semicolon (after version specifier)", 6)]
    [InlineData("name[a b]", "Expected comma between extra names", 8)]
    [InlineData("name (>=1", "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier", 6)]
    [InlineData("name >= 1.0.*", ".* suffix can only be used with `==` or `!=` operators", 6)]
    [InlineData("-name", "Expected package name at the start of dependency specifier", 1)]
    [InlineData("name @ ", "Expected URL after @", 8)]
    [InlineData("name; os_name = 'nt'", "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", 15)]
    public void Says_what_is_wrong_in_a_requirement_and_at_which_column(string text, string problem, int column)
    {
        // Act
        var error = Assert.Throws<PackagingFormatException>(() => Requirement.Parse(text));

        // Assert
        Assert.Equal(problem, error.Problem);
        Assert.Equal(column, error.Column);
        Assert.Equal($"{problem} at column {column} of '{text}'", error.Message);
    }

    [Fact]
    public void Names_the_bad_piece_of_a_specifier_set_and_where_it_starts()
    {
        // Act
        var error = Assert.Throws<PackagingFormatException>(() => SpecifierSet.Parse(">=1.0, =>2"));

        // Assert
        Assert.Equal("Invalid specifier: '=>2'", error.Problem);
        Assert.Equal(8, error.Column);
    }

    [Fact]
    public void Parentheses_nested_past_a_hundred_deep_are_an_error_not_a_stack_overflow()
    {
        // Found by the fuzzer: 20,000 parentheses in a requirement line's marker overflowed the stack and killed the hook.
        var deep = new string('(', 20_000) + "os_name == 'posix'" + new string(')', 20_000);
        var fine = new string('(', 100) + "os_name == 'posix'" + new string(')', 100);

        var error = Assert.Throws<PackagingFormatException>(() => Requirement.Parse("pkg; " + deep));

        Assert.Contains("nested more than 100", error.Message);
        Assert.True(Marker.Parse(fine).Evaluate(MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64")));
    }

    [Fact]
    public void Says_which_version_is_invalid()
    {
        // Act
        var error = Assert.Throws<PackagingFormatException>(() => PythonVersion.Parse("1.0-legacy"));

        // Assert
        Assert.Equal("Invalid version: '1.0-legacy'", error.Message);
    }

    [Fact]
    public void Random_text_either_parses_or_throws_a_packaging_format_error_never_anything_else()
    {
        // Arrange
        var cases = new PackagingCases(seed: 7);
        var environment = MarkerEnvironment.Create("3.12.1", "posix", "linux", "Linux", "x86_64");
        var parsedSomething = 0;

        // Act
        for (var i = 0; i < 40_000; i++)
        {
            var noise = cases.Noise(30);
            var prefixed = (i % 4) switch
            {
                0 => noise,
                1 => "name" + noise,
                2 => "name ; os_name " + noise,
                _ => ">=" + noise,
            };
            parsedSomething += Attempt(() => Requirement.Parse(prefixed));
            parsedSomething += Attempt(() => Marker.Parse(prefixed).Evaluate(environment, noise));
            parsedSomething += Attempt(() => Marker.Parse("os_name " + noise).Evaluate(environment));
            parsedSomething += Attempt(() => SpecifierSet.Parse(prefixed).Contains(noise));
            parsedSomething += Attempt(() => PythonVersion.Parse(noise));
            Assert.False(SpecifierSet.Parse(">=1.0,!=1.5.*").Contains(noise) && !PythonVersion.TryParse(noise, out _));
        }

        // Assert
        Assert.True(parsedSomething > 1000, $"only {parsedSomething} random strings parsed");
    }

    [Fact]
    public void Mutated_requirements_either_parse_or_throw_a_packaging_format_error()
    {
        // Arrange
        var cases = new PackagingCases(seed: 8);
        var environment = MarkerEnvironment.Create("3.12.1", "posix", "linux", "Linux", "x86_64");

        // Act & Assert (any other exception fails the test)
        for (var i = 0; i < 20_000; i++)
        {
            var requirement = cases.Requirement();
            Attempt(() => Requirement.Parse(requirement).Marker?.Evaluate(environment, "test"));
        }
    }

    private static int Attempt(Action action)
    {
        try
        {
            action();
            return 1;
        }
        catch (PackagingFormatException)
        {
            return 0;
        }
    }
}
