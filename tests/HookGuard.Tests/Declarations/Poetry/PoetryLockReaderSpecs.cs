using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Poetry;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Declarations.Poetry;

public sealed class PoetryLockReaderSpecs
{
    private static readonly MarkerEnvironment Linux311 = MarkerEnvironment.Create("3.11.4", "posix", "linux", "Linux", "x86_64");
    private static readonly MarkerEnvironment Linux39 = MarkerEnvironment.Create("3.9.18", "posix", "linux", "Linux", "x86_64");

    internal const string Pyproject = """
        [tool.poetry]
        name = "My_App"
        version = "1.0"

        [tool.poetry.dependencies]
        python = "^3.8"
        alpha = "^1.0"
        gamma = "*"

        [tool.poetry.group.test.dependencies]
        delta = "*"

        [tool.poetry.group.docs]
        optional = true

        [tool.poetry.group.docs.dependencies]
        epsilon = "*"
        """;

    // Lock 2.1 (Poetry 2): groups and markers per package, markers possibly per group.
    internal const string Lock21 = """
        [[package]]
        name = "alpha"
        version = "1.5.0"
        optional = false
        python-versions = "*"
        groups = ["main"]

        [[package]]
        name = "colorama"
        version = "0.4.6"
        optional = false
        python-versions = "*"
        groups = ["main", "test"]
        markers = {main = "sys_platform == \"win32\"", test = "platform_system == \"Windows\""}

        [[package]]
        name = "delta"
        version = "1.2.3"
        optional = false
        python-versions = "*"
        groups = ["test"]

        [[package]]
        name = "epsilon"
        version = "0.9.0"
        optional = false
        python-versions = "*"
        groups = ["docs"]

        [[package]]
        name = "gamma"
        version = "3.0.0"
        optional = false
        python-versions = "*"
        groups = ["main"]
        markers = "python_version >= \"3.10\""

        [metadata]
        lock-version = "2.1"
        python-versions = "^3.8"
        content-hash = "0000"
        """;

    // Lock 2.0 as Poetry 1.3.2 writes it (category and optional, no markers), and a marker fork of alpha.
    internal const string Lock20 = """
        [[package]]
        name = "alpha"
        version = "1.5.0"
        category = "main"
        optional = false
        python-versions = "<3.11"

        [[package]]
        name = "alpha"
        version = "2.1.0"
        category = "main"
        optional = false
        python-versions = ">=3.11"

        [[package]]
        name = "colorama"
        version = "0.4.6"
        category = "main"
        optional = false
        python-versions = "*"

        [[package]]
        name = "delta"
        version = "1.2.3"
        category = "dev"
        optional = false
        python-versions = "*"

        [package.dependencies]
        epsilon = {version = "*", optional = true}

        [package.extras]
        docs = ["epsilon (>=0.9)"]

        [[package]]
        name = "epsilon"
        version = "0.9.0"
        category = "dev"
        optional = true
        python-versions = "*"

        [[package]]
        name = "gamma"
        version = "3.0.0"
        category = "main"
        optional = false
        python-versions = "*"

        [package.dependencies]
        colorama = {version = "*", markers = "sys_platform == \"win32\""}

        [metadata]
        lock-version = "2.0"
        python-versions = "^3.9"
        content-hash = "0000"
        """;

    internal const string Pyproject20 = """
        [tool.poetry]
        name = "lab-two"
        version = "1.0"

        [tool.poetry.dependencies]
        python = ">=3.9"
        alpha = [
          { version = "^1.0", python = "<3.11" },
          { version = "^2.0", python = ">=3.11" },
        ]
        gamma = "3.0.0"

        [tool.poetry.dev-dependencies]
        delta = "1.2.*"
        """;

    internal static DeclarationInput Input(string lockText, string? pyproject, MarkerEnvironment? environment = null,
        IReadOnlyList<string>? groups = null, string project = "") =>
        new(project, (project.Length == 0 ? "" : project + "/") + "poetry.lock", Encoding.UTF8.GetBytes(lockText),
            path => pyproject is not null && path == (project.Length == 0 ? "" : project + "/") + "pyproject.toml" ? Encoding.UTF8.GetBytes(pyproject) : null,
            environment, groups, new HashSet<string>());

    private static string[] Selected(HookGuard.Core.Requirements.DeclaredSet set) =>
        set.Requirements.Select(entry => entry.Text).ToArray();

    [Fact]
    public void Without_a_venv_every_locked_package_is_returned_at_its_package_line()
    {
        // Act
        var set = PoetryLockReader.Read(Input(Lock21, Pyproject));

        // Assert
        Assert.Equal(["alpha==1.5.0", "colorama==0.4.6", "delta==1.2.3", "epsilon==0.9.0", "gamma==3.0.0"], Selected(set));
        Assert.Equal([1, 8, 16, 23, 30], set.Requirements.Select(entry => entry.Location.Line));
        Assert.Equal(DeclarationFormat.PoetryLock, set.Format);
        Assert.Same(DeclarationTool.Poetry, set.Tool);
        Assert.Equal(["my-app"], set.OwnNames);
    }

    [Fact]
    public void A_2_1_lock_selects_the_default_groups_by_each_groups_marker_and_leaves_the_optional_group_out()
    {
        // Act
        var linux = PoetryLockReader.Read(Input(Lock21, Pyproject, Linux311));
        var windows = PoetryLockReader.Read(Input(Lock21, Pyproject,
            MarkerEnvironment.Create("3.11.4", "nt", "linux", "Windows", "AMD64")));

        // Assert
        Assert.Equal(["alpha==1.5.0", "delta==1.2.3", "gamma==3.0.0"], Selected(linux));
        // colorama's "test" marker holds on Windows even though its "main" marker (sys_platform) does not.
        Assert.Equal(["alpha==1.5.0", "colorama==0.4.6", "delta==1.2.3", "gamma==3.0.0"], Selected(windows));
    }

    [Fact]
    public void A_package_whose_marker_is_false_for_the_venv_is_not_selected()
    {
        // Act
        var set = PoetryLockReader.Read(Input(Lock21, Pyproject, Linux39));

        // Assert
        Assert.DoesNotContain("gamma==3.0.0", Selected(set));
    }

    [Fact]
    public void A_PEP_735_dependency_group_is_installed_by_default_as_Poetry_2_2_does()
    {
        // Found by the corpus check (a Poetry 2.3 lock of a project declaring only [dependency-groups]).
        const string pyproject = """
            [project]
            name = "demo"
            version = "0.1.0"
            requires-python = ">=3.10"
            dependencies = []

            [dependency-groups]
            dev = ["pytest (>=9)"]
            """;
        const string lockText = """
            [[package]]
            name = "pytest"
            version = "9.0.2"
            optional = false
            python-versions = ">=3.10"
            groups = ["dev"]
            files = []

            [metadata]
            lock-version = "2.1"
            python-versions = ">=3.10"
            content-hash = "0"
            """;

        // Act
        var set = PoetryLockReader.Read(Input(lockText, pyproject, Linux311));

        // Assert
        Assert.Equal(["pytest==9.0.2"], Selected(set));
    }

    [Fact]
    public void An_optional_group_the_user_chose_is_selected()
    {
        // Act
        var set = PoetryLockReader.Read(Input(Lock21, Pyproject, Linux311, groups: ["docs"]));

        // Assert
        Assert.Contains("epsilon==0.9.0", Selected(set));
    }

    [Fact]
    public void A_2_0_lock_is_walked_from_the_root_dependencies_with_their_markers_and_python_forks()
    {
        // Act
        var on311 = PoetryLockReader.Read(Input(Lock20, Pyproject20, Linux311));
        var on39 = PoetryLockReader.Read(Input(Lock20, Pyproject20, Linux39));
        var onWindows = PoetryLockReader.Read(Input(Lock20, Pyproject20, MarkerEnvironment.Create("3.11.4", "nt", "win32", "Windows", "AMD64")));

        // Assert: colorama only for win32 (gamma's marker), epsilon only for delta's extra, alpha by python.
        Assert.Equal(["alpha==2.1.0", "delta==1.2.3", "gamma==3.0.0"], Selected(on311));
        Assert.Equal(["alpha==1.5.0", "delta==1.2.3", "gamma==3.0.0"], Selected(on39));
        Assert.Equal(["alpha==2.1.0", "colorama==0.4.6", "delta==1.2.3", "gamma==3.0.0"], Selected(onWindows));
    }

    [Fact]
    public void The_pyproject_is_read_from_the_project_directory()
    {
        // Act
        var set = PoetryLockReader.Read(Input(Lock21, Pyproject, Linux311, project: "services/api"));

        // Assert
        Assert.Equal(["services/api/poetry.lock", "services/api/pyproject.toml"], set.Files);
        Assert.Equal("services/api/poetry.lock", set.Requirements[0].Location.File);
        Assert.Equal(["alpha==1.5.0", "delta==1.2.3", "gamma==3.0.0"], Selected(set));
    }

    [Fact]
    public void A_lock_version_of_another_major_is_an_error_at_its_line()
    {
        // Arrange
        var text = "[[package]]\nname = \"a\"\nversion = \"1\"\n\n[metadata]\nlock-version = \"3.0\"\ncontent-hash = \"x\"\n";

        // Act
        var error = Assert.Throws<DeclarationFileError>(() => PoetryLockReader.Read(Input(text, null)));

        // Assert
        Assert.Equal(6, error.Location.Line);
        Assert.Contains("3.0", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[package]]\nname = \"a\"\nversion = \"1\"\n", 1, "[metadata]")]
    [InlineData("[[package]]\nname = \"a\"\n\n[metadata]\nlock-version = \"2.0\"\n", 1, "no version")]
    [InlineData("[[package]]\nversion = \"1\"\n\n[metadata]\nlock-version = \"2.0\"\n", 1, "without a name")]
    [InlineData("[[package]]\nname = \"a\"\nversion = \"1\"\ngroups = \"main\"\n\n[metadata]\nlock-version = \"2.1\"\n", 4, "groups")]
    [InlineData("[[package]]\nname = \"a\"\nversion = \"1\"\nmarkers = \"python_version >>\"\n\n[metadata]\nlock-version = \"2.1\"\n", 4, "marker")]
    [InlineData("[metadata]\nlock-version = \"2.1\"\n[[package]\n", 3, "TOML")]
    public void A_malformed_lock_is_an_error_with_its_line(string text, int line, string says)
    {
        // Act
        var error = Assert.Throws<DeclarationFileError>(() => PoetryLockReader.Read(Input(text, null, Linux311)));

        // Assert
        Assert.Equal(line, error.Location.Line);
        Assert.Contains(says, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Poetry_1_0_lock_without_lock_version_is_read_as_1_0()
    {
        // Arrange: Poetry 1.0 wrote [metadata] without lock-version; Poetry reads it as "1.0".
        var text = "[[package]]\ncategory = \"main\"\nname = \"ads\"\noptional = false\npython-versions = \"*\"\nversion = \"0.12.3\"\n\n[metadata]\ncontent-hash = \"x\"\npython-versions = \">=3.5\"\n";

        // Act
        var set = PoetryLockReader.Read(Input(text, null));

        // Assert
        Assert.Equal(["ads==0.12.3"], Selected(set));
    }

    [Fact]
    public void A_lock_of_a_later_2_x_is_read_but_never_called_stale()
    {
        // Arrange
        var text = Lock21.Replace("lock-version = \"2.1\"", "lock-version = \"2.2\"", StringComparison.Ordinal);

        // Act
        var set = PoetryLockReader.Read(Input(text, Pyproject, Linux311));

        // Assert
        Assert.Empty(set.Stale);
        Assert.Equal(3, set.Requirements.Count);
    }

    [Fact]
    public void A_2_1_lock_is_hashed_with_Poetry_2s_project_keys()
    {
        // Arrange: Poetry 2 hashes {"project": {...}, "tool": {"poetry": {...}}} when [project] has relevant keys.
        var pyproject = "[project]\nname = \"x\"\nrequires-python = \">=3.9\"\ndependencies = [\"alpha>=1\"]\n";
        var json = "{\"project\": {\"dependencies\": [\"alpha>=1\"], \"requires-python\": \">=3.9\"}, \"tool\": {\"poetry\": {}}}";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        var text = Lock21.Replace("content-hash = \"0000\"", $"content-hash = \"{hash}\"", StringComparison.Ordinal);

        // Act
        var fresh = PoetryLockReader.Read(Input(text, pyproject));
        var stale = PoetryLockReader.Read(Input(text, pyproject.Replace(">=3.9", ">=3.10", StringComparison.Ordinal)));

        // Assert
        Assert.Empty(fresh.Stale);
        Assert.Single(stale.Stale);
    }
}
