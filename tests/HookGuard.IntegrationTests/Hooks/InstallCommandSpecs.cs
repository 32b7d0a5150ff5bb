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
}
