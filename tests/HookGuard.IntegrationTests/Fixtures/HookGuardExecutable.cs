namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// The hookguard executable the tests run: the apphost the SDK copies next to the test assembly from the project
/// reference to src/HookGuard, so a clean clone needs nothing but <c>dotnet test</c>.
/// </summary>
public static class HookGuardExecutable
{
    /// <summary>Absolute path of the hookguard executable built with these tests.</summary>
    public static string Path
    {
        get
        {
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

    /// <summary>Runs hookguard in <paramref name="workingDirectory"/> with the repository's clean environment.</summary>
    public static GitCommandResult Run(TempGitRepo repo, string[] arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        repo.Run(Path, arguments, workingDirectory, environment);
}
