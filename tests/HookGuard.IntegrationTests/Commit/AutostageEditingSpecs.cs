using System.Text;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// How autostage edits the file the user wrote (SPEC sec. 5): minimally, keeping line endings, BOM, comments, markers
/// and extras; in the file where the pin is written; never sweeping unstaged edits into the commit or losing them;
/// never writing an unhashed line into a <c>--hash</c> file; never deleting a declaration.
/// </summary>
public sealed class AutostageEditingSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private static readonly string[] Venv = ["alpha==2.0", "beta==1.0"];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task A_file_with_CRLF_line_endings_keeps_them()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        repo.WriteBytes("requirements.txt", Utf8("# deps\r\nalpha==1.0\r\n"));
        repo.Stage("requirements.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        var expected = Utf8("# deps\r\nalpha==2.0\r\nbeta==1.0\r\n");
        Assert.Equal(expected, repo.Blob("HEAD:requirements.txt"));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(repo.WorkTree, "requirements.txt")));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_file_git_converts_to_CRLF_in_the_work_tree_through_core_autocrlf_is_fixed_not_mistaken_for_unstaged_edits()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.Repo.GitOk("config", "core.autocrlf", "true"); // git for Windows' default
        repo.InstallHook("--autostage");
        repo.WriteBytes("requirements.txt", Utf8("# deps\r\nalpha==1.0\r\n"));
        repo.Stage("requirements.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal(Utf8("# deps\nalpha==2.0\nbeta==1.0\n"), repo.Blob("HEAD:requirements.txt"));
        Assert.Equal(Utf8("# deps\r\nalpha==2.0\r\nbeta==1.0\r\n"), File.ReadAllBytes(Path.Combine(repo.WorkTree, "requirements.txt")));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_file_with_an_eol_attribute_is_fixed_with_the_work_tree_line_endings_git_gives_it()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("attributes", (".gitattributes", "*.txt text eol=crlf\n"));
        repo.InstallHook("--autostage");
        repo.WriteBytes("requirements.txt", Utf8("alpha==1.0\r\n"));
        repo.Stage("requirements.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal(Utf8("alpha==2.0\nbeta==1.0\n"), repo.Blob("HEAD:requirements.txt"));
        Assert.Equal(Utf8("alpha==2.0\r\nbeta==1.0\r\n"), File.ReadAllBytes(Path.Combine(repo.WorkTree, "requirements.txt")));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task Unstaged_edits_under_core_autocrlf_get_the_fix_in_the_work_tree_line_endings_and_stay_unstaged()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.Repo.GitOk("config", "core.autocrlf", "true");
        repo.InstallHook("--autostage");
        repo.WriteBytes("requirements.txt", Utf8("alpha==1.0\r\n"));
        repo.Stage("requirements.txt");
        repo.WriteBytes("requirements.txt", Utf8("alpha==1.0\r\n# mine\r\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal(Utf8("alpha==2.0\nbeta==1.0\n"), repo.Blob("HEAD:requirements.txt"));
        Assert.Equal(Utf8("alpha==2.0\nbeta==1.0\n"), repo.Blob(":requirements.txt"));
        Assert.Equal(Utf8("alpha==2.0\r\n# mine\r\nbeta==1.0\r\n"), File.ReadAllBytes(Path.Combine(repo.WorkTree, "requirements.txt")));
    }

    [Fact]
    public async Task Unstaged_edits_on_the_line_autostage_must_fix_block_and_both_copies_are_kept()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nbeta==1.0\n"));
        repo.Write("requirements.txt", "alpha==1.5  # trying something\nbeta==1.0\n");

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("unstaged changes", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal("alpha==1.0\nbeta==1.0\n", repo.IndexText("requirements.txt"));
        Assert.Equal("alpha==1.5  # trying something\nbeta==1.0\n", repo.WorkTreeText("requirements.txt"));
    }

    [Fact]
    public async Task A_file_with_a_byte_order_mark_keeps_it()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        byte[] bom = [0xEF, 0xBB, 0xBF];
        repo.WriteBytes("requirements.txt", [.. bom, .. Utf8("alpha==1.0\n")]);
        repo.Stage("requirements.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        byte[] expected = [.. bom, .. Utf8("alpha==2.0\nbeta==1.0\n")];
        Assert.Equal(expected, repo.Blob("HEAD:requirements.txt"));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(repo.WorkTree, "requirements.txt")));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_UTF16_file_with_a_byte_order_mark_stays_UTF16()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        var utf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
        repo.WriteBytes("requirements.txt", [.. utf16.GetPreamble(), .. utf16.GetBytes("# résumé\nalpha==1.0\n")]);
        repo.Stage("requirements.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        byte[] expected = [.. utf16.GetPreamble(), .. utf16.GetBytes("# résumé\nalpha==2.0\nbeta==1.0\n")];
        Assert.Equal(expected, repo.Blob("HEAD:requirements.txt"));
        Assert.Equal(expected, File.ReadAllBytes(Path.Combine(repo.WorkTree, "requirements.txt")));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task An_updated_pin_keeps_its_extras_marker_and_comment_and_the_other_lines_stay_as_written()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        const string before =
            "# Runtime dependencies\n\n" +
            "alpha[fast,cli]==1.0 ; python_version >= \"3.8\"  # web stack\n" +
            "Beta == 1.0   # exact spacing kept\n";
        repo.WriteAndStage(("requirements.txt", before));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal(
            "# Runtime dependencies\n\n" +
            "alpha[fast,cli]==2.0 ; python_version >= \"3.8\"  # web stack\n" +
            "Beta == 1.0   # exact spacing kept\n",
            repo.HeadText("requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_pin_written_in_an_included_file_is_updated_in_that_file()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "-r requirements/base.txt\nbeta==1.0\n"), ("requirements/base.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==2.0\n", repo.HeadText("requirements/base.txt"));
        Assert.Equal("alpha==2.0\n", repo.WorkTreeText("requirements/base.txt"));
        Assert.Equal("-r requirements/base.txt\nbeta==1.0\n", repo.HeadText("requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_file_with_unstaged_edits_gets_the_fix_in_both_copies_and_the_edits_stay_unstaged()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", "alpha==2.0\nbeta==1.0\n"));
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\nbeta==1.0\n"));
        repo.Write("requirements.txt", "alpha==1.0\nbeta==1.0\n# work in progress, not for this commit\n");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.IndexText("requirements.txt"));
        Assert.Equal(Utf8("alpha==2.0\nbeta==1.0\n"), repo.Blob("HEAD:requirements.txt"));
        Assert.Equal("alpha==2.0\nbeta==1.0\n# work in progress, not for this commit\n", repo.WorkTreeText("requirements.txt"));
    }

    [Fact]
    public async Task A_file_using_hashes_is_not_given_an_unhashed_line_and_the_commit_is_blocked_with_a_reason()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        var hashed = "alpha==1.0 \\\n    --hash=sha256:" + new string('a', 64) + "\nbeta==1.0 --hash=sha256:" + new string('b', 64) + "\n";
        repo.WriteAndStage(("requirements.txt", hashed));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("--hash", result.StandardError);
        Assert.Contains("cannot autostage", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal(hashed, repo.IndexText("requirements.txt"));
        Assert.Equal(hashed, repo.WorkTreeText("requirements.txt"));
    }

    [Fact]
    public async Task A_project_whose_included_file_uses_hashes_gets_no_unhashed_line_anywhere()
    {
        // pip turns on hash-checking mode for the whole install as soon as one requirement has a hash, so an unhashed
        // line appended to the root file would make "pip install -r requirements.txt" refuse everything.
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        var hashed = "alpha==2.0 --hash=sha256:" + new string('a', 64) + "\n";
        repo.WriteAndStage(("requirements.txt", "-r locked.txt\n"), ("locked.txt", hashed));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("--hash", result.StandardError);
        Assert.Contains("cannot autostage", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal("-r locked.txt\n", repo.IndexText("requirements.txt"));
        Assert.Equal("-r locked.txt\n", repo.WorkTreeText("requirements.txt"));
        Assert.Equal(hashed, repo.WorkTreeText("locked.txt"));
    }

    [Fact]
    public async Task A_declared_but_not_installed_requirement_is_reported_and_never_deleted()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\nbeta==1.0\ngamma==0.3\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("not-installed", result.StandardError);
        Assert.Contains("gamma", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal("alpha==2.0\nbeta==1.0\ngamma==0.3\n", repo.IndexText("requirements.txt"));
        Assert.Equal("alpha==2.0\nbeta==1.0\ngamma==0.3\n", repo.WorkTreeText("requirements.txt"));
    }

    [Fact]
    public async Task Fixable_drift_next_to_a_missing_distribution_is_reported_and_nothing_is_changed_since_the_commit_stays_blocked()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\ngamma==0.3\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("gamma", result.StandardError);
        Assert.Contains("alpha==1.0", result.StandardError);
        Assert.Contains("nothing was autostaged", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal("alpha==1.0\ngamma==0.3\n", repo.IndexText("requirements.txt"));
        Assert.Equal("alpha==1.0\ngamma==0.3\n", repo.WorkTreeText("requirements.txt"));
    }

    [Fact]
    public async Task A_blocked_commit_all_leaves_the_work_tree_file_as_the_user_wrote_it()
    {
        // git commit -a stages into index.lock and throws it away when the hook blocks: a fix written to the work
        // tree would be left behind as an unexplained change.
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("start", ("requirements.txt", "alpha==2.0\nbeta==1.0\n"));
        repo.InstallHook("--autostage");
        repo.Write("requirements.txt", "alpha==1.0\nbeta==1.0\ngamma==0.3\n");

        var result = repo.GitCommit("-a");

        UserFacing.AssertBlocked(result);
        Assert.Equal("alpha==1.0\nbeta==1.0\ngamma==0.3\n", repo.WorkTreeText("requirements.txt"));
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.IndexText("requirements.txt"));
        Assert.Equal([" M requirements.txt"], repo.Status());
    }

    [Fact]
    public async Task Autostage_set_in_the_configuration_works_like_install_with_autostage()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.CommitWithoutHook("config", (".hookguard.toml", "autostage = true\n"));
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.HeadText("requirements.txt"));
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.WorkTreeText("requirements.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // git for Windows keeps no file modes
    public async Task The_fixed_file_keeps_its_executable_mode()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        var path = repo.Write("requirements.txt", "alpha==1.0\n");
        File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        repo.Stage("requirements.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.StartsWith("100755", repo.Repo.GitOk("ls-tree", "HEAD", "requirements.txt"));
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task A_requirements_file_that_is_a_symbolic_link_stays_a_link_and_the_file_it_names_gets_the_fix()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", Venv);
        repo.InstallHook("--autostage");
        repo.Write("requirements/prod.txt", "alpha==1.0\n");
        var link = Path.Combine(repo.WorkTree, "requirements.txt");
        File.CreateSymbolicLink(link, "requirements/prod.txt");
        repo.Stage("requirements.txt", "requirements/prod.txt");

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("requirements/prod.txt", repo.HeadText("requirements.txt"));
        Assert.StartsWith("120000", repo.Repo.GitOk("ls-tree", "HEAD", "requirements.txt"));
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.HeadText("requirements/prod.txt"));
        Assert.Equal("requirements/prod.txt", new FileInfo(link).LinkTarget);
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.WorkTreeText("requirements/prod.txt"));
        Assert.Empty(repo.Status());
    }
}
