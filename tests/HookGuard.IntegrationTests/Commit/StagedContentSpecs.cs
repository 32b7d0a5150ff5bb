using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// The requirement files are read as staged, from the index being committed, not from the work tree (SPEC sec. 4.3):
/// what is checked is what is committed.
/// </summary>
public sealed class StagedContentSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    [Fact]
    public async Task A_staged_drifted_file_blocks_even_when_the_work_tree_copy_is_fixed()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));
        repo.Write("requirements.txt", "alpha==2.0\n"); // fixed, not staged

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("alpha==1.0", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal(["AM requirements.txt"], repo.Status());
    }

    [Fact]
    public async Task A_staged_file_in_sync_passes_even_when_the_work_tree_copy_is_drifted_and_the_drift_stays_uncommitted()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));
        repo.Write("requirements.txt", "alpha==1.0\nbeta==1.0\n"); // drifted, not staged

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==2.0\n", repo.HeadText("requirements.txt"));
        Assert.Equal("alpha==1.0\nbeta==1.0\n", repo.WorkTreeText("requirements.txt"));
        Assert.Equal([" M requirements.txt"], repo.Status());
    }

    [Fact]
    public async Task An_included_file_is_read_as_staged_too()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0", "beta==1.0");
        repo.CommitWithoutHook("start", ("requirements.txt", "-r base.txt\nbeta==1.0\n"), ("base.txt", "alpha==2.0\n"));
        repo.InstallHook();
        repo.WriteAndStage(("base.txt", "alpha==1.0\n"));
        repo.Write("base.txt", "alpha==2.0\n");

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("base.txt:1", result.StandardError);
    }
}
