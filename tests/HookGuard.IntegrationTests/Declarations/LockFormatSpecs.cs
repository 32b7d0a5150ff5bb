using System.Text;
using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Declarations;

/// <summary>
/// A project whose lock file is its declaration (SPEC sec. 9), for every lock format, through a real <c>git commit</c>
/// with the installed hook: a venv that matches the lock commits; an extra, a missing or a drifted package blocks, the
/// report naming the lock's line and the tool's own command; a lock older than its declaration blocks as stale naming
/// the tool's lock command; autostage never rewrites a lock; a lock that does not parse stops the check with exit 2.
/// Poetry, Pipenv and PDM locks are written by the real tools (<see cref="LockTools"/>), uv.lock and pylock.toml as text.
/// </summary>
[Collection(DeclarationsCollection.Name)]
public sealed class LockFormatSpecs(LockedProjects locks)
{
    public static TheoryData<string> Formats => LockedProjects.Formats;

    public static TheoryData<string> FormatsWithDeclaration => LockedProjects.FormatsWithDeclaration;

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_project_whose_venv_matches_its_lock_commits(string format)
    {
        var project = locks[format];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", LockedProject.InSyncPins);
        repo.InstallHook();
        repo.WriteAndStage([.. project.Files(), ("app.py", "print('hi')\n")]);

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Contains(".: in sync", result.StandardError); // checked, not merely passed over as no project
        Assert.NotNull(repo.Head());
        Assert.Contains(project.LockFile, repo.HeadFiles());
        Assert.Empty(repo.Status());
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_installed_package_the_lock_does_not_hold_blocks_naming_the_lock_and_the_sync_command(string format)
    {
        var project = locks[format];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", [.. LockedProject.InSyncPins, "gamma==0.3"]);
        repo.InstallHook();
        repo.WriteAndStage(project.Files());

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Null(repo.Head());
        var finding = FindingLine(result, "undeclared");
        Assert.Contains("gamma 0.3", finding);
        Assert.Contains(project.LockFile, finding);
        AssertSyncCommand(project, finding);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_locked_package_missing_from_the_venv_blocks_naming_its_lock_line(string format)
    {
        var project = locks[format];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", "alpha==1.0", "parent==1.0");
        repo.InstallHook();
        repo.WriteAndStage(project.Files());

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Null(repo.Head());
        var finding = FindingLine(result, "not-installed");
        Assert.Contains("child", finding);
        Assert.Contains(project.Where("child") + ":", finding);
        AssertSyncCommand(project, finding);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_version_other_than_the_locked_one_blocks_naming_both_versions_and_the_lock_line(string format)
    {
        var project = locks[format];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", "alpha==2.0", "child==1.0", "parent==1.0");
        repo.InstallHook();
        repo.WriteAndStage(project.Files());

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Null(repo.Head());
        var finding = FindingLine(result, "version-mismatch");
        Assert.Contains(project.Where("alpha") + ":", finding);
        Assert.Contains("alpha==1.0", finding);
        Assert.Contains("installed 2.0", finding);
        AssertSyncCommand(project, finding);
    }

    [Theory]
    [MemberData(nameof(FormatsWithDeclaration))]
    public async Task A_declaration_edited_after_locking_blocks_as_a_stale_lock_naming_the_lock_command(string format)
    {
        var project = locks[format];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", LockedProject.InSyncPins);
        repo.CommitWithoutHook("locked", project.Files());
        var before = repo.Head();
        repo.InstallHook();
        repo.WriteAndStage((project.DeclarationFile!, project.StaleDeclaration!));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(before, repo.Head());
        var finding = FindingLine(result, "stale-lock");
        Assert.Contains(project.LockFile, finding);
        Assert.Contains(project.DeclarationFile!, finding);
        Assert.Contains(project.LockCommand!, finding);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Autostage_blocks_a_drifted_lock_project_and_leaves_the_lock_byte_for_byte_unchanged(string format)
    {
        var project = locks[format];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", "alpha==2.0", "child==1.0", "parent==1.0", "gamma==0.3");
        repo.InstallHook("--autostage");
        repo.WriteAndStage(project.Files());
        var lockBytes = Encoding.UTF8.GetBytes(project.Lock);

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Null(repo.Head());
        Assert.Contains(project.Where("alpha"), result.StandardError);
        Assert.Equal(lockBytes, repo.Blob(":" + project.LockFile));
        Assert.Equal(lockBytes, File.ReadAllBytes(Path.Combine(repo.WorkTree, project.LockFile)));
        Assert.Equal(project.Files().Select(file => "A  " + file.Path).Order(StringComparer.Ordinal), repo.Status().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_lock_that_does_not_parse_stops_the_check_with_exit_2_naming_file_and_line(string format)
    {
        var project = locks[format];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", LockedProject.InSyncPins);
        repo.InstallHook();
        repo.WriteAndStage([.. project.Files().Where(file => file.Path != project.LockFile), (project.LockFile, project.BrokenLock())]);

        var commit = repo.GitCommit();
        var check = repo.HookGuard("check");

        UserFacing.AssertBlocked(commit);
        Assert.Null(repo.Head());
        Assert.Contains(project.LockFile + ":2", commit.StandardError);
        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains(project.LockFile + ":2", check.StandardError);
    }

    /// <summary>The report's one line about <paramref name="kind"/> (a finding names its kind once, on its own line).</summary>
    internal static string FindingLine(GitCommandResult result, string kind)
    {
        var lines = (result.StandardOutput + "\n" + result.StandardError).Split('\n').Where(line => line.Contains(kind, StringComparison.Ordinal)).ToArray();
        Assert.True(lines.Length == 1, $"expected one '{kind}' line in the report: {result}");
        return lines[0];
    }

    private static void AssertSyncCommand(LockedProject project, string finding)
    {
        if (project.SyncCommand is not null)
        {
            Assert.Contains(project.SyncCommand, finding);
        }
    }
}
