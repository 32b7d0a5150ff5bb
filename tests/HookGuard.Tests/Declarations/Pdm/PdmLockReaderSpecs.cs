using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Pdm;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Declarations.Pdm;

public sealed class PdmLockReaderSpecs
{
    private static readonly MarkerEnvironment Linux311 = MarkerEnvironment.Create("3.11.7", "posix", "linux", "Linux", "x86_64");
    private static readonly MarkerEnvironment Windows311 = MarkerEnvironment.Create("3.11.7", "nt", "win32", "Windows", "AMD64");

    // pyproject.toml and the pdm.lock pdm 2.2.1 wrote for it (`PDM_PYPI_URL=http://127.0.0.1:18931/simple pdm lock`, offline
    // against a local index); [metadata.files] trimmed.
    internal const string Pyproject = """
        [project]
        name = "myapp"
        version = "0.1.0"
        dependencies = ["beta>=1", "delta; python_version >= '3.8'"]
        requires-python = ">=3.8"

        [project.optional-dependencies]
        extra1 = ["gamma"]

        [tool.pdm.dev-dependencies]
        test = ["devonly==0.1.0"]

        [[tool.pdm.source]]
        name = "local"
        url = "http://127.0.0.1:18931/simple"
        verify_ssl = false

        """;

    internal const string Lock = """
        [[package]]
        name = "alpha"
        version = "1.1.0"
        summary = ""

        [[package]]
        name = "beta"
        version = "2.0.0"
        summary = ""
        dependencies = [
            "alpha>=1.0",
        ]

        [[package]]
        name = "delta"
        version = "4.5.6"
        summary = ""
        dependencies = [
            "gamma; sys_platform == \"linux\"",
        ]

        [[package]]
        name = "devonly"
        version = "0.1.0"
        summary = ""

        [[package]]
        name = "gamma"
        version = "0.3.0"
        summary = ""

        [metadata]
        lock_version = "4.0"
        content_hash = "sha256:901c629957f2aa32ec509e94a28cd762e64800fc820cf4e0a141353c2edd1844"
        """;

    [Fact]
    public void Without_a_venv_every_package_is_returned_at_the_line_of_its_header()
    {
        var set = PdmLockReader.Read(Input(Lock, pyproject: Pyproject));

        Assert.Equal(
            ["alpha==1.1.0@1", "beta==2.0.0@6", "delta==4.5.6@14", "devonly==0.1.0@22", "gamma==0.3.0@27"],
            set.Requirements.Select(entry => $"{entry.Text}@{entry.Location.Line}"));
        Assert.Equal(DeclarationFormat.PdmLock, set.Format);
        Assert.Same(DeclarationTool.Pdm, set.Tool);
        Assert.Contains("myapp", set.OwnNames);
    }

    [Fact]
    public void The_content_hash_pdm_wrote_matches_the_pyproject_it_was_locked_from()
    {
        var set = PdmLockReader.Read(Input(Lock, pyproject: Pyproject));

        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_dependency_added_after_locking_makes_the_lock_stale_at_its_content_hash()
    {
        var set = PdmLockReader.Read(Input(Lock, pyproject: Pyproject.Replace("\"beta>=1\"", "\"beta>=1\", \"zeta\"")));

        var stale = Assert.Single(set.Stale);
        Assert.Equal(34, stale.Location.Line);
        Assert.Equal("pyproject.toml", stale.DeclarationFile);
    }

    // A lock_version 4.5.0 lock and its pyproject.toml with PEP 735 groups, pdm dev groups of the same name and a
    // [tool.pdm.resolution]. The content_hash was computed with Python's json.dumps(sort_keys=True) over the fields later
    // pdm releases hash (sources, dependencies, the dev groups merged, optional-dependencies, requires-python,
    // resolution): the recipe that reproduced the hash of every real 4.4.2 and 4.5.0 lock of the corpus.
    internal const string Pep735Pyproject = """
        [project]
        name = "app"
        version = "0.1.0"
        dependencies = ["requests>=2", "click; python_version >= '3.9'"]
        requires-python = ">=3.9"

        [project.optional-dependencies]
        cli = ["rich"]

        [dependency-groups]
        test = ["pytest>=8", {include-group = "lint"}]
        lint = ["ruff"]

        [tool.pdm.dev-dependencies]
        test = ["coverage"]

        [tool.pdm.resolution]
        excludes = ["six"]
        """;

    private const string OverridesRecipeHash = "7e519dd9dabc62a68ea2ec2d726158b75994d0c87667aaf87582a849039a64ee";

    internal const string Lock450 = """
        [metadata]
        groups = ["default", "test", "lint"]
        strategy = ["inherit_metadata"]
        lock_version = "4.5.0"
        content_hash = "sha256:73c1c08301a2331c803afc260cda6809cd5b79f1fad634ca7b5214414e546ebf"
        """;

    [Theory]
    [InlineData("4.5.0")]
    [InlineData("4.4.2")]
    public void A_lock_of_a_later_pdm_is_checked_with_the_fields_later_pdm_hashes(string lockVersion)
    {
        var lockText = Lock450.Replace("4.5.0", lockVersion);

        var inSync = PdmLockReader.Read(Input(lockText, pyproject: Pep735Pyproject));
        var groupChanged = PdmLockReader.Read(Input(lockText, pyproject: Pep735Pyproject.Replace("lint = [\"ruff\"]", "lint = [\"ruff\", \"mypy\"]")));
        var resolutionChanged = PdmLockReader.Read(Input(lockText, pyproject: Pep735Pyproject.Replace("excludes = [\"six\"]", "excludes = []")));

        Assert.Empty(inSync.Stale);
        Assert.Equal(5, Assert.Single(groupChanged.Stale).Location.Line);
        Assert.Single(resolutionChanged.Stale);
    }

    [Theory]
    [InlineData("4.1")]
    [InlineData("4.4")]
    public void A_lock_version_no_known_recipe_reproduces_is_never_called_stale(string lockVersion)
    {
        var set = PdmLockReader.Read(Input(Lock450.Replace("4.5.0", lockVersion), pyproject: Pep735Pyproject.Replace("\"ruff\"", "\"mypy\"")));

        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_lock_whose_hash_a_pdm_of_the_8_to_15_releases_wrote_reads_overrides_from_the_resolution_table()
    {
        // pdm 2.8-2.15 hashed [tool.pdm.overrides], else [tool.pdm.resolution.overrides], with the 4.0 fields; the hash
        // below is that recipe's (Python's json.dumps(sort_keys=True)) for this pyproject.toml.
        const string pyproject = """
            [project]
            name = "app"
            version = "0.1.0"
            dependencies = ["requests>=2"]
            requires-python = ">=3.9"

            [tool.pdm.resolution.overrides]
            urllib3 = "<2"
            """;
        var lockText = Lock450.Replace("4.5.0", "4.3").Replace("73c1c08301a2331c803afc260cda6809cd5b79f1fad634ca7b5214414e546ebf", OverridesRecipeHash);

        var inSync = PdmLockReader.Read(Input(lockText, pyproject: pyproject));
        var changed = PdmLockReader.Read(Input(lockText, pyproject: pyproject.Replace("<2", "<3")));

        Assert.Empty(inSync.Stale);
        Assert.Single(changed.Stale);
    }

    [Fact]
    public void A_change_outside_the_hashed_fields_does_not_make_the_lock_stale()
    {
        var set = PdmLockReader.Read(Input(Lock, pyproject: Pyproject.Replace("version = \"0.1.0\"", "version = \"0.2.0\"")));

        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_PEP_735_dependency_group_is_a_default_dev_group_as_pdm_installs_it()
    {
        // Found by the corpus check: pdm recorded groups = ["default", "dev"] for a project whose only dev is PEP 735's.
        const string lockText = """
            [metadata]
            groups = ["default", "dev"]
            strategy = ["inherit_metadata"]
            lock_version = "4.5.0"
            content_hash = "sha256:0"

            [[package]]
            name = "pytest"
            version = "9.0.2"
            groups = ["dev"]
            """;
        const string pyproject = """
            [project]
            name = "app"
            version = "0.1.0"
            dependencies = []

            [dependency-groups]
            dev = ["pytest>=9"]
            """;

        var set = PdmLockReader.Read(Input(lockText, Linux311, pyproject: pyproject));

        Assert.Equal(["pytest==9.0.2"], set.Requirements.Select(entry => entry.Text));
    }

    [Fact]
    public void Without_groups_in_the_lock_the_default_and_dev_groups_are_walked_from_the_pyproject()
    {
        var set = PdmLockReader.Read(Input(Lock, Linux311, pyproject: Pyproject));

        Assert.Equal(["alpha==1.1.0", "beta==2.0.0", "delta==4.5.6", "devonly==0.1.0", "gamma==0.3.0"], set.Requirements.Select(entry => entry.Text));
    }

    [Fact]
    public void A_dependency_whose_marker_is_false_for_the_venv_is_not_walked_into()
    {
        var set = PdmLockReader.Read(Input(Lock, Windows311, pyproject: Pyproject));

        Assert.DoesNotContain(set.Requirements, entry => entry.Text == "gamma==0.3.0");
    }

    [Fact]
    public void Groups_override_the_default_choice_so_the_optional_group_is_walked_and_the_dev_group_is_not()
    {
        var set = PdmLockReader.Read(Input(Lock, Windows311, groups: ["extra1"], pyproject: Pyproject));

        Assert.Equal(["alpha==1.1.0", "beta==2.0.0", "delta==4.5.6", "gamma==0.3.0"], set.Requirements.Select(entry => entry.Text));
    }

    [Fact]
    public void A_lock_whose_packages_record_groups_and_markers_is_selected_by_them()
    {
        var set = PdmLockReader.Read(Input("""
            [metadata]
            groups = ["default", "dev"]
            strategy = ["inherit_metadata"]
            lock_version = "4.5.0"
            content_hash = "sha256:0000"

            [[package]]
            name = "a"
            version = "1.0"
            groups = ["default"]
            marker = "sys_platform == \"linux\""
            files = [{file = "a-1.0-py3-none-any.whl", hash = "sha256:00"}]

            [[package]]
            name = "b"
            version = "2.0"
            groups = ["default"]
            marker = "sys_platform == \"win32\""

            [[package]]
            name = "c"
            version = "3.0"
            groups = ["dev"]

            [[package]]
            name = "d"
            version = "4.0"
            groups = ["docs"]
            """, Linux311, pyproject: "[project]\nname = \"x\"\n[tool.pdm.dev-dependencies]\ndev = [\"c\"]\n"));

        Assert.Equal(["a==1.0", "c==3.0"], set.Requirements.Select(entry => entry.Text));
        Assert.Single(set.Stale); // the made-up content_hash is not the pyproject's
    }

    [Fact]
    public void Entries_of_one_package_with_and_without_extras_give_one_requirement()
    {
        var set = PdmLockReader.Read(Input("""
            [metadata]
            lock_version = "4.0"

            [[package]]
            name = "requests"
            version = "2.31.0"

            [[package]]
            name = "requests"
            version = "2.31.0"
            extras = ["socks"]
            dependencies = ["requests==2.31.0", "pysocks"]

            [[package]]
            name = "pysocks"
            version = "1.7.1"
            """, Linux311, pyproject: "[project]\nname = \"x\"\ndependencies = [\"requests[socks]\"]\n"));

        Assert.Equal(["requests==2.31.0", "pysocks==1.7.1"], set.Requirements.Select(entry => entry.Text));
    }

    [Fact]
    public void A_package_whose_requires_python_excludes_the_venv_is_not_selected()
    {
        var set = PdmLockReader.Read(Input("""
            [metadata]
            lock_version = "4.0"

            [[package]]
            name = "old"
            version = "1.0"
            requires_python = "<3.8"

            [[package]]
            name = "old"
            version = "2.0"
            requires_python = ">=3.8"
            """, Linux311, pyproject: "[project]\nname = \"x\"\ndependencies = [\"old\"]\n"));

        Assert.Equal(["old==2.0"], set.Requirements.Select(entry => entry.Text));
    }

    [Theory]
    [InlineData("[metadata]\nlock_version = \"3.1\"\n", 2)]
    [InlineData("[metadata]\nlock_version = \"5.0\"\n", 2)]
    [InlineData("[metadata]\nlock_version = 4\n", 2)]
    [InlineData("[[package]]\nname = \"a\"\n", 1)]
    [InlineData("[metadata]\ncontent_hash = \"sha256:00\"\n", 1)]
    [InlineData("[metadata]\nlock_version = \"4.0\"\n[[package]]\nversion = \"1.0\"\n", 3)]
    [InlineData("[metadata]\nlock_version = \"4.0\"\n[[package]]\nname = \"a\"\n", 3)]
    [InlineData("[metadata]\nlock_version = \"4.0\"\n[[package]]\nname = \"a\"\nversion = \"1\"\ndependencies = \"b\"\n", 6)]
    [InlineData("[metadata]\nlock_version = \"4.0\"\n[[package]]\nname = \"a\"\nversion = 1\n", 5)]
    [InlineData("[metadata]\nlock_version = \"4.0\"\n[[package]]\nname = \"a\"\nversion = \"1\"\nmarker = \"os_name ==\"\n", 6)]
    [InlineData("[metadata\n", 1)]
    public void A_malformed_lock_is_an_error_at_its_line(string toml, int line)
    {
        var error = Assert.Throws<DeclarationFileError>(() => PdmLockReader.Read(Input(toml)));

        Assert.Equal(line, error.Location.Line);
        Assert.Equal("pdm.lock", error.Location.File);
    }

    private static DeclarationInput Input(string toml, MarkerEnvironment? environment = null, string[]? groups = null, string? pyproject = null) =>
        new("", "pdm.lock", Encoding.UTF8.GetBytes(toml),
            path => path == "pyproject.toml" && pyproject is not null ? Encoding.UTF8.GetBytes(pyproject) : null,
            environment, groups, new HashSet<string>(StringComparer.Ordinal));
}
