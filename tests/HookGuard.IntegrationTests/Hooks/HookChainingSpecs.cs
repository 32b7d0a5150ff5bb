using HookGuard.Cli;
using HookGuard.Hooks;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>A pre-commit hook that was there before HookGuard keeps running first, and uninstall puts it back exactly.</summary>
public sealed class HookChainingSpecs
{
    private const string ForeignHook = "#!/bin/sh\r\n# someone's hook, CRLF and all: kept byte for byte\r\nexit 0\r\n";

    [Fact]
    public void A_foreign_hook_is_kept_and_runs_first_with_the_same_arguments_and_stdin()
    {
        using var repo = new TempGitRepo();
        var hooks = HookTestKit.HooksDirectory(repo);
        var record = Path.Combine(repo.Scratch, "foreign.txt");
        TempGitRepo.WriteScript(Path.Combine(hooks, "pre-commit"), $$"""
            #!/bin/sh
            { for argument in "$@"; do printf 'arg:%s\n' "$argument"; done; printf 'stdin:%s\n' "$(cat)"; } > {{ShellQuoting.SingleQuote(record)}}
            """);
        var standIn = HookTestKit.WriteRecordingHookGuard(repo.Scratch);
        HookTestKit.InstallWithStandIn(repo, standIn);

        var result = repo.Run("sh", [Path.Combine(hooks, "pre-commit"), "one", "two words"], standardInput: "piped input");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["arg:one", "arg:two words", "stdin:piped input"], File.ReadAllLines(record));
        Assert.Single(HookTestKit.RecordedCalls(standIn));
    }

    [Fact]
    public void A_failing_foreign_hook_blocks_a_real_commit_and_hookguard_is_not_run()
    {
        using var repo = new TempGitRepo();
        var hooks = HookTestKit.HooksDirectory(repo);
        TempGitRepo.WriteScript(Path.Combine(hooks, "pre-commit"), "#!/bin/sh\necho 'foreign hook says no' >&2\nexit 3\n");
        var standIn = HookTestKit.WriteRecordingHookGuard(repo.Scratch);
        HookTestKit.InstallWithStandIn(repo, standIn);
        repo.WriteFile("a.txt", "a\n");
        repo.GitOk("add", "a.txt");

        var commit = repo.Git(["commit", "-m", "blocked"]);

        Assert.NotEqual(0, commit.ExitCode);
        Assert.Contains("foreign hook says no", commit.StandardError);
        Assert.Empty(HookTestKit.RecordedCalls(standIn));
        Assert.NotEqual(0, repo.Git(["rev-parse", "--verify", "--quiet", "HEAD"]).ExitCode);
    }

    [Fact]
    public void Uninstall_restores_the_foreign_hook_byte_for_byte_with_its_mode()
    {
        using var repo = new TempGitRepo();
        var hook = Path.Combine(HookTestKit.HooksDirectory(repo), "pre-commit");
        File.WriteAllText(hook, ForeignHook);
        var mode = (UnixFileMode)Convert.ToInt32("750", 8);
        HookTestKit.SetMode(hook, mode);
        HookGuardExecutable.Run(repo, ["install"]);
        var installedAgain = HookGuardExecutable.Run(repo, ["install", "--autostage"]);

        var result = HookGuardExecutable.Run(repo, ["uninstall"]);

        Assert.True(installedAgain.ExitCode == 0, installedAgain.ToString());
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(ForeignHook, File.ReadAllText(hook));
        HookTestKit.AssertMode(hook, actual => actual == mode, "the restored hook keeps its mode");
        Assert.False(File.Exists(hook + ".hookguard-previous"));
    }

    [Fact]
    public void Uninstall_removes_only_hookguards_hook()
    {
        using var repo = new TempGitRepo();
        HookGuardExecutable.Run(repo, ["install"]);
        var hooks = HookTestKit.HooksDirectory(repo);

        var result = HookGuardExecutable.Run(repo, ["uninstall"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(Path.Combine(hooks, "pre-commit")));
        Assert.True(File.Exists(Path.Combine(hooks, "pre-commit.sample")));
        Assert.Contains("Removed", result.StandardOutput);
    }

    [Fact]
    public void Status_tells_hookguards_hook_from_a_foreign_one()
    {
        using var repo = new TempGitRepo();
        var hooks = HookTestKit.HooksDirectory(repo);
        var none = HookInstaller.Inspect(hooks);
        File.WriteAllText(Path.Combine(hooks, "pre-commit"), ForeignHook);
        var foreign = HookInstaller.Inspect(hooks);
        HookTestKit.InstallWithStandIn(repo, HookTestKit.WriteRecordingHookGuard(repo.Scratch));

        var installed = HookInstaller.Inspect(hooks);

        Assert.Equal(HookPresence.None, none.Presence);
        Assert.Equal(HookPresence.Foreign, foreign.Presence);
        Assert.Equal(new HookStatus(Path.Combine(hooks, "pre-commit"), HookPresence.HookGuard, Path.Combine(hooks, "pre-commit.hookguard-previous")), installed);
    }

    [Fact]
    public void Uninstall_refuses_to_touch_a_foreign_hook()
    {
        using var repo = new TempGitRepo();
        var hook = Path.Combine(HookTestKit.HooksDirectory(repo), "pre-commit");
        File.WriteAllText(hook, ForeignHook);

        var result = HookGuardExecutable.Run(repo, ["uninstall"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not HookGuard's hook", result.StandardError);
        Assert.Equal(ForeignHook, File.ReadAllText(hook));
    }

    [Fact]
    public void Uninstall_without_a_hook_changes_nothing()
    {
        using var repo = new TempGitRepo();

        var result = HookGuardExecutable.Run(repo, ["uninstall"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("nothing changed", result.StandardOutput);
    }

    [Fact]
    public void Install_refuses_when_chaining_would_lose_a_saved_hook_and_force_moves_it_aside()
    {
        using var repo = new TempGitRepo();
        var hooks = HookTestKit.HooksDirectory(repo);
        var standIn = HookTestKit.WriteRecordingHookGuard(repo.Scratch);
        File.WriteAllText(Path.Combine(hooks, "pre-commit"), "#!/bin/sh\n# the first hook\n");
        HookTestKit.InstallWithStandIn(repo, standIn);
        File.WriteAllText(Path.Combine(hooks, "pre-commit"), "#!/bin/sh\n# a second hook, written over HookGuard's\n");

        var refused = Assert.Throws<UserError>(() => HookTestKit.InstallWithStandIn(repo, standIn));
        var forced = HookInstaller.Install(hooks, new HookSettings(standIn, false, null), force: true);

        Assert.Contains("--force", refused.Message);
        Assert.Equal("#!/bin/sh\n# a second hook, written over HookGuard's\n", File.ReadAllText(Path.Combine(hooks, "pre-commit.hookguard-previous")));
        Assert.NotNull(forced.MovedAsideHookPath);
        Assert.Equal("#!/bin/sh\n# the first hook\n", File.ReadAllText(forced.MovedAsideHookPath!));
        Assert.True(HookScript.IsHookGuardHook(File.ReadAllBytes(Path.Combine(hooks, "pre-commit"))));
    }
}
