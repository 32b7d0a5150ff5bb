namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// HookGuard's own source as a git repository a <c>.pre-commit-config.yaml</c> can name in <c>repo:</c>: the files of
/// the checkout these tests were built from (tracked and new, as they are on disk, so an uncommitted change to
/// <c>.pre-commit-hooks.yaml</c> is what gets tested), committed once. pre-commit and prek clone it like any remote, offline.
/// </summary>
public static class HookGuardSourceRepo
{
    /// <summary>The checkout's root: the first ancestor of the test assembly holding <c>.pre-commit-hooks.yaml</c> and <c>HookGuard.sln</c>.</summary>
    public static string CheckoutRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, ".pre-commit-hooks.yaml")) && File.Exists(Path.Combine(directory.FullName, "HookGuard.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException($"No HookGuard checkout (.pre-commit-hooks.yaml, HookGuard.sln) above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Copies the checkout into <paramref name="destination"/>, commits it, and returns that commit's id.</summary>
    public static string Create(TempGitRepo host, string destination)
    {
        var root = CheckoutRoot;
        var listed = host.Run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root);
        if (listed.ExitCode != 0)
        {
            throw new InvalidOperationException($"git ls-files in {root} failed: {listed}");
        }

        // Distinct: an unmerged path is listed once per conflict stage.
        foreach (var relative in listed.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
        {
            var source = Path.Combine(root, relative);
            if (!File.Exists(source))
            {
                continue; // deleted in the work tree but not yet from the index
            }

            var target = Path.Combine(destination, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(target, File.GetUnixFileMode(source));
            }
        }

        foreach (var step in new[] { new[] { "init", "--quiet" }, ["add", "--all"], ["commit", "--quiet", "--no-verify", "-m", "snapshot"] })
        {
            var result = host.Git(step, destination);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"git {string.Join(' ', step)} in {destination} failed: {result}");
            }
        }

        return host.Git(["rev-parse", "HEAD"], destination).StandardOutput.Trim();
    }
}
