using System.Text;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Requirements;

public sealed class DeclaredSetResolverSpecs
{
    private static DeclaredSet Resolve(Dictionary<string, string> files, params string[] roots) =>
        DeclaredSetResolver.Resolve(roots, p => files.TryGetValue(p, out var text) ? Encoding.UTF8.GetBytes(text) : null, _ => null);

    [Fact]
    public void Follows_includes_relative_to_the_including_file()
    {
        // Arrange
        var files = new Dictionary<string, string>
        {
            ["svc/requirements.txt"] = "-e ./a\n-r reqs/base.txt\n",
            ["svc/reqs/base.txt"] = "-e ../b\n-r ../../shared/common.txt\n",
            ["shared/common.txt"] = "-e ./c\n",
        };

        // Act
        var declared = Resolve(files, "svc/requirements.txt");

        // Assert
        Assert.Equal(["svc/requirements.txt", "svc/reqs/base.txt", "shared/common.txt"], declared.Files);
        Assert.Equal(["svc/requirements.txt:1", "svc/reqs/base.txt:1", "shared/common.txt:1"], declared.Requirements.Select(r => r.Location.ToString()));
        Assert.Equal(3, declared.ParsedFiles.Count);
    }

    [Fact]
    public void Reads_constraint_files_without_declaring_their_requirements()
    {
        // Arrange
        var files = new Dictionary<string, string>
        {
            ["requirements.txt"] = "-c constraints.txt\n-e .\n",
            ["constraints.txt"] = "-e ./x\n-r declared.txt\n",
            ["declared.txt"] = "-e ./y\n",
        };

        // Act
        var declared = Resolve(files, "requirements.txt");

        // Assert: pip reads a -r inside a constraints file as requirements, not constraints.
        Assert.Equal(["declared.txt:1", "requirements.txt:2"], declared.Requirements.Select(r => r.Location.ToString()));
        Assert.True(Assert.Single(declared.Constraints).FromConstraintFile);
    }

    [Fact]
    public void Reads_a_file_included_twice_once()
    {
        // Arrange
        var files = new Dictionary<string, string>
        {
            ["requirements.txt"] = "-r a.txt\n-r b.txt\n",
            ["a.txt"] = "-r common.txt\n",
            ["b.txt"] = "-r common.txt\n",
            ["common.txt"] = "-e .\n",
        };

        // Act
        var declared = Resolve(files, "requirements.txt");

        // Assert
        Assert.Single(declared.Requirements);
    }

    [Fact]
    public void Refuses_an_include_cycle_naming_the_chain()
    {
        // Arrange
        var files = new Dictionary<string, string>
        {
            ["requirements.txt"] = "-r dev.txt\n",
            ["dev.txt"] = "--pre\n-r ./requirements.txt\n",
        };

        // Act
        var error = Assert.Throws<RequirementFileError>(() => Resolve(files, "requirements.txt"));

        // Assert
        Assert.Equal(new SourceLocation("dev.txt", 2), error.Location);
        Assert.Contains("requirements.txt -> dev.txt -> requirements.txt", error.Reason);
    }

    [Theory]
    [InlineData("-r missing.txt", "could not open requirements file 'app/missing.txt'")]
    [InlineData("-r https://example.com/r.txt", "includes a URL")]
    [InlineData("-c file:///etc/c.txt", "includes a URL")]
    [InlineData("-r ../../outside.txt", "points outside the repository")]
    [InlineData("-r /etc/passwd", "absolute path")]
    public void Refuses_includes_it_cannot_follow_naming_the_line(string line, string reason)
    {
        // Arrange
        var files = new Dictionary<string, string> { ["app/requirements.txt"] = "--pre\n" + line + "\n" };

        // Act
        var error = Assert.Throws<RequirementFileError>(() => Resolve(files, "app/requirements.txt"));

        // Assert
        Assert.Equal(new SourceLocation("app/requirements.txt", 2), error.Location);
        Assert.Contains(reason, error.Reason);
    }
}
