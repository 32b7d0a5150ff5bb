using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.HookManagers;

/// <summary>
/// HookGuard as a hook of the pre-commit framework and of prek, from this repository's <c>.pre-commit-hooks.yaml</c>
/// (<c>hookguard-system</c>: the hookguard on PATH), driven by the real tool through a real <c>git commit</c>.
/// </summary>
public sealed class PreCommitFrameworkSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    public static TheoryData<string> Managers => new("pre-commit", "prek");

    [Theory]
    [MemberData(nameof(Managers))]
    public async Task A_commit_is_blocked_on_drift_and_passes_once_the_requirements_match(string manager)
    {
        using var setup = FrameworkRepo.Create(venvs, manager, hookArguments: "");
        await setup.Repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        setup.Repo.WriteAndStage(("app.py", "print('changed')\n"));

        var blocked = setup.Commit();

        UserFacing.AssertBlocked(blocked);
        Assert.Contains("gamma 0.3", blocked.StandardOutput + blocked.StandardError);
        Assert.Equal(1, setup.Repo.CommitCount());

        setup.Repo.WriteAndStage(("requirements.txt", "alpha==1.0\ngamma==0.3\n"));
        var passed = setup.Commit();

        UserFacing.AssertPassed(passed);
        Assert.Equal(2, setup.Repo.CommitCount());
        Assert.Equal("alpha==1.0\ngamma==0.3\n", setup.Repo.HeadText("requirements.txt"));
        Assert.Contains("hookguard", passed.StandardOutput + passed.StandardError); // the hook ran, it did not just get skipped
    }

    [Theory]
    [MemberData(nameof(Managers))]
    public async Task The_check_reads_the_staged_requirements_while_the_framework_has_stashed_unstaged_edits(string manager)
    {
        using var setup = FrameworkRepo.Create(venvs, manager, hookArguments: "");
        await setup.Repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        setup.Repo.WriteAndStage(("requirements.txt", "alpha==1.0\ngamma==0.3\n"));
        setup.Repo.Write("requirements.txt", "alpha==1.0\n# unstaged: would be drift if read from disk\n");

        var result = setup.Commit();

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==1.0\ngamma==0.3\n", setup.Repo.HeadText("requirements.txt"));
        Assert.Equal("alpha==1.0\n# unstaged: would be drift if read from disk\n", setup.Repo.WorkTreeText("requirements.txt"));
    }

    [Theory]
    [MemberData(nameof(Managers))]
    public async Task Commit_all_is_checked_against_gits_temporary_index(string manager)
    {
        using var setup = FrameworkRepo.Create(venvs, manager, hookArguments: "");
        await setup.Repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        setup.Repo.Write("requirements.txt", "alpha==1.0\ngamma==0.3\n"); // tracked, not staged: only `commit -a` takes it

        setup.Repo.WriteAndStage(("app.py", "print('changed')\n"));

        var blocked = setup.Repo.GitCommit([], null, setup.Environment);
        UserFacing.AssertBlocked(blocked);
        Assert.Contains("gamma 0.3", blocked.StandardOutput + blocked.StandardError);
        var result = setup.Repo.GitCommit(["-a"], null, setup.Environment);

        UserFacing.AssertPassed(result);
        Assert.Equal("alpha==1.0\ngamma==0.3\n", setup.Repo.HeadText("requirements.txt"));
    }

    [Theory]
    [MemberData(nameof(Managers))]
    public async Task Autostage_is_refused_under_the_framework_and_the_commit_stays_blocked_with_the_index_untouched(string manager)
    {
        using var setup = FrameworkRepo.Create(venvs, manager, hookArguments: "--autostage");
        await setup.Repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        setup.Repo.WriteAndStage(("app.py", "print('changed')\n"));

        var result = setup.Commit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("autostage is off under pre-commit/prek", result.StandardOutput + result.StandardError);
        Assert.Equal("alpha==1.0\n", setup.Repo.IndexText("requirements.txt"));
        Assert.Equal("alpha==1.0\n", setup.Repo.WorkTreeText("requirements.txt"));
        Assert.Equal(1, setup.Repo.CommitCount());
    }

    /// <summary>
    /// A guarded repository whose <c>.pre-commit-config.yaml</c> takes <c>hookguard-system</c> from a snapshot of this
    /// checkout, with the manager's own hook installed by <c>MANAGER install</c>; <c>requirements.txt</c> declares
    /// <c>alpha==1.0</c> in the first commit.
    /// </summary>
    private sealed class FrameworkRepo : IDisposable
    {
        private readonly IReadOnlyDictionary<string, string?> _environment;

        private FrameworkRepo(GuardedRepo repo, IReadOnlyDictionary<string, string?> environment)
        {
            Repo = repo;
            _environment = environment;
        }

        public GuardedRepo Repo { get; }

        public static FrameworkRepo Create(WheelhouseVenvs venvs, string manager, string hookArguments)
        {
            var executable = manager == "prek" ? HookManagerTools.Prek : HookManagerTools.PreCommit;
            var repo = new GuardedRepo(venvs);
            try
            {
                var source = repo.Repo.Sibling("hookguard-source");
                var revision = HookGuardSourceRepo.Create(repo.Repo, source);
                var environment = HookManagerEnvironment.For(repo.Repo, Path.GetDirectoryName(executable)!);
                var arguments = hookArguments.Length == 0 ? "" : $"\n    args: [{hookArguments}]";
                repo.CommitWithoutHook("init",
                    ("requirements.txt", "alpha==1.0\n"),
                    (".pre-commit-config.yaml", $"repos:\n- repo: {source}\n  rev: {revision}\n  hooks:\n  - id: hookguard-system{arguments}\n"));
                var install = repo.Repo.Run(executable, ["install"], environment: environment);
                Assert.True(install.ExitCode == 0, $"{manager} install failed: {install}");
                return new FrameworkRepo(repo, environment);
            }
            catch
            {
                repo.Dispose();
                throw;
            }
        }

        public IReadOnlyDictionary<string, string?> Environment => _environment;

        public GitCommandResult Commit() => Repo.GitCommit([], null, _environment);

        public void Dispose() => Repo.Dispose();
    }
}
