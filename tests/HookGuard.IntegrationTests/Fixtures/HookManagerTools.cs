namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// The real hook managers the coexistence and pre-commit-framework specs drive: pre-commit (Debian package), prek and
/// lefthook (npm, installed by <c>.ci/run</c> with <c>--ignore-scripts</c>, so no postinstall script touches any
/// <c>.git/hooks</c>), Husky.Net (a dotnet tool, installed by <c>.ci/run</c> into a tool path). A missing tool fails
/// the test with the way to install it: a skipped coexistence test proves nothing.
/// </summary>
public static class HookManagerTools
{
    /// <summary>Where <c>.ci/run</c> installs the npm and dotnet tools; the same default as there.</summary>
    public const string ToolsVariable = "HOOKGUARD_CI_TOOLS";

    public static string ToolsRoot =>
        Environment.GetEnvironmentVariable(ToolsVariable) is { Length: > 0 } root
            ? root
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "hookguard-ci");

    /// <summary>The Debian <c>pre-commit</c> (PATH first, so a developer's pipx install also works).</summary>
    public static string PreCommit => Find("pre-commit", ["/usr/bin/pre-commit"], "apt-get install pre-commit (.ci/run does)");

    /// <summary>prek from npm <c>@j178/prek</c>: the platform binary of its optional dependency, which needs no postinstall.</summary>
    public static string Prek => Find("prek", [Path.Combine(ToolsRoot, "npm", "node_modules", ".bin", "prek")],
        $"npm install --ignore-scripts --prefix {Path.Combine(ToolsRoot, "npm")} @j178/prek (.ci/run does)");

    /// <summary>lefthook from npm <c>lefthook</c>.</summary>
    public static string Lefthook => Find("lefthook", [Path.Combine(ToolsRoot, "npm", "node_modules", ".bin", "lefthook")],
        $"npm install --ignore-scripts --prefix {Path.Combine(ToolsRoot, "npm")} lefthook (.ci/run does)");

    /// <summary>Husky.Net, the dotnet tool <c>Husky</c>.</summary>
    public static string Husky => Find("husky", [Path.Combine(ToolsRoot, "dotnet-tools", "husky")],
        $"dotnet tool install --tool-path {Path.Combine(ToolsRoot, "dotnet-tools")} Husky (.ci/run does)");

    /// <summary>
    /// A directory holding only a <c>hookguard</c> launcher for the executable under test, to put on the PATH of a hook
    /// manager's <c>language: system</c> hook. A launcher script rather than a symlink: the apphost looks for its dll
    /// next to the path it was started by.
    /// </summary>
    public static string HookGuardOnPath(TempGitRepo repo)
    {
        var directory = Path.Combine(repo.Scratch, "hookguard-bin");
        TempGitRepo.WriteScript(Path.Combine(directory, "hookguard"),
            $"#!/bin/sh\nexec {HookGuard.Hooks.ShellQuoting.SingleQuote(HookGuardExecutable.Path)} \"$@\"\n");
        return directory;
    }

    /// <summary>PATH with <paramref name="first"/> in front of the test process's PATH.</summary>
    public static string PathWith(params string[] first) =>
        string.Join(Path.PathSeparator, first.Append(Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin"));

    private static string Find(string name, string[] knownPlaces, string howToInstall)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
        return onPath ?? knownPlaces.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"'{name}' is not installed; these specs run the real tool. Install it: {howToInstall}");
    }
}
