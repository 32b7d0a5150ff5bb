using HookGuard.Hooks;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>Shared steps of the hook specs: a stand-in hookguard that records how the hook called it, and git's hooks directory.</summary>
internal static class HookTestKit
{
    /// <summary>A directory name no shell may interpret: spaces, both quotes, $, backquote, backslash, non-ASCII.</summary>
    public const string HostileDirectoryName = "dir with 'single' \"double\" $HOME `id` \\ ünïcødé";

    /// <summary>
    /// Writes a stand-in hookguard (sh) that appends its arguments, one per line, to <c>calls.txt</c> beside it and
    /// exits with <paramref name="exitCode"/>. Stands in for <c>hookguard check</c>, which another part of the project owns.
    /// </summary>
    public static string WriteRecordingHookGuard(string directory, int exitCode = 0)
    {
        var path = Path.Combine(directory, "hookguard");
        TempGitRepo.WriteScript(path, $$"""
            #!/bin/sh
            for argument in "$@"; do printf '%s\n' "$argument"; done >> "${0%/*}/calls.txt"
            echo --- >> "${0%/*}/calls.txt"
            exit {{exitCode}}
            """);
        return path;
    }

    /// <summary>What the stand-in recorded: one list of arguments per call.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> RecordedCalls(string standInPath)
    {
        var record = Path.Combine(Path.GetDirectoryName(standInPath)!, "calls.txt");
        if (!File.Exists(record))
        {
            return [];
        }

        var calls = new List<IReadOnlyList<string>>();
        var current = new List<string>();
        foreach (var line in File.ReadAllLines(record))
        {
            if (line == "---")
            {
                calls.Add(current);
                current = [];
            }
            else
            {
                current.Add(line);
            }
        }

        return calls;
    }

    /// <summary>Where git runs hooks from, asked of git in the repository's clean environment.</summary>
    public static string HooksDirectory(TempGitRepo repo, string? workingDirectory = null) =>
        repo.Git(["rev-parse", "--path-format=absolute", "--git-path", "hooks"], workingDirectory).StandardOutput.TrimEnd('\n');

    public static HookInstallResult InstallWithStandIn(TempGitRepo repo, string standIn, bool autostage = false, Core.Drift.Policy? policy = null) =>
        HookInstaller.Install(HooksDirectory(repo), new HookSettings(standIn, autostage, policy), force: false);

    /// <summary>Sets the file's permission bits (git for Windows ignores them).</summary>
    public static void SetMode(string path, UnixFileMode mode)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, mode);
        }
    }

    /// <summary>Asserts the file's permission bits, where git uses them (not on Windows).</summary>
    public static void AssertMode(string path, Func<UnixFileMode, bool> expectation, string because)
    {
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            Assert.True(expectation(mode), $"{because} (mode of '{path}' is {mode})");
        }
    }
}
