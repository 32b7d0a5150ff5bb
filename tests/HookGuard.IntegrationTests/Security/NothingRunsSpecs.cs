using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace HookGuard.IntegrationTests.Security;

/// <summary>
/// SPEC sec. 7: "HookGuard never executes code from the repository or the venv unless configured to ask pip." A venv
/// whose every executable (<c>python</c>, <c>python3</c>, <c>python3.X</c>, <c>pip</c>, <c>pip3</c>) is a script that
/// records it ran, with a <c>sitecustomize.py</c>, a <c>usercustomize.py</c> and a <c>.pth</c> import line that would
/// record it too (Python runs them at start-up); a repository holding executables named <c>git</c> and
/// <c>python</c>, a <c>setup.py</c>, a <c>conftest.py</c> and an unconfigured <c>.githooks/pre-commit</c>, all
/// recording. Every command with the default config, and commits through the hook (blocked, then autostaged), in a
/// SHA-1 repository (HookGuard's own readers) and a SHA-256 one (the git children of README "What HookGuard runs"):
/// nothing records. Then <c>installed-source = "pip"</c>: the venv's python does run, which shows the recording works.
/// </summary>
public sealed class NothingRunsSpecs(WheelhouseVenvs venvs, ITestOutputHelper output) : IClassFixture<WheelhouseVenvs>
{
    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    public async Task Nothing_from_the_repository_or_the_venv_runs_with_the_default_config_and_the_venv_python_runs_once_pip_is_asked(string objectFormat)
    {
        using var repo = objectFormat == "sha1" ? new GuardedRepo(venvs) : new GuardedRepo(venvs, "repo", "--object-format=sha256");
        var record = Path.Combine(repo.Repo.Scratch, "ran.txt");
        await repo.VenvAsync("", "alpha==2.0");
        BoobyTrapVenv(repo.VenvPath(""), record);
        foreach (var trap in new[] { "git", "python", "python3", "pip", "setup.py", "conftest.py", ".githooks/pre-commit", "bin/git" })
        {
            TempGitRepo.WriteScript(Path.Combine(repo.WorkTree, trap), Recorder(record, "repository " + trap));
        }
        repo.Stage("git", "python", "python3", "pip", "setup.py", "conftest.py", ".githooks/pre-commit", "bin/git");
        repo.CommitWithoutHook("traps", ("requirements.txt", "alpha==2.0\n"));

        var runs = new List<(string What, GitCommandResult Result)>();
        void Run(string what, GitCommandResult result)
        {
            output.WriteLine($"--- {what}: {result}");
            runs.Add((what, result));
        }

        Run("install", repo.HookGuard("install"));
        Run("status", repo.HookGuard("status"));
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));
        Run("git commit (drift)", repo.GitCommit());
        Run("check", repo.HookGuard("check"));
        Run("check --all", repo.HookGuard("check", "--all", "--format", "json"));
        Run("check --autostage", repo.HookGuard("check", "--autostage"));
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));
        Run("fix", repo.HookGuard("fix"));
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));
        Run("install --autostage", repo.HookGuard("install", "--autostage"));
        Run("git commit (autostaged)", repo.GitCommit());
        Run("uninstall", repo.HookGuard("uninstall"));

        Assert.False(File.Exists(record), "something from the repository or venv ran:\n" + (File.Exists(record) ? File.ReadAllText(record) : ""));
        // The verdicts are the ordinary ones: the traps changed nothing HookGuard reads.
        var exitCodes = runs.ToDictionary(run => run.What, run => run.Result.ExitCode);
        Assert.Equal(0, exitCodes["install"]);
        Assert.Equal(0, exitCodes["status"]);
        Assert.NotEqual(0, exitCodes["git commit (drift)"]);
        Assert.Equal(1, exitCodes["check"]);
        Assert.Equal(1, exitCodes["check --all"]);
        Assert.Equal(0, exitCodes["check --autostage"]);
        Assert.Equal(0, exitCodes["fix"]);
        Assert.Equal(0, exitCodes["git commit (autostaged)"]);
        Assert.Equal(0, exitCodes["uninstall"]);
        Assert.Equal("alpha==2.0\n", repo.HeadText("requirements.txt"));
        Assert.All(runs, run => UserFacing.AssertNoStackTrace(run.Result));

        repo.CommitWithoutHook("ask pip", (".hookguard.toml", "installed-source = \"pip\"\n"));
        var askingPip = repo.HookGuard("check", "--all");
        output.WriteLine($"--- check --all with installed-source = \"pip\": {askingPip}");

        Assert.Equal(2, askingPip.ExitCode); // the recording python answers nothing pip would
        Assert.True(File.Exists(record), "with installed-source = \"pip\" the venv's python should have run");
        Assert.StartsWith("venv bin/python ", File.ReadAllText(record));
    }

    /// <summary>Every executable of the venv records and fails; Python's start-up files would record too.</summary>
    private static void BoobyTrapVenv(string venv, string record)
    {
        var bin = Path.Combine(venv, "bin");
        var pythons = Directory.GetFiles(bin).Select(Path.GetFileName).Where(name => name!.StartsWith("python", StringComparison.Ordinal));
        foreach (var name in pythons.Concat(["pip", "pip3", "python", "python3"]).Distinct())
        {
            File.Delete(Path.Combine(bin, name!)); // the interpreter links; a script now stands in their place
            TempGitRepo.WriteScript(Path.Combine(bin, name!), Recorder(record, "venv bin/" + name));
        }

        var site = Path.Combine(Directory.GetDirectories(Path.Combine(venv, "lib"), "python3*").Single(), "site-packages");
        var python = $"import os; os.system(\"echo 'venv {{0}}' >> '{record}'\")\n";
        File.WriteAllText(Path.Combine(site, "sitecustomize.py"), string.Format(System.Globalization.CultureInfo.InvariantCulture, python, "sitecustomize.py"));
        File.WriteAllText(Path.Combine(site, "usercustomize.py"), string.Format(System.Globalization.CultureInfo.InvariantCulture, python, "usercustomize.py"));
        File.WriteAllText(Path.Combine(site, "zz-trap.pth"), string.Format(System.Globalization.CultureInfo.InvariantCulture, python, "zz-trap.pth").Replace("\n", "", StringComparison.Ordinal) + "\n");
    }

    private static string Recorder(string record, string what) => $"#!/bin/sh\necho '{what}' \"$@\" >> '{record}'\nexit 1\n";
}
