using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.HookManagers;

/// <summary>
/// <c>hookguard install</c> in a repository whose pre-commit hook belongs to another hook manager (pre-commit, prek,
/// lefthook, Husky.Net), each set up by the real tool: HookGuard chains that hook (it still runs, first), blocks on
/// drift, and <c>hookguard uninstall</c> puts the manager's hook back byte for byte.
/// </summary>
public sealed class CoexistenceSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    public static TheoryData<string> Managers => new("pre-commit", "prek", "lefthook", "husky");

    [Theory]
    [MemberData(nameof(Managers))]
    public async Task HookGuard_chains_the_managers_hook_blocks_on_drift_and_uninstall_restores_it_byte_for_byte(string manager)
    {
        using var repo = new GuardedRepo(venvs);
        var marker = Path.Combine(repo.Repo.Scratch, "manager-ran.txt");
        var environment = ManagerSetup.Install(repo, manager, marker);
        var hook = Path.Combine(ManagerSetup.HooksDirectory(repo, environment), "pre-commit");
        var managersHook = File.ReadAllBytes(hook);
        var managersMode = OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(hook);
        await repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        var commits = repo.CommitCount();

        var install = repo.Repo.Run(HookGuardExecutable.Path, ["install"], environment: environment);
        Assert.True(install.ExitCode == 0, $"hookguard install failed: {install}");
        Assert.Contains("runs first", install.StandardOutput);
        Assert.Equal(manager == "husky", install.StandardOutput.Contains("inside the work tree (core.hooksPath)", StringComparison.Ordinal));

        repo.WriteAndStage(("app.py", "print('changed')\n"));
        var blocked = repo.GitCommit([], null, environment);
        UserFacing.AssertBlocked(blocked);
        Assert.Contains("gamma 0.3", blocked.StandardError);
        Assert.Equal(1, ManagerSetup.Runs(marker));
        Assert.Equal(commits, repo.CommitCount());

        repo.WriteAndStage(("requirements.txt", "alpha==1.0\ngamma==0.3\n"));
        var passed = repo.GitCommit([], null, environment);
        UserFacing.AssertPassed(passed);
        Assert.Equal(commits + 1, repo.CommitCount());
        Assert.Equal(2, ManagerSetup.Runs(marker));

        var uninstall = repo.Repo.Run(HookGuardExecutable.Path, ["uninstall"], environment: environment);
        Assert.True(uninstall.ExitCode == 0, $"hookguard uninstall failed: {uninstall}");
        Assert.Equal(managersHook, File.ReadAllBytes(hook));
        Assert.Equal(managersMode, OperatingSystem.IsWindows() ? default : File.GetUnixFileMode(hook));
        Assert.False(File.Exists(hook + ".hookguard-previous"));

        repo.WriteAndStage(("app.py", "print('after uninstall')\n"));
        UserFacing.AssertPassed(repo.GitCommit([], null, environment));
        Assert.Equal(3, ManagerSetup.Runs(marker)); // the manager's own hook works again on its own
    }

    [Theory]
    [InlineData("pre-commit")]
    [InlineData("prek")]
    public async Task A_framework_installed_again_over_the_chained_hook_runs_hookguard_once_without_recursing(string manager)
    {
        // framework install -> hookguard install (chains the framework's script) -> framework install again (moves
        // HookGuard's hook to pre-commit.legacy and runs it with *_RUNNING_LEGACY=1): HookGuard's hook must not call the
        // framework's script a second time.
        using var repo = new GuardedRepo(venvs);
        var marker = Path.Combine(repo.Repo.Scratch, "manager-ran.txt");
        var environment = ManagerSetup.Install(repo, manager, marker);
        await repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        var install = repo.Repo.Run(HookGuardExecutable.Path, ["install"], environment: environment);
        Assert.True(install.ExitCode == 0, $"hookguard install failed: {install}");
        var again = repo.Repo.Run(ManagerSetup.Executable(manager), ["install"], environment: environment);
        Assert.True(again.ExitCode == 0, $"{manager} install (again) failed: {again}");
        Assert.True(File.Exists(Path.Combine(ManagerSetup.HooksDirectory(repo, environment), "pre-commit.legacy")), "the framework kept HookGuard's hook as pre-commit.legacy");

        repo.WriteAndStage(("app.py", "print('changed')\n"));
        var blocked = repo.GitCommit([], null, environment);
        UserFacing.AssertBlocked(blocked);
        Assert.Contains("gamma 0.3", blocked.StandardError);
        Assert.DoesNotContain("migration mode", blocked.StandardOutput + blocked.StandardError);
        Assert.Equal(1, ManagerSetup.Runs(marker));

        repo.WriteAndStage(("requirements.txt", "alpha==1.0\ngamma==0.3\n"));
        var passed = repo.GitCommit([], null, environment);
        UserFacing.AssertPassed(passed);
        Assert.Equal(2, ManagerSetup.Runs(marker));
    }

    /// <summary>Each manager set up the way its own docs say, with one hook that appends a line to a marker file.</summary>
    private static class ManagerSetup
    {
        public static string Executable(string manager) => manager switch
        {
            "pre-commit" => HookManagerTools.PreCommit,
            "prek" => HookManagerTools.Prek,
            "lefthook" => HookManagerTools.Lefthook,
            "husky" => HookManagerTools.Husky,
            _ => throw new ArgumentOutOfRangeException(nameof(manager), manager, null),
        };

        /// <summary>Configures and installs <paramref name="manager"/>'s pre-commit hook in the first commit; returns the environment to commit with.</summary>
        public static IReadOnlyDictionary<string, string?> Install(GuardedRepo repo, string manager, string marker)
        {
            var executable = Executable(manager);
            var environment = HookManagerEnvironment.For(repo.Repo, Path.GetDirectoryName(executable)!);
            var append = $"echo {manager} >> {HookGuard.Hooks.ShellQuoting.SingleQuote(marker)}";
            var files = new List<(string, string)> { ("requirements.txt", "alpha==1.0\n") };
            string[] installArguments = ["install"];
            switch (manager)
            {
                case "pre-commit" or "prek":
                    files.Add((".pre-commit-config.yaml",
                        "repos:\n- repo: local\n  hooks:\n  - id: marker\n    name: marker\n    language: system\n" +
                        $"    entry: sh -c \"{append.Replace("\"", "\\\"")}\"\n    pass_filenames: false\n    always_run: true\n"));
                    break;
                case "lefthook":
                    files.Add(("lefthook.yml", $"pre-commit:\n  commands:\n    marker:\n      run: {append}\n"));
                    break;
                case "husky":
                    Ok(repo.Repo.Run(executable, ["install"], environment: environment), "husky install");
                    installArguments = ["add", "pre-commit", "-c", append];
                    break;
            }

            repo.CommitWithoutHook("init", files.ToArray());
            Ok(repo.Repo.Run(executable, installArguments, environment: environment), $"{manager} {string.Join(' ', installArguments)}");
            if (manager == "husky")
            {
                repo.Stage(".husky");
                repo.Repo.GitOk("commit", "--quiet", "--no-verify", "-m", "husky");
            }

            Assert.Equal(0, Runs(marker));
            return environment;
        }

        public static string HooksDirectory(GuardedRepo repo, IReadOnlyDictionary<string, string?> environment) =>
            repo.Repo.Git(["rev-parse", "--path-format=absolute", "--git-path", "hooks"], null, environment).StandardOutput.TrimEnd('\n');

        /// <summary>How often the manager's hook ran.</summary>
        public static int Runs(string marker) => File.Exists(marker) ? File.ReadAllLines(marker).Length : 0;

        private static void Ok(GitCommandResult result, string what) => Assert.True(result.ExitCode == 0, $"{what} failed: {result}");
    }
}
