using HookGuard.Cli;
using HookGuard.Hooks;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary><c>hookguard install</c> run in-process: which executable it records, and what it tells the user.</summary>
public sealed class InstallCommandSpecs
{
    [Fact]
    public void A_launcher_script_is_recorded_instead_of_the_runtime_that_runs_it()
    {
        using var repo = new TempGitRepo();
        var launcher = Path.Combine(repo.Scratch, "bin dir", "hookguard");
        var output = new StringWriter();
        var context = new CommandContext(repo.WorkTree, output, new StringWriter(),
            new Dictionary<string, string> { [RecordedExecutable.LauncherVariable] = launcher }, OutputIsTerminal: false);

        var exitCode = CommandLine.Run(["install", "--policy", "freeze"], context);

        Assert.Equal(0, exitCode);
        var hook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit");
        Assert.Equal(HookScript.Render(new HookSettings(launcher, false, Core.Drift.Policy.Freeze)), File.ReadAllBytes(hook));
        Assert.Contains($"It runs: {launcher} check --policy freeze", output.ToString());
    }

    [Fact]
    public void Running_through_dotnet_is_refused_because_no_single_path_could_call_it()
    {
        var context = new CommandContext("/", TextWriter.Null, TextWriter.Null, new Dictionary<string, string>(), OutputIsTerminal: false);

        var error = Assert.Throws<UserError>(() => RecordedExecutable.Resolve(context, "/usr/share/dotnet/dotnet"));

        Assert.Contains(RecordedExecutable.LauncherVariable, error.Message);
    }

    [Fact]
    public void A_dotnet_tool_running_from_its_versioned_store_records_the_stable_command_in_the_tool_directory()
    {
        using var repo = new TempGitRepo();
        var tools = Path.Combine(repo.Scratch, "tools dir");
        var stored = Path.Combine(tools, ".store", "hookguard", "0.1.0", "hookguard.linux-x64", "0.1.0", "tools", "net10.0", "linux-x64", "hookguard");
        TempGitRepo.WriteScript(stored, "#!/bin/sh\n");
        TempGitRepo.WriteScript(Path.Combine(tools, "hookguard"), "#!/bin/sh\n");
        var context = new CommandContext("/", TextWriter.Null, TextWriter.Null, new Dictionary<string, string>(), OutputIsTerminal: false);

        Assert.Equal(Path.Combine(tools, "hookguard"), RecordedExecutable.Resolve(context, stored));
    }

    [Fact]
    public void A_store_path_without_a_command_beside_the_store_is_recorded_as_it_is()
    {
        using var repo = new TempGitRepo();
        var stored = Path.Combine(repo.Scratch, ".store", "hookguard", "0.1.0", "hookguard");
        TempGitRepo.WriteScript(stored, "#!/bin/sh\n");
        var context = new CommandContext("/", TextWriter.Null, TextWriter.Null, new Dictionary<string, string>(), OutputIsTerminal: false);

        Assert.Equal(stored, RecordedExecutable.Resolve(context, stored));
    }
}
