using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Uv;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Declarations.Uv;

public sealed class UvLockReaderSpecs
{
    internal static readonly MarkerEnvironment Linux310 = MarkerEnvironment.Create("3.10.12", "posix", "linux", "Linux", "x86_64");
    internal static readonly MarkerEnvironment Linux312 = MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64");
    internal static readonly MarkerEnvironment Windows312 = MarkerEnvironment.Create("3.12.4", "nt", "win32", "Windows", "AMD64");

    internal const string PyprojectText = """
        [project]
        name = "app"
        version = "0.1.0"
        requires-python = ">=3.10"
        dependencies = ["anyio>=4", "colorama; sys_platform == 'win32'"]

        [project.optional-dependencies]
        trio = ["trio>=0.25"]

        [dependency-groups]
        dev = ["pytest>=8"]
        docs = ["sphinx"]
        """;

    internal const string LockText = """
        version = 1
        revision = 2
        requires-python = ">=3.10"

        [[package]]
        name = "anyio"
        version = "4.4.0"
        source = { registry = "https://pypi.org/simple" }
        dependencies = [
            { name = "exceptiongroup", marker = "python_full_version < '3.11'" },
            { name = "idna" },
        ]

        [package.optional-dependencies]
        trio = [
            { name = "trio" },
        ]

        [[package]]
        name = "app"
        version = "0.1.0"
        source = { editable = "." }
        dependencies = [
            { name = "anyio" },
            { name = "colorama", marker = "sys_platform == 'win32'" },
        ]

        [package.optional-dependencies]
        trio = [
            { name = "anyio", extra = ["trio"] },
        ]

        [package.dev-dependencies]
        dev = [
            { name = "pytest" },
        ]
        docs = [
            { name = "sphinx" },
        ]

        [package.metadata]
        requires-dist = [
            { name = "anyio", specifier = ">=4" },
            { name = "colorama", marker = "sys_platform == 'win32'" },
            { name = "trio", marker = "extra == 'trio'", specifier = ">=0.25" },
        ]
        provides-extras = ["trio"]

        [package.metadata.requires-dev]
        dev = [{ name = "pytest", specifier = ">=8" }]
        docs = [{ name = "sphinx" }]

        [[package]]
        name = "colorama"
        version = "0.4.6"
        source = { registry = "https://pypi.org/simple" }

        [[package]]
        name = "exceptiongroup"
        version = "1.2.2"
        source = { registry = "https://pypi.org/simple" }

        [[package]]
        name = "idna"
        version = "3.7"
        source = { registry = "https://pypi.org/simple" }

        [[package]]
        name = "pytest"
        version = "8.3.2"
        source = { registry = "https://pypi.org/simple" }

        [[package]]
        name = "sphinx"
        version = "8.0.2"
        source = { registry = "https://pypi.org/simple" }

        [[package]]
        name = "trio"
        version = "0.26.0"
        source = { registry = "https://pypi.org/simple" }
        dependencies = [
            { name = "idna" },
        ]
        """;

    internal static DeclaredSet Read(string lockText, string? pyproject, MarkerEnvironment? environment, IReadOnlyList<string>? groups = null,
        string file = "uv.lock")
    {
        var pyprojectPath = file.Contains('/') ? file[..(file.LastIndexOf('/') + 1)] + "pyproject.toml" : "pyproject.toml";
        var input = new DeclarationInput("", file, Encoding.UTF8.GetBytes(lockText),
            path => path == pyprojectPath && pyproject is not null ? Encoding.UTF8.GetBytes(pyproject) : null,
            environment, groups, new HashSet<string>());
        return UvLockReader.Read(input);
    }

    internal static string[] Texts(DeclaredSet set) => set.Requirements.Select(entry => entry.Text).ToArray();

    [Fact]
    public void Uv_sync_on_linux_312_installs_the_dependencies_and_the_dev_group()
    {
        // Act
        var set = Read(LockText, PyprojectText, Linux312);

        // Assert
        Assert.Equal(["anyio==4.4.0", "idna==3.7", "pytest==8.3.2"], Texts(set));
        Assert.Equal(DeclarationFormat.UvLock, set.Format);
        Assert.Same(DeclarationTool.Uv, set.Tool);
        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_dependency_whose_marker_is_false_for_the_venv_is_not_selected_and_one_that_is_true_is()
    {
        // Act
        var linux310 = Read(LockText, PyprojectText, Linux310);
        var windows = Read(LockText, PyprojectText, Windows312);

        // Assert
        Assert.Equal(["anyio==4.4.0", "exceptiongroup==1.2.2", "idna==3.7", "pytest==8.3.2"], Texts(linux310));
        Assert.Equal(["anyio==4.4.0", "colorama==0.4.6", "idna==3.7", "pytest==8.3.2"], Texts(windows));
    }

    [Fact]
    public void Chosen_groups_replace_the_default_and_an_extra_pulls_the_targets_optional_dependencies()
    {
        // Act
        var set = Read(LockText, PyprojectText, Linux312, groups: ["trio", "docs"]);

        // Assert
        Assert.Equal(["anyio==4.4.0", "idna==3.7", "sphinx==8.0.2", "trio==0.26.0"], Texts(set));
    }

    [Fact]
    public void The_default_groups_of_tool_uv_replace_dev()
    {
        // Arrange
        var pyproject = PyprojectText + "\n[tool.uv]\ndefault-groups = [\"docs\"]\n";

        // Act
        var set = Read(LockText, pyproject, Linux312);

        // Assert
        Assert.Equal(["anyio==4.4.0", "idna==3.7", "sphinx==8.0.2"], Texts(set));
    }

    [Fact]
    public void Each_entry_is_at_its_package_line_and_the_project_is_an_own_name()
    {
        // Act
        var set = Read(LockText, PyprojectText, Linux312);

        // Assert
        var lines = LockText.Split('\n');
        var idna = set.Requirements.Single(entry => entry.Text == "idna==3.7");
        Assert.Equal("uv.lock", idna.Location.File);
        Assert.Equal("[[package]]", lines[idna.Location.Line - 1].Trim());
        Assert.Equal("name = \"idna\"", lines[idna.Location.Line].Trim());
        Assert.Contains("app", set.OwnNames);
        Assert.DoesNotContain(set.Requirements, entry => entry.Text.StartsWith("app", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_venv_every_package_is_returned()
    {
        // Act
        var set = Read(LockText, PyprojectText, environment: null);

        // Assert
        Assert.Equal(["anyio==4.4.0", "colorama==0.4.6", "exceptiongroup==1.2.2", "idna==3.7", "pytest==8.3.2", "sphinx==8.0.2", "trio==0.26.0"],
            Texts(set));
    }

    [Fact]
    public void A_forked_resolution_follows_the_edge_to_the_version_it_names()
    {
        // Arrange
        const string forked = """
            version = 1
            requires-python = ">=3.9"
            resolution-markers = ["python_full_version < '3.12'", "python_full_version >= '3.12'"]

            [[package]]
            name = "app"
            version = "0.1.0"
            source = { virtual = "." }
            dependencies = [
                { name = "numpy", version = "1.26.4", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version < '3.12'" },
                { name = "numpy", version = "2.1.0", source = { registry = "https://pypi.org/simple" }, marker = "python_full_version >= '3.12'" },
            ]

            [[package]]
            name = "numpy"
            version = "1.26.4"
            source = { registry = "https://pypi.org/simple" }
            resolution-markers = ["python_full_version < '3.12'"]

            [[package]]
            name = "numpy"
            version = "2.1.0"
            source = { registry = "https://pypi.org/simple" }
            resolution-markers = ["python_full_version >= '3.12'"]
            """;

        // Act
        var old = Read(forked, "[project]\nname = \"app\"\nversion = \"0.1.0\"\n", Linux310);
        var current = Read(forked, "[project]\nname = \"app\"\nversion = \"0.1.0\"\n", Linux312);
        var all = Read(forked, null, environment: null);

        // Assert
        Assert.Equal(["numpy==1.26.4"], Texts(old));
        Assert.Equal(["numpy==2.1.0"], Texts(current));
        Assert.Equal(["numpy==1.26.4", "numpy==2.1.0"], Texts(all));
    }

    [Fact]
    public void A_workspace_without_a_root_project_syncs_every_member_and_the_manifest_groups()
    {
        // Arrange
        const string workspace = """
            version = 1
            revision = 1
            requires-python = ">=3.12"

            [manifest]
            members = ["lib-a", "lib-b"]

            [manifest.dependency-groups]
            dev = [{ name = "ruff", specifier = ">=0.6" }]

            [[package]]
            name = "idna"
            version = "3.7"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "lib-a"
            version = "0.1.0"
            source = { editable = "packages/lib-a" }
            dependencies = [{ name = "lib-b" }]

            [[package]]
            name = "lib-b"
            source = { editable = "packages/lib-b" }
            dependencies = [{ name = "idna" }]

            [[package]]
            name = "ruff"
            version = "0.6.2"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "unused"
            version = "1.0"
            source = { registry = "https://pypi.org/simple" }
            """;

        // Act
        var set = Read(workspace, "[tool.uv.workspace]\nmembers = [\"packages/*\"]\n\n[dependency-groups]\ndev = [\"ruff>=0.6\"]\n", Linux312);

        // Assert
        Assert.Equal(["idna==3.7", "ruff==0.6.2"], Texts(set));
        Assert.Equal(["lib-a", "lib-b"], set.OwnNames.Order());
        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_source_tree_without_a_version_is_an_entry_that_any_version_satisfies()
    {
        // Arrange
        const string lockText = """
            version = 1
            requires-python = ">=3.12"

            [[package]]
            name = "vendored"
            source = { directory = "vendor/vendored" }
            """;

        // Act
        var set = Read(lockText, null, environment: null);

        // Assert
        var entry = Assert.Single(set.Requirements);
        Assert.Equal("vendored", entry.Text);
        Assert.True(entry.Requirement!.Specifier.IsEmpty);
    }

    [Theory]
    [InlineData("version = 2\n", 1, "lock version 2")]
    [InlineData("version = \"1\"\n", 1, "must be an integer")]
    [InlineData("requires-python = \">=3.8\"\n", 1, "no lock 'version'")]
    [InlineData("version = 1\n\n[[package]]\nversion = \"1.0\"\n", 3, "without a name")]
    [InlineData("version = 1\n\n[[package]]\nname = \"idna\"\nsource = { registry = \"https://pypi.org/simple\" }\n", 3, "no version")]
    [InlineData("version = 1\n\n[[package]]\nname = \"idna\"\nversion = 3\n", 5, "must be a string")]
    [InlineData("version = 1\n\n[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = [\n  { name = \"b\", marker = \"python_version <\" },\n]\n", 7, "not a valid marker")]
    [InlineData("version = 1\n\n[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = \"b\"\n", 6, "must be an array")]
    [InlineData("version = 1\n[[package]\n", 2, "not valid TOML")]
    public void Bad_input_is_a_declaration_file_error_at_its_line(string lockText, int line, string message)
    {
        // Act
        var error = Assert.Throws<DeclarationFileError>(() => Read(lockText, null, environment: null));

        // Assert
        Assert.Equal(new SourceLocation("uv.lock", line), error.Location);
        Assert.Contains(message, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Any_revision_of_version_1_is_read()
    {
        // Act
        var set = Read("version = 1\nrevision = 99\n", null, Linux312);

        // Assert
        Assert.Empty(set.Requirements);
    }

    [Fact]
    public void An_edge_to_a_package_the_lock_lacks_is_an_error_at_the_edge()
    {
        // Arrange
        const string lockText = "version = 1\n\n[[package]]\nname = \"app\"\nsource = { editable = \".\" }\ndependencies = [\n  { name = \"ghost\" },\n]\n";

        // Act
        var error = Assert.Throws<DeclarationFileError>(() => Read(lockText, "[project]\nname = \"app\"\n", Linux312));

        // Assert
        Assert.Equal(7, error.Location.Line);
    }

    [Fact]
    public void The_pyproject_next_to_a_lock_in_a_subdirectory_names_its_root()
    {
        // Act
        var set = Read(LockText, PyprojectText, Linux312, file: "services/api/uv.lock");

        // Assert
        Assert.Equal(["anyio==4.4.0", "idna==3.7", "pytest==8.3.2"], Texts(set));
        Assert.Equal("services/api/uv.lock", set.Requirements[0].Location.File);
    }

    [Fact]
    public void A_conflict_marker_selects_the_variant_of_the_chosen_extra()
    {
        // Arrange
        const string lockText = """
            version = 1
            revision = 2
            requires-python = ">=3.12"
            conflicts = [[{ package = "app", extra = "cpu" }, { package = "app", extra = "cu124" }]]

            [[package]]
            name = "app"
            version = "0.1.0"
            source = { virtual = "." }

            [package.optional-dependencies]
            cpu = [{ name = "torch", version = "2.5.1", source = { registry = "https://download.pytorch.org/whl/cpu" }, marker = "extra == 'extra-3-app-cpu'" }]
            cu124 = [{ name = "torch", version = "2.5.1+cu124", source = { registry = "https://download.pytorch.org/whl/cu124" }, marker = "extra == 'extra-3-app-cu124'" }]

            [[package]]
            name = "torch"
            version = "2.5.1"
            source = { registry = "https://download.pytorch.org/whl/cpu" }

            [[package]]
            name = "torch"
            version = "2.5.1+cu124"
            source = { registry = "https://download.pytorch.org/whl/cu124" }
            """;
        const string pyproject = "[project]\nname = \"app\"\nversion = \"0.1.0\"\n";

        // Act
        var none = Read(lockText, pyproject, Linux312);
        var gpu = Read(lockText, pyproject, Linux312, groups: ["cu124"]);

        // Assert
        Assert.Empty(none.Requirements);
        Assert.Equal(["torch==2.5.1+cu124"], Texts(gpu));
    }
}
