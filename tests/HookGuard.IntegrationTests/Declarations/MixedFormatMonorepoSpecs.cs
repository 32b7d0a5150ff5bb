using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Declarations;

/// <summary>
/// A repository whose projects declare their dependencies in different formats (SPEC sec. 4.2, 9): a uv project, a
/// Poetry project and a requirements.txt project, each with its own venv. A commit checks only the projects its staged
/// paths belong to, each against its own declaration.
/// </summary>
[Collection(DeclarationsCollection.Name)]
public sealed class MixedFormatMonorepoSpecs(LockedProjects locks)
{
    private const string Api = "services/api";
    private const string Worker = "services/worker";
    private const string Legacy = "services/legacy";

    /// <summary>api (uv) has alpha 2.0 where its lock says 1.0; worker (Poetry) is in sync; legacy (pip) has gamma undeclared.</summary>
    private async Task<GuardedRepo> ThreeProjectsAsync()
    {
        var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync(Api, "alpha==2.0", "child==1.0", "parent==1.0");
        await repo.VenvAsync(Worker, LockedProject.InSyncPins);
        await repo.VenvAsync(Legacy, "alpha==1.0", "gamma==0.3");
        repo.CommitWithoutHook("three projects",
        [
            .. locks["uv"].Files(Api), ($"{Api}/app.py", "v1\n"),
            .. locks["poetry"].Files(Worker), ($"{Worker}/job.py", "v1\n"),
            ($"{Legacy}/requirements.txt", "alpha==1.0\n"), ($"{Legacy}/old.py", "v1\n"),
        ]);
        repo.InstallHook();
        return repo;
    }

    [Fact]
    public async Task A_commit_touching_the_in_sync_poetry_project_passes_though_the_uv_and_pip_projects_drift()
    {
        using var repo = await ThreeProjectsAsync();
        var before = repo.Head();
        repo.WriteAndStage(($"{Worker}/job.py", "v2\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.NotEqual(before, repo.Head());
        Assert.Equal("v2\n", repo.HeadText($"{Worker}/job.py"));
        Assert.Contains($"{Worker}: in sync", result.StandardError);
        Assert.DoesNotContain(Api, result.StandardError);
        Assert.DoesNotContain(Legacy, result.StandardError);
    }

    [Fact]
    public async Task A_commit_touching_the_uv_project_is_blocked_by_its_lock_alone()
    {
        using var repo = await ThreeProjectsAsync();
        var before = repo.Head();
        repo.WriteAndStage(($"{Api}/app.py", "v2\n"), ($"{Worker}/job.py", "v2\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(before, repo.Head());
        var finding = LockFormatSpecs.FindingLine(result, "version-mismatch");
        Assert.Contains(locks["uv"].Where("alpha", Api) + ":", finding);
        Assert.Contains("uv sync", finding);
        Assert.Contains($"{Worker}: in sync", result.StandardError);
        Assert.DoesNotContain(Legacy, result.StandardError);
        Assert.DoesNotContain("gamma", result.StandardError);
    }

    [Fact]
    public async Task A_commit_touching_the_requirements_project_is_judged_by_its_requirements_file_not_a_lock()
    {
        using var repo = await ThreeProjectsAsync();
        var before = repo.Head();
        repo.WriteAndStage(($"{Legacy}/old.py", "v2\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(before, repo.Head());
        var finding = LockFormatSpecs.FindingLine(result, "undeclared");
        Assert.Contains("gamma 0.3", finding);
        Assert.Contains($"{Legacy}/requirements.txt", finding);
        Assert.Contains("hookguard fix", finding);
        Assert.DoesNotContain(Api, result.StandardError);
        Assert.DoesNotContain("uv sync", result.StandardError);
    }
}
