using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Pylock;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Declarations.Pylock;

public sealed class PylockReaderSpecs
{
    private static readonly MarkerEnvironment Linux312 = MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64");
    private static readonly MarkerEnvironment Mac39 = MarkerEnvironment.Create("3.9.18", "posix", "darwin", "Darwin", "arm64");

    internal const string Lock = """
        lock-version = "1.0"
        environments = ["sys_platform == 'linux'", "sys_platform == 'darwin'"]
        requires-python = ">=3.9"
        extras = ["socks"]
        dependency-groups = ["dev", "docs"]
        default-groups = ["dev"]
        created-by = "uv"

        [[packages]]
        name = "requests"
        version = "2.32.3"
        index = "https://pypi.org/simple"
        wheels = [{ url = "https://files.example/requests-2.32.3-py3-none-any.whl", hashes = { sha256 = "70761cfe03c773ceb22aa2f671b4757976145175cdfca038c02654d061d6dcc6" } }]

        [[packages]]
        name = "pysocks"
        version = "1.7.1"
        marker = "'socks' in extras"

        [[packages]]
        name = "pytest"
        version = "8.3.2"
        marker = "'dev' in dependency_groups"

        [[packages]]
        name = "sphinx"
        version = "8.0.2"
        marker = "'docs' in dependency_groups"
        requires-python = ">=3.10"

        [[packages]]
        name = "tomli"
        version = "2.0.1"
        marker = "python_full_version < '3.11'"

        [[packages]]
        name = "mylib"
        vcs = { type = "git", url = "https://example.org/mylib.git", commit-id = "0123456789abcdef0123456789abcdef01234567" }

        [[packages]]
        name = "app"
        directory = { path = ".", editable = true }
        """;

    private static DeclaredSet Read(string text, MarkerEnvironment? environment, IReadOnlyList<string>? groups = null, string file = "pylock.toml") =>
        PylockReader.Read(new DeclarationInput("", file, Encoding.UTF8.GetBytes(text), _ => null, environment, groups, new HashSet<string>()));

    private static string[] Texts(DeclaredSet set) => set.Requirements.Select(entry => entry.Text).ToArray();

    [Fact]
    public void By_default_the_default_groups_apply_and_no_extras()
    {
        // Act
        var set = Read(Lock, Linux312);

        // Assert
        Assert.Equal(["requests==2.32.3", "pytest==8.3.2", "mylib"], Texts(set));
        Assert.Equal(DeclarationFormat.Pylock, set.Format);
        Assert.Equal(["app"], set.OwnNames);
    }

    [Fact]
    public void The_locks_own_directory_is_the_project_even_when_pip_lock_writes_it_without_editable()
    {
        // pip lock writes the project it locked as [packages.directory] path = "." (found in the corpus check).
        const string pipLock = """
            lock-version = "1.0"
            created-by = "pip"

            [[packages]]
            name = "archverse-coc"
            directory = { path = "." }

            [[packages]]
            name = "vendored"
            directory = { path = "./vendor/lib" }
            """;

        var set = Read(pipLock, Linux312);

        Assert.Equal(["archverse-coc"], set.OwnNames);
        Assert.Equal(["vendored"], Texts(set));
    }

    [Fact]
    public void Chosen_extras_and_groups_replace_the_defaults()
    {
        // Act
        var set = Read(Lock, Linux312, groups: ["socks", "docs"]);

        // Assert
        Assert.Equal(["requests==2.32.3", "pysocks==1.7.1", "sphinx==8.0.2", "mylib"], Texts(set));
    }

    [Fact]
    public void A_package_whose_marker_or_requires_python_is_false_for_the_venv_is_not_selected()
    {
        // Act
        var set = Read(Lock, Mac39, groups: ["docs"]);

        // Assert
        Assert.Equal(["requests==2.32.3", "tomli==2.0.1", "mylib"], Texts(set));
    }

    [Fact]
    public void Without_a_venv_every_package_is_returned()
    {
        // Act
        var set = Read(Lock, environment: null);

        // Assert
        Assert.Equal(["requests==2.32.3", "pysocks==1.7.1", "pytest==8.3.2", "sphinx==8.0.2", "tomli==2.0.1", "mylib"], Texts(set));
    }

    [Fact]
    public void A_package_without_a_version_is_satisfied_by_any_version()
    {
        // Act
        var entry = Read(Lock, Linux312).Requirements.Single(e => e.Text == "mylib");

        // Assert
        Assert.True(entry.Requirement!.Specifier.IsEmpty);
        var nameLine = Array.IndexOf(Lock.Split('\n'), "name = \"mylib\"") + 1;
        Assert.Equal(new SourceLocation("pylock.toml", nameLine - 1), entry.Location);
    }

    [Fact]
    public void The_tool_syncs_with_uv_and_relocks_with_the_creator_named_in_created_by()
    {
        // Act
        var byUv = Read(Lock, null, file: "sub/pylock.dev.toml").Tool;
        var byPip = Read(Lock.Replace("created-by = \"uv\"", "created-by = \"pip\"", StringComparison.Ordinal), null).Tool;

        // Assert
        Assert.Equal("uv pip sync pylock.dev.toml", byUv.SyncCommand);
        Assert.Equal("uv export --format pylock.toml -o pylock.dev.toml", byUv.LockCommand);
        Assert.Null(byPip.LockCommand);
    }

    [Fact]
    public void A_newer_minor_lock_version_is_read()
    {
        // Act
        var set = Read(Lock.Replace("lock-version = \"1.0\"", "lock-version = \"1.3\"", StringComparison.Ordinal), Linux312);

        // Assert
        Assert.Equal(3, set.Requirements.Count);
    }

    [Theory]
    [InlineData("lock-version = \"2.0\"\ncreated-by = \"x\"\n", 1, "lock-version 2.0")]
    [InlineData("lock-version = \"one\"\ncreated-by = \"x\"\n", 1, "MAJOR.MINOR")]
    [InlineData("created-by = \"x\"\n", 1, "no 'lock-version'")]
    [InlineData("lock-version = 1.0\ncreated-by = \"x\"\n", 1, "must be a string")]
    [InlineData("lock-version = \"1.0\"\n", 1, "no 'created-by'")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n", 1, "no [[packages]]")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nversion = \"1.0\"\n", 4, "no 'name'")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"a\"\nwheels = []\n", 4, "has no version")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"a\"\nversion = \"1\"\nmarker = \"'x' in\"\n", 7, "not a valid marker")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\nextras = \"socks\"\n[[packages]]\nname = \"a\"\nversion = \"1\"\n", 3, "must be an array")]
    [InlineData("lock-version = \"1.0\"\ncreated-by = \"x\"\npackages = [\"a\"]\n", 3, "must be a table")]
    public void Bad_input_is_a_declaration_file_error_at_its_line(string text, int line, string message)
    {
        // Act
        var error = Assert.Throws<DeclarationFileError>(() => Read(text, environment: null));

        // Assert
        Assert.Equal(new SourceLocation("pylock.toml", line), error.Location);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_venv_that_matches_none_of_the_environments_is_an_error_at_environments()
    {
        // Arrange
        var windows = MarkerEnvironment.Create("3.12.4", "nt", "win32", "Windows", "AMD64");

        // Act
        var error = Assert.Throws<DeclarationFileError>(() => Read(Lock, windows));

        // Assert
        Assert.Equal(2, error.Location.Line);
    }

    [Fact]
    public void Two_packages_of_one_name_that_both_apply_are_an_error()
    {
        // Arrange
        const string text = "lock-version = \"1.0\"\ncreated-by = \"x\"\n\n[[packages]]\nname = \"a\"\nversion = \"1\"\n\n[[packages]]\nname = \"A\"\nversion = \"2\"\nmarker = \"os_name == 'posix'\"\n";

        // Act
        var error = Assert.Throws<DeclarationFileError>(() => Read(text, Linux312));

        // Assert
        Assert.Equal(8, error.Location.Line);
    }
}
