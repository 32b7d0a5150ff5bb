using System.Text.Json;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// What the real executable prints, in a real repository with real venvs: <c>--quiet</c> and <c>--verbose</c>,
/// colour by <c>NO_COLOR</c> (https://no-color.org), <c>FORCE_COLOR</c> (https://force-color.org) and the terminal,
/// help examples, and the <c>[suggest]</c> completion directive. Exit codes never depend on any of it. A terminal is a
/// real pseudo-terminal from util-linux's <c>script</c>.
/// </summary>
public sealed class TerminalConventionSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private const string Escape = "\u001b[";

    /// <summary>A repository with two projects: <c>ok</c> in sync, <c>drifting</c> not (its venv has alpha 2.0, it declares 1.0).</summary>
    private async Task<GuardedRepo> RepositoryAsync(bool drift)
    {
        var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("ok", "beta==1.0");
        await repo.VenvAsync("drifting", "alpha==2.0");
        repo.WriteAndStage(("ok/requirements.txt", "beta==1.0\n"), ("drifting/requirements.txt", drift ? "alpha==1.0\n" : "alpha==2.0\n"));
        return repo;
    }

    private static Dictionary<string, string?> Env(params (string Name, string? Value)[] variables) =>
        variables.ToDictionary(variable => variable.Name, variable => variable.Value);

    /// <summary>hookguard ARGS with its stdout on a pseudo-terminal (stdout and stderr both arrive on the terminal).</summary>
    private static GitCommandResult OnTerminal(GuardedRepo repo, string arguments, Dictionary<string, string?>? environment = null)
    {
        Assert.True(File.Exists("/usr/bin/script") || File.Exists("/bin/script"),
            "these specs need util-linux's 'script' for a pseudo-terminal (Debian: bsdutils, which is Essential)");
        var variables = environment ?? [];
        variables["HOOKGUARD_UNDER_TEST"] = HookGuardExecutable.Path;
        // The command string is fixed; the executable's path reaches it through the environment, never as shell text.
        return repo.Repo.Run("script", ["--quiet", "--return", "--command", $"\"$HOOKGUARD_UNDER_TEST\" {arguments}", "/dev/null"], environment: variables);
    }

    [Fact]
    public async Task A_quiet_check_in_sync_prints_nothing_and_exits_0()
    {
        using var repo = await RepositoryAsync(drift: false);

        var quiet = repo.HookGuard("check", "--all", "--quiet");
        var normal = repo.HookGuard("check", "--all");

        Assert.Equal((0, "", ""), (quiet.ExitCode, quiet.StandardOutput, quiet.StandardError));
        Assert.Equal(0, normal.ExitCode);
        Assert.Contains("in sync", normal.StandardOutput);
    }

    [Fact]
    public async Task A_quiet_check_with_drift_prints_only_the_drift_and_exits_1()
    {
        using var repo = await RepositoryAsync(drift: true);

        var quiet = repo.HookGuard("check", "--all", "-q");
        var normal = repo.HookGuard("check", "--all");

        Assert.Equal((1, 1), (quiet.ExitCode, normal.ExitCode));
        Assert.Contains("drifting: 1 difference", quiet.StandardOutput);
        Assert.Contains("alpha", quiet.StandardOutput);
        Assert.DoesNotContain("ok:", quiet.StandardOutput);
        Assert.Contains("ok:", normal.StandardOutput);
    }

    [Fact]
    public async Task A_commit_through_a_quiet_hook_in_sync_says_nothing_and_one_with_drift_is_blocked()
    {
        using var repo = await RepositoryAsync(drift: false);
        repo.InstallHook();
        // The hook as a hook manager would run it with extra arguments: the check line, given --quiet.
        var hook = File.ReadAllText(Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit"));
        Assert.Contains("\" check", hook);
        repo.Write(".git/hooks/pre-commit", hook.Replace("\" check", "\" check --quiet"));

        var passed = repo.GitCommit("--quiet");
        repo.WriteAndStage(("drifting/requirements.txt", "alpha==1.0\n"));
        var blocked = repo.GitCommit("--quiet");

        UserFacing.AssertPassed(passed);
        Assert.Equal("", passed.StandardError + passed.StandardOutput);
        UserFacing.AssertBlocked(blocked);
        Assert.Contains("drifting: 1 difference", blocked.StandardError);
    }

    [Fact]
    public async Task A_verbose_check_says_what_it_read_on_stderr_and_keeps_stdout_and_exit_code()
    {
        using var repo = await RepositoryAsync(drift: true);

        var verbose = repo.HookGuard("check", "--all", "--verbose");
        var normal = repo.HookGuard("check", "--all");

        Assert.Equal((1, normal.StandardOutput), (verbose.ExitCode, verbose.StandardOutput));
        Assert.Contains("2 projects to check (--all)", verbose.StandardError);
        Assert.Contains($"project drifting: venv {repo.VenvPath("drifting")} (found in the project; POSIX layout, Python 3.11.7 cpython, markers for linux", verbose.StandardError);
        Assert.Contains("declared by drifting/requirements.txt (pip)", verbose.StandardError);
        Assert.Matches(@"project ok: .* [0-9]+\.[0-9] ms", verbose.StandardError);
        Assert.Equal("", normal.StandardError);
    }

    [Fact]
    public async Task Quiet_and_verbose_together_are_refused_with_exit_2()
    {
        using var repo = await RepositoryAsync(drift: false);

        var result = repo.HookGuard("check", "-q", "-v");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--quiet or --verbose, not both", result.StandardError);
    }

    [Fact]
    public async Task Install_and_uninstall_are_silent_when_quiet_and_tell_the_hooks_directory_when_verbose()
    {
        using var repo = await RepositoryAsync(drift: false);

        var install = repo.HookGuard("install", "--quiet");
        var uninstall = repo.HookGuard("uninstall", "--verbose");
        var again = repo.HookGuard("uninstall", "-q");

        Assert.Equal((0, "", ""), (install.ExitCode, install.StandardOutput, install.StandardError));
        Assert.Equal(0, uninstall.ExitCode);
        Assert.Contains("hooks directory " + Path.Combine(repo.WorkTree, ".git", "hooks"), uninstall.StandardError);
        Assert.Contains("Removed the HookGuard pre-commit hook", uninstall.StandardOutput);
        Assert.Equal((0, ""), (again.ExitCode, again.StandardOutput));
    }

    [Fact]
    public async Task On_a_terminal_the_drift_is_in_colour_and_NO_COLOR_with_any_value_turns_it_off()
    {
        using var repo = await RepositoryAsync(drift: true);

        var terminal = OnTerminal(repo, "check --all");
        var noColor = OnTerminal(repo, "check --all", Env(("NO_COLOR", "1")));
        var noColorWord = OnTerminal(repo, "check --all", Env(("NO_COLOR", "false")));
        var emptyNoColor = OnTerminal(repo, "check --all", Env(("NO_COLOR", "")));

        Assert.Equal((1, 1, 1, 1), (terminal.ExitCode, noColor.ExitCode, noColorWord.ExitCode, emptyNoColor.ExitCode));
        Assert.Contains(Escape + "31mversion-mismatch", terminal.StandardOutput);
        Assert.DoesNotContain(Escape, noColor.StandardOutput);
        Assert.DoesNotContain(Escape, noColorWord.StandardOutput);
        Assert.Contains(Escape, emptyNoColor.StandardOutput); // an empty value is unset (no-color.org)
        Assert.Contains("version-mismatch", noColor.StandardOutput);
    }

    [Fact]
    public async Task Without_a_terminal_there_is_no_colour_unless_FORCE_COLOR_and_NO_COLOR_wins_over_it()
    {
        using var repo = await RepositoryAsync(drift: true);

        var piped = repo.HookGuard("check", "--all");
        var forced = HookGuardExecutable.Run(repo.Repo, ["check", "--all"], environment: Env(("FORCE_COLOR", "1")));
        var both = HookGuardExecutable.Run(repo.Repo, ["check", "--all"], environment: Env(("FORCE_COLOR", "1"), ("NO_COLOR", "1")));
        var emptyForce = HookGuardExecutable.Run(repo.Repo, ["check", "--all"], environment: Env(("FORCE_COLOR", "")));

        Assert.Equal((1, 1, 1, 1), (piped.ExitCode, forced.ExitCode, both.ExitCode, emptyForce.ExitCode));
        Assert.DoesNotContain(Escape, piped.StandardOutput);
        Assert.Contains(Escape + "31mversion-mismatch", forced.StandardOutput);
        Assert.DoesNotContain(Escape, both.StandardOutput);
        Assert.DoesNotContain(Escape, emptyForce.StandardOutput);
    }

    [Fact]
    public async Task A_blocked_commit_shows_colour_with_FORCE_COLOR_and_none_with_NO_COLOR_and_is_blocked_either_way()
    {
        using var repo = await RepositoryAsync(drift: true);
        repo.InstallHook();

        var forced = repo.GitCommit([], environment: Env(("FORCE_COLOR", "1")));
        var plain = repo.GitCommit([], environment: Env(("NO_COLOR", "1")));

        UserFacing.AssertBlocked(forced);
        UserFacing.AssertBlocked(plain);
        Assert.Contains(Escape, forced.StandardError);
        Assert.DoesNotContain(Escape, plain.StandardError);
        Assert.Equal(0, repo.CommitCount());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("github")]
    public async Task Machine_formats_never_carry_colour_even_forced_on_a_terminal(string format)
    {
        using var repo = await RepositoryAsync(drift: true);

        var forced = HookGuardExecutable.Run(repo.Repo, ["check", "--all", "--format", format], environment: Env(("FORCE_COLOR", "1")));
        var terminal = OnTerminal(repo, $"check --all --format {format}");

        Assert.Equal((1, 1), (forced.ExitCode, terminal.ExitCode));
        Assert.DoesNotContain(Escape, forced.StandardOutput);
        Assert.DoesNotContain(Escape, terminal.StandardOutput);
        if (format == "json") JsonDocument.Parse(forced.StandardOutput).Dispose();
    }

    [Theory]
    [InlineData("install", "hookguard install --autostage")]
    [InlineData("uninstall", "hookguard uninstall")]
    [InlineData("check", "hookguard check --all --format github")]
    [InlineData("fix", "hookguard fix services/api")]
    [InlineData("status", "hookguard status")]
    public async Task Each_command_s_help_ends_with_an_example(string command, string example)
    {
        using var repo = await RepositoryAsync(drift: false);

        var help = repo.HookGuard(command, "--help");

        Assert.Equal(0, help.ExitCode);
        var examples = help.StandardOutput[help.StandardOutput.IndexOf("Examples:", StringComparison.Ordinal)..];
        Assert.Contains(example, examples);
    }

    [Fact]
    public async Task The_suggest_directive_completes_commands_and_options_for_shell_completion()
    {
        using var repo = await RepositoryAsync(drift: false);

        var commands = repo.HookGuard("[suggest:10]", "hookguard ");
        var options = repo.HookGuard("[suggest:19]", "hookguard check --f");

        Assert.Equal(0, commands.ExitCode);
        Assert.Equal(["check", "fix", "install", "status", "uninstall"],
            commands.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(line => char.IsAsciiLetter(line[0])).Order(StringComparer.Ordinal));
        Assert.Equal("--format", options.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("hookguard st", "status")]
    [InlineData("hookguard check --fo", "--format")]
    [InlineData("hookguard check --format gi", "github")]
    public async Task The_bash_completion_script_completes_through_the_directive(string line, string completion)
    {
        using var repo = await RepositoryAsync(drift: false);
        var script = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "completions", "hookguard.bash"));
        Assert.True(File.Exists(script), $"the completion script is not at {script}");
        var path = Path.GetDirectoryName(HookGuardExecutable.Path) + Path.PathSeparator + System.Environment.GetEnvironmentVariable("PATH");

        // What bash sets before calling a completion function: the line, the cursor, the words, the current word.
        var result = repo.Repo.Run("bash", ["-c",
            "source \"$1\"; COMP_LINE=\"$2\"; COMP_POINT=${#COMP_LINE}; read -ra COMP_WORDS <<< \"$2\"; COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); " +
            "_hookguard; printf '%s\\n' \"${COMPREPLY[@]}\"", "bash", script, line], environment: Env(("PATH", path)));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(completion, result.StandardOutput.Trim());
    }
}
