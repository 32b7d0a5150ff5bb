namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// The hookguard executable the tests run: the apphost the SDK copies next to the test assembly from the project
/// reference to src/HookGuard, so a clean clone needs nothing but <c>dotnet test</c>. Setting
/// <see cref="OverrideVariable"/> runs the same tests against an installed hookguard instead (tests/aot-smoke.sh does
/// that for the NativeAOT build, where reflection and LibGit2Sharp behave differently than under the JIT).
/// </summary>
public static class HookGuardExecutable
{
    /// <summary>The environment variable naming an installed hookguard (absolute path) to test instead.</summary>
    public const string OverrideVariable = "HOOKGUARD_TEST_EXECUTABLE";

    /// <summary>Absolute path of the hookguard executable under test: <see cref="OverrideVariable"/>, else the one built with these tests.</summary>
    public static string Path
    {
        get
        {
            if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } installed)
            {
                return System.IO.Path.IsPathFullyQualified(installed) && File.Exists(installed)
                    ? installed
                    : throw new InvalidOperationException($"{OverrideVariable}='{installed}' is not the absolute path of an existing hookguard executable.");
            }

            var path = System.IO.Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "hookguard.exe" : "hookguard");
            if (!File.Exists(path) || !File.Exists(System.IO.Path.Combine(AppContext.BaseDirectory, "hookguard.dll")))
            {
                throw new InvalidOperationException(
                    $"The hookguard executable is not next to the tests at '{path}'. The project reference to src/HookGuard should " +
                    "copy it (UseAppHost); rebuild tests/HookGuard.IntegrationTests.");
            }

            return path;
        }
    }

    private static string? _reachableCopy; // made once per test run; only the serial theory of one class asks for it

    /// <summary>
    /// <see cref="Path"/>, or a copy of the test build that any user can run, for the specs that run hookguard as
    /// <c>nobody</c>: a checkout inside a 0700 directory (a <c>mktemp -d</c> clone, a private home) hides the build from
    /// other users. An installed hookguard (<see cref="OverrideVariable"/>) is used as it is and must be reachable.
    /// </summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static string ReachableByAnyUser
    {
        get
        {
            var path = Path;
            if (ReachableByOthers(System.IO.Path.GetDirectoryName(path)!) || Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 })
            {
                return path;
            }

            return _reachableCopy ??= CopyReachableByAnyUser();
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool ReachableByOthers(string directory)
    {
        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            if ((current.UnixFileMode & UnixFileMode.OtherExecute) == 0)
            {
                return false;
            }
        }

        return true;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static string CopyReachableByAnyUser()
    {
        var copy = Directory.CreateTempSubdirectory("hookguard-any-user-");
        copy.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead
                            | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => copy.Delete(recursive: true);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(copy.FullName, System.IO.Path.GetRelativePath(AppContext.BaseDirectory, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return System.IO.Path.Combine(copy.FullName, "hookguard");
    }

    /// <summary>Runs hookguard in <paramref name="workingDirectory"/> with the repository's clean environment.</summary>
    public static GitCommandResult Run(TempGitRepo repo, string[] arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        repo.Run(Path, arguments, workingDirectory, environment);
}
