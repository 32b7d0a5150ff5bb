using HookGuard.Hooks;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary><c>hookguard install</c> writes its hook where git runs hooks from, and re-running it changes nothing.</summary>
public sealed class HookInstallSpecs
{
    [Fact]
    public void I_can_install_the_hook_into_a_fresh_repository()
    {
        using var repo = new TempGitRepo();

        var result = HookGuardExecutable.Run(repo, ["install"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit");
        Assert.Equal(HookScript.Render(new HookSettings(HookGuardExecutable.Path, false, null)), File.ReadAllBytes(hook));
        HookTestKit.AssertMode(hook, mode => (mode & UnixFileMode.UserExecute) != 0, "git runs only executable hooks");
        Assert.Contains(hook, result.StandardOutput);
    }

    [Fact]
    public void The_hook_is_a_posix_sh_script_with_lf_endings_and_a_signature()
    {
        var bytes = HookScript.Render(new HookSettings("/opt/hook guard/bin/hookguard", true, Core.Drift.Policy.TopLevel));
        var text = System.Text.Encoding.UTF8.GetString(bytes);

        Assert.StartsWith("#!/bin/sh\n", text);
        Assert.DoesNotContain('\r', text);
        Assert.Contains(HookScript.SignatureLine, text);
        Assert.True(HookScript.IsHookGuardHook(bytes));
        Assert.EndsWith("check '--autostage' '--policy' 'top-level'\n", text);
    }

    [Fact]
    public void Installing_again_changes_nothing()
    {
        using var repo = new TempGitRepo();
        HookGuardExecutable.Run(repo, ["install", "--autostage"]);
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit");
        var before = File.ReadAllBytes(hook);
        var writtenAt = File.GetLastWriteTimeUtc(hook);

        var result = HookGuardExecutable.Run(repo, ["install", "--autostage"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(before, File.ReadAllBytes(hook));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(hook));
        Assert.Contains("unchanged", result.StandardOutput);
        Assert.False(File.Exists(hook + ".hookguard-previous"));
    }

    [Fact]
    public void Installing_with_other_options_updates_the_hook()
    {
        using var repo = new TempGitRepo();
        HookGuardExecutable.Run(repo, ["install"]);

        var result = HookGuardExecutable.Run(repo, ["install", "--policy", "top-level", "--autostage"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit");
        Assert.Equal(HookScript.Render(new HookSettings(HookGuardExecutable.Path, true, Core.Drift.Policy.TopLevel)), File.ReadAllBytes(hook));
        Assert.False(File.Exists(hook + ".hookguard-previous"), "updating our own hook must not chain it to itself");
    }

    [Fact]
    public void I_can_install_from_a_subdirectory_into_an_absolute_core_hooksPath()
    {
        using var repo = new TempGitRepo();
        var hooks = repo.Sibling("shared hooks");
        repo.GitOk("config", "core.hooksPath", hooks);
        var subdirectory = Directory.CreateDirectory(Path.Combine(repo.WorkTree, "src", "pkg")).FullName;

        var result = HookGuardExecutable.Run(repo, ["install"], subdirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(hooks, "pre-commit")));
        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit")));
    }

    [Fact]
    public void A_relative_core_hooksPath_is_relative_to_the_work_tree_root_and_git_runs_the_hook_from_there()
    {
        using var repo = new TempGitRepo();
        repo.GitOk("config", "core.hooksPath", ".githooks");
        var subdirectory = Directory.CreateDirectory(Path.Combine(repo.WorkTree, "deep", "er")).FullName;
        var standIn = HookTestKit.WriteRecordingHookGuard(repo.Scratch);

        var hooksDirectory = HookTestKit.HooksDirectory(repo, subdirectory);
        HookInstaller.Install(hooksDirectory, new HookSettings(standIn, false, null), force: false);
        var commit = repo.Git(["commit", "--allow-empty", "-m", "guarded"], subdirectory);

        Assert.Equal(Path.Combine(repo.WorkTree, ".githooks"), hooksDirectory);
        Assert.True(commit.ExitCode == 0, commit.ToString());
        Assert.Single(HookTestKit.RecordedCalls(standIn));
    }

    [Fact]
    public void A_linked_worktree_shares_the_hook_of_the_main_repository()
    {
        using var repo = new TempGitRepo();
        repo.Commit("first");
        var worktree = repo.Sibling("linked wt");
        repo.GitOk("worktree", "add", "--quiet", "-b", "linked", worktree);

        var result = HookGuardExecutable.Run(repo, ["install"], worktree);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit")));
    }

    [Fact]
    public void A_submodule_gets_the_hook_in_its_own_git_directory()
    {
        using var library = new TempGitRepo("library");
        library.Commit("library", ("lib.txt", "lib\n"));
        using var repo = new TempGitRepo();
        repo.Commit("first");
        repo.GitOk("-c", "protocol.file.allow=always", "submodule", "--quiet", "add", library.WorkTree, "vendor/library");
        var submodule = Path.Combine(repo.WorkTree, "vendor", "library");

        var result = HookGuardExecutable.Run(repo, ["install"], submodule);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(Path.Combine(repo.WorkTree, ".git", "modules", "vendor", "library", "hooks", "pre-commit")));
        Assert.False(File.Exists(Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit")));
    }

    [Fact]
    public void Install_outside_a_repository_says_so_and_exits_2()
    {
        using var repo = new TempGitRepo(init: false);

        var result = HookGuardExecutable.Run(repo, ["install"], environment: new Dictionary<string, string?> { ["GIT_CEILING_DIRECTORIES"] = Path.GetDirectoryName(repo.WorkTree) });

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a git repository", result.StandardError);
        Assert.DoesNotContain("   at ", result.StandardError);
    }
}
