using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Pipenv;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Declarations.Pipenv;

public sealed class PipfileLockReaderSpecs
{
    private static readonly MarkerEnvironment Linux311 = MarkerEnvironment.Create("3.11.7", "posix", "linux", "Linux", "x86_64");

    internal const string Lock = """
        {
            "_meta": {
                "hash": {
                    "sha256": "883bdbf2e98d4a109375c844e3b811572e29ec9f2bf1805ba65aa1614551a6d1"
                },
                "pipfile-spec": 6,
                "requires": {
                    "python_version": "3.11"
                },
                "sources": []
            },
            "default": {
                "alpha": {
                    "hashes": [
                        "sha256:a45da0979dbe63b425c2cd9a5c880d9e7511b074fb37c8d02d25ff6cb423de64"
                    ],
                    "version": "==1.1.0"
                },
                "gamma": {
                    "markers": "sys_platform == 'win32'",
                    "version": "==0.3.0"
                },
                "myproj": {
                    "editable": true,
                    "path": "."
                }
            },
            "develop": {
                "devonly": {
                    "index": "local",
                    "version": "==0.1.0"
                }
            }
        }
        """;

    // Written by pipenv 2022.12.19 (`pipenv lock`, offline against a local index) for this Pipfile.
    internal const string RealPipfileWithSource = """
        [[source]]
        url = "http://127.0.0.1:18931/simple"
        verify_ssl = false
        name = "local"

        [packages]
        beta = "*"
        delta = {version = ">=4", markers = "python_version >= '3.8'"}

        [dev-packages]
        devonly = "==0.1.0"

        [requires]
        python_version = "3.11"

        """;

    private const string RealHashWithSource = "883bdbf2e98d4a109375c844e3b811572e29ec9f2bf1805ba65aa1614551a6d1";

    // Written by pipenv 2022.12.19 (`PIPENV_PYPI_MIRROR=http://127.0.0.1:18931/simple pipenv lock`) for this Pipfile, which
    // has no [[source]] (plette hashes pypi's default source), a custom category and non-ASCII text outside the hash.
    private const string RealPipfileWithoutSource = """
        # no [[source]]: plette prepends pypi's for the hash
        [packages]
        Alpha = {version = "==1.0.0", sys_platform = "== 'linux'", extras = ["x", "y"]}
        "gamma" = "*"

        [dev-packages]

        [custom-things]
        delta = {version = "*", index = "pypi"}

        [pipenv]
        allow_prereleases = false

        [scripts]
        hello = "echo héllo ☃ 𝄞"

        [requires]
        python_version = "3.11"

        """;

    private const string RealHashWithoutSource = "33e864bf0acd94419d3631a108be727ad01bfdb63c6b0e8be0365f1e8c6676c9";

    [Fact]
    public void Without_a_venv_every_package_of_every_category_is_returned_at_the_line_of_its_key()
    {
        var set = PipfileLockReader.Read(Input(Lock));

        Assert.Equal(
            ["alpha==1.1.0@13", "gamma==0.3.0@19", "myproj @ .@23", "devonly==0.1.0@29"],
            set.Requirements.Select(entry => $"{entry.Text}@{entry.Location.Line}"));
        Assert.Equal(DeclarationFormat.PipfileLock, set.Format);
        Assert.Same(DeclarationTool.Pipenv, set.Tool);
    }

    [Fact]
    public void A_package_whose_marker_is_false_for_the_venv_is_not_selected()
    {
        var set = PipfileLockReader.Read(Input(Lock, Linux311));

        Assert.DoesNotContain(set.Requirements, entry => entry.Requirement!.Name == "gamma");
        Assert.Contains(set.Requirements, entry => entry.Requirement!.Name == "alpha");
    }

    [Fact]
    public void Develop_is_not_selected_when_the_venv_holds_nothing_only_develop_lists()
    {
        var set = PipfileLockReader.Read(Input(Lock, Linux311, installed: ["alpha"]));

        Assert.DoesNotContain(set.Requirements, entry => entry.Requirement!.Name == "devonly");
    }

    [Fact]
    public void Develop_is_selected_when_the_venv_holds_a_package_only_develop_lists()
    {
        var set = PipfileLockReader.Read(Input(Lock, Linux311, installed: ["alpha", "devonly"]));

        Assert.Contains(set.Requirements, entry => entry.Text == "devonly==0.1.0");
    }

    [Theory]
    [InlineData("develop")]
    [InlineData("dev-packages")]
    public void Develop_is_selected_when_the_groups_name_it(string group)
    {
        var set = PipfileLockReader.Read(Input(Lock, Linux311, groups: [group]));

        Assert.Contains(set.Requirements, entry => entry.Text == "devonly==0.1.0");
    }

    [Fact]
    public void Groups_that_do_not_name_develop_leave_it_out_even_if_the_venv_holds_its_packages()
    {
        var set = PipfileLockReader.Read(Input(Lock, Linux311, groups: [], installed: ["devonly"]));

        Assert.DoesNotContain(set.Requirements, entry => entry.Text == "devonly==0.1.0");
    }

    [Fact]
    public void The_project_itself_at_path_dot_is_an_own_name_and_any_version_satisfies_it()
    {
        var set = PipfileLockReader.Read(Input(Lock, Linux311));

        var own = Assert.Single(set.Requirements, entry => entry.Requirement!.Name == "myproj");
        Assert.True(own.Editable);
        Assert.Equal(".", own.Requirement!.Url);
        Assert.Contains("myproj", set.OwnNames);
    }

    [Fact]
    public void A_vcs_entry_carries_its_url_and_ref_instead_of_a_version()
    {
        var set = PipfileLockReader.Read(Input("""
            {"_meta": {"pipfile-spec": 6}, "default": {
                "lib": {"git": "https://example.com/lib.git", "ref": "abc123"}}}
            """));

        Assert.Equal("git+https://example.com/lib.git@abc123", Assert.Single(set.Requirements).Requirement!.Url);
    }

    [Fact]
    public void A_package_in_default_and_develop_is_taken_once_from_develop_which_pipenv_installs_last()
    {
        var set = PipfileLockReader.Read(Input("""
            {"_meta": {"pipfile-spec": 6},
             "default": {"six": {"version": "==1.16.0"}},
             "develop": {"six": {"version": "==1.15.0"}, "pytest": {"version": "==8.0.0"}}}
            """, Linux311, installed: ["pytest"]));

        Assert.Equal(["six==1.15.0", "pytest==8.0.0"], set.Requirements.Select(entry => entry.Text));
    }

    [Fact]
    public void The_hash_pipenv_wrote_for_a_pipfile_with_a_source_matches_so_the_lock_is_not_stale()
    {
        var set = PipfileLockReader.Read(Input(LockWithHash(RealHashWithSource), pipfile: RealPipfileWithSource));

        Assert.Empty(set.Stale);
    }

    [Fact]
    public void The_hash_pipenv_wrote_for_a_pipfile_without_a_source_matches_so_the_lock_is_not_stale()
    {
        var set = PipfileLockReader.Read(Input(LockWithHash(RealHashWithoutSource), pipfile: RealPipfileWithoutSource));

        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_lock_written_by_a_pipenv_before_plette_which_filled_in_pypi_python_org_is_not_stale()
    {
        // pypa/pipenv's own Pipfile.lock of 2018 records this era's hash (found by the corpus check, not a guess): the
        // sha256 of {"_meta":{"requires":{},"sources":[{"name":"pypi","url":"https://pypi.python.org/simple",...}]},...}.
        const string pipfile = "[packages]\nrequests = \"*\"\n";

        var fresh = PipfileLockReader.Read(Input(LockWithHash("a0e63f8a0d1e3df046dc19b3ffbaaedfa151afc12af5a5b960ae7393952f8679"), pipfile: pipfile));
        var edited = PipfileLockReader.Read(Input(LockWithHash("a0e63f8a0d1e3df046dc19b3ffbaaedfa151afc12af5a5b960ae7393952f8679"), pipfile: pipfile + "six = \"*\"\n"));

        Assert.Empty(fresh.Stale);
        Assert.Single(edited.Stale);
    }

    [Fact]
    public void A_pipfile_with_crlf_line_ends_hashes_as_pipenv_reads_it_in_text_mode()
    {
        var set = PipfileLockReader.Read(Input(LockWithHash(RealHashWithSource), pipfile: RealPipfileWithSource.Replace("\n", "\r\n")));

        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_pipfile_changed_after_locking_makes_the_lock_stale_at_the_line_of_its_hash()
    {
        var changed = RealPipfileWithSource.Replace("beta = \"*\"", "beta = \">=2\"");

        var set = PipfileLockReader.Read(Input(LockWithHash(RealHashWithSource), pipfile: changed));

        var stale = Assert.Single(set.Stale);
        Assert.Equal(3, stale.Location.Line);
        Assert.Equal("app/Pipfile", stale.DeclarationFile);
        Assert.Equal("its _meta.hash does not match Pipfile", stale.Reason);
    }

    [Fact]
    public void A_change_to_scripts_does_not_make_the_lock_stale_since_plette_does_not_hash_them()
    {
        var changed = RealPipfileWithoutSource.Replace("echo héllo", "echo bye");

        var set = PipfileLockReader.Read(Input(LockWithHash(RealHashWithoutSource), pipfile: changed));

        Assert.Empty(set.Stale);
    }

    [Fact]
    public void Invalid_json_is_an_error_at_the_line_of_the_problem()
    {
        var error = Assert.Throws<DeclarationFileError>(() => PipfileLockReader.Read(Input("{\n  \"default\": {\n    \"a\": {\"version\": \"==1\",}\n}}")));

        Assert.Equal(3, error.Location.Line);
        Assert.Equal("app/Pipfile.lock", error.Location.File);
    }

    [Fact]
    public void A_lock_that_is_not_utf8_is_an_error_at_the_line_of_the_bad_byte()
    {
        // Found by the fuzzer: an invalid byte inside a JSON string escaped as an InvalidOperationException.
        var bytes = Encoding.UTF8.GetBytes("{\n\"_meta\": {\"hash\": {\"sha256\": \"ab\"}}}");
        bytes[bytes.Length - 6] = 0x8D;
        var input = Input("{}") with { Content = bytes };

        var error = Assert.Throws<DeclarationFileError>(() => PipfileLockReader.Read(input));

        Assert.Equal(2, error.Location.Line);
        Assert.Contains("not UTF-8", error.Message);
    }

    [Fact]
    public void An_unknown_pipfile_spec_is_an_error_at_its_line()
    {
        var error = Assert.Throws<DeclarationFileError>(() => PipfileLockReader.Read(Input("{\n\"_meta\": {\n\"pipfile-spec\": 7\n}, \"default\": {}}")));

        Assert.Equal(3, error.Location.Line);
    }

    [Theory]
    [InlineData("{\"default\": {\n\"a\": {\"hashes\": []}}}", 2)]
    [InlineData("{\"default\": {\n\"a\": {\"version\": 1}}}", 2)]
    [InlineData("{\"default\": {\n\"a\": \"==1.0\"}}", 2)]
    [InlineData("{\"default\": {\n\"a\": {\"version\": \">=1.0\"}}}", 2)]
    [InlineData("{\"default\": {\n\"a\": {\"version\": \"==1.0\", \"markers\": \"python_version >\"}}}", 2)]
    [InlineData("{\n\"default\": []}", 2)]
    [InlineData("[]", 1)]
    public void A_malformed_package_is_an_error_at_its_line(string json, int line)
    {
        var error = Assert.Throws<DeclarationFileError>(() => PipfileLockReader.Read(Input(json)));

        Assert.Equal(line, error.Location.Line);
    }

    private static string LockWithHash(string hash) => $$"""
        {
            "_meta": {
                "hash": {"sha256": "{{hash}}"},
                "pipfile-spec": 6
            },
            "default": {}
        }
        """;

    private static DeclarationInput Input(
        string json, MarkerEnvironment? environment = null, string[]? groups = null, string[]? installed = null, string? pipfile = null) =>
        new("app", "app/Pipfile.lock", Encoding.UTF8.GetBytes(json),
            path => path == "app/Pipfile" && pipfile is not null ? Encoding.UTF8.GetBytes(pipfile) : null,
            environment, groups, new HashSet<string>(installed ?? [], StringComparer.Ordinal));
}
