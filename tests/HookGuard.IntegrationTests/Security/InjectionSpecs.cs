using HookGuard.Hooks;
using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace HookGuard.IntegrationTests.Security;

/// <summary>
/// Issue 11, security: repository paths and file names cannot inject into the hook or any subprocess (SPEC sec. 3:
/// "nothing from the repo is interpolated into shell code"). A real repository whose work-tree path, project
/// directory, configured requirement file name, venv directory and recorded hookguard path each hold
/// <see cref="HostileNames.Component"/>; the real <c>hookguard install</c>, real <c>git commit</c>s through the hook
/// (blocked, then in sync, then autostaged), and <c>check</c>, <c>check --all</c>, <c>check PATH</c>, <c>fix</c>,
/// <c>status</c> and <c>uninstall</c>: the right verdict every time, the name printed with its newline escaped, and no
/// <c>PWNED</c> file anywhere. In a SHA-1 repository (HookGuard's own readers, libgit2 writing the index) and a SHA-256
/// one (every read and write through <c>git</c> children, so the names reach their argument arrays).
/// </summary>
public sealed class InjectionSpecs(WheelhouseVenvs venvs, ITestOutputHelper output) : IClassFixture<WheelhouseVenvs>
{
    private const string Project = HostileNames.Component;
    private const string RequirementFile = HostileNames.Component + ".txt";
    private static readonly string RequirementPath = $"{Project}/{RequirementFile}";

    /// <summary>The requirement file's path as a report prints it: its newline escaped, so it cannot forge a line.</summary>
    private static readonly string PrintedPath = RequirementPath.Replace("\n", @"\x0a", StringComparison.Ordinal);

    [Theory]
    [InlineData("sha1")]
    [InlineData("sha256")]
    public async Task Hostile_names_in_every_path_inject_nothing_through_install_commits_and_every_command(string objectFormat)
    {
        using var repo = objectFormat == "sha1"
            ? new GuardedRepo(venvs, HostileNames.Component)
            : new GuardedRepo(venvs, HostileNames.Component, "--object-format=sha256");
        var venv = repo.Repo.Sibling("venv " + HostileNames.Component);
        await venvs.CreateVenvAsync(venv, "alpha==2.0");
        var launcher = Path.Combine(repo.Repo.Sibling("bin " + HostileNames.Component), "hookguard");
        TempGitRepo.WriteScript(launcher, LauncherText(launcher));
        repo.CommitWithoutHook("config", (".hookguard.toml",
            $"requirements = [{HostileNames.TomlString(RequirementFile)}]\n\n" +
            $"[[project]]\npath = {HostileNames.TomlString(Project)}\nvenv = {HostileNames.TomlString(venv)}\n"));
        var roots = new[] { repo.Repo.Sibling(""), AppContext.BaseDirectory, Environment.CurrentDirectory };

        var install = repo.Repo.Run(launcher, ["install"]);
        UserFacing.AssertPassed(install);
        AssertNoForgedLine(install);
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit");
        var hookText = File.ReadAllText(hook);
        Assert.Contains($"\nhookguard_recorded={ShellQuoting.SingleQuote(launcher)}\n", hookText);
        Assert.True(repo.Repo.Run("sh", ["-n", hook]).ExitCode == 0, hookText);

        repo.WriteAndStage((RequirementPath, "alpha==1.0\n"));
        var blocked = Logged("git commit (drift)", repo.GitCommit());
        var check = Logged("check", repo.HookGuard("check"));
        var checkAll = Logged("check --all", repo.HookGuard("check", "--all"));
        var checkPath = Logged("check PATH", repo.HookGuard("check", "./" + Project));
        var status = Logged("status", repo.HookGuard("status"));
        HostileNames.AssertNoMarkerUnder(roots);

        UserFacing.AssertBlocked(blocked);
        Assert.Equal(1, repo.CommitCount()); // the config commit only
        foreach (var result in new[] { blocked, check, checkAll, checkPath })
        {
            Assert.Contains($"{PrintedPath}:1", result.StandardOutput + result.StandardError);
            Assert.Contains("alpha", result.StandardOutput + result.StandardError);
            AssertNoForgedLine(result);
        }
        Assert.Equal(1, check.ExitCode);
        Assert.Equal(1, checkAll.ExitCode);
        Assert.Equal(1, checkPath.ExitCode);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains(PrintedPath, status.StandardOutput);
        AssertNoForgedLine(status);

        var fix = Logged("fix", repo.HookGuard("fix"));
        UserFacing.AssertPassed(fix);
        Assert.Equal("alpha==2.0\n", repo.WorkTreeText(RequirementPath));
        AssertNoForgedLine(fix);
        repo.Stage(RequirementPath);
        var inSync = Logged("git commit (in sync)", repo.GitCommit());
        var checkAllInSync = Logged("check --all (in sync)", repo.HookGuard("check", "--all"));
        var statusInSync = Logged("status (in sync)", repo.HookGuard("status"));
        HostileNames.AssertNoMarkerUnder(roots);

        UserFacing.AssertPassed(inSync);
        Assert.Equal("alpha==2.0\n", repo.HeadText(RequirementPath));
        Assert.Equal(0, checkAllInSync.ExitCode);
        Assert.Equal(0, statusInSync.ExitCode);

        await venvs.InstallAsync(venv, "beta==1.0");
        var installAutostage = repo.Repo.Run(launcher, ["install", "--autostage"]);
        UserFacing.AssertPassed(installAutostage);
        repo.WriteAndStage(("other.txt", "x\n"), ($"{Project}/notes.txt", "touching the project\n"));
        var autostaged = Logged("git commit (autostage)", repo.GitCommit());
        var uninstall = Logged("uninstall", repo.HookGuard("uninstall"));
        HostileNames.AssertNoMarkerUnder(roots);

        UserFacing.AssertPassed(autostaged);
        AssertNoForgedLine(autostaged);
        AssertNoForgedLine(uninstall);
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.HeadText(RequirementPath));
        Assert.Equal("alpha==2.0\nbeta==1.0\n", repo.WorkTreeText(RequirementPath));
        Assert.Empty(repo.Status());
        UserFacing.AssertPassed(uninstall);
        Assert.False(File.Exists(hook), "uninstall left the hook");
    }

    [Fact]
    public async Task An_error_in_a_file_with_a_hostile_name_names_it_on_one_line()
    {
        using var repo = new GuardedRepo(venvs, HostileNames.Component);
        await repo.VenvAsync(Project, "alpha==2.0");
        repo.CommitWithoutHook("config", (".hookguard.toml", $"requirements = [{HostileNames.TomlString(RequirementFile)}]\n"));
        repo.WriteAndStage((RequirementPath, "alpha==2.0 and junk\n"));

        var check = Logged("check (malformed line)", repo.HookGuard("check"));

        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        Assert.Contains($"{PrintedPath}:1", check.StandardError);
        AssertNoForgedLine(check);
        HostileNames.AssertNoMarkerUnder(repo.Repo.Sibling(""), AppContext.BaseDirectory);
    }

    [Fact]
    public async Task A_project_directory_whose_name_holds_a_backslash_is_checked_and_autostaged_at_its_own_path()
    {
        // On POSIX a backslash is an ordinary file-name character; git stores it as it is.
        const string project = @"back\slash";
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync(project, "alpha==2.0");
        repo.InstallHook("--autostage");
        repo.WriteAndStage(($"{project}/requirements.txt", "alpha==1.0\n"));

        var check = Logged("check", repo.HookGuard("check"));
        var commit = Logged("git commit (autostage)", repo.GitCommit());

        Assert.Equal(1, check.ExitCode);
        Assert.Contains(@"back\slash/requirements.txt:1", check.StandardOutput);
        UserFacing.AssertPassed(commit);
        Assert.Single(repo.HeadFiles()); // no 'back/slash/requirements.txt' beside it
        Assert.Equal("alpha==2.0\n", repo.HeadText($"{project}/requirements.txt"));
        Assert.Empty(repo.Status());
    }

    /// <summary>No output line starts with the text after the name's newline: the name could not print a line of its own.</summary>
    private static void AssertNoForgedLine(GitCommandResult result)
    {
        var lines = (result.StandardOutput + "\n" + result.StandardError).Split('\n');
        Assert.DoesNotContain(lines, line => line.StartsWith("ünïcødé", StringComparison.Ordinal));
    }

    private GitCommandResult Logged(string what, GitCommandResult result)
    {
        output.WriteLine($"--- {what}: {result}");
        return result;
    }

    /// <summary>
    /// A launcher at the hostile path, as install.sh writes one: it names itself in HOOKGUARD_EXECUTABLE (so the hook
    /// records it) and runs the hookguard under test; the specs run install through it, as a user would. An installed
    /// hookguard (tests/aot-smoke.sh) is install.sh's launcher, which sets HOOKGUARD_EXECUTABLE to its own path: the
    /// hostile launcher is then a copy of it that names itself instead, so the hostile recorded path is tested there too.
    /// </summary>
    private static string LauncherText(string launcher)
    {
        var underTest = HookGuardExecutable.Path;
        var installed = File.ReadAllBytes(underTest);
        var text = System.Text.Encoding.UTF8.GetString(installed, 0, Math.Min(installed.Length, 4096));
        if (text.StartsWith("#!/bin/sh\n# HookGuard launcher written by install.sh", StringComparison.Ordinal))
        {
            return System.Text.RegularExpressions.Regex.Replace(
                text, "^HOOKGUARD_EXECUTABLE=.*$", "HOOKGUARD_EXECUTABLE=" + ShellQuoting.SingleQuote(launcher).Replace("$", "$$"),
                System.Text.RegularExpressions.RegexOptions.Multiline);
        }

        return $"#!/bin/sh\n{RecordedExecutable.LauncherVariable}={ShellQuoting.SingleQuote(launcher)}\nexport {RecordedExecutable.LauncherVariable}\n" +
            $"exec {ShellQuoting.SingleQuote(underTest)} \"$@\"\n";
    }
}
