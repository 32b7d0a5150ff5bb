using HookGuard.Git;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Security;

/// <summary>Which git HookGuard's children run (<see cref="GitExecutable"/>): PATH's absolute directories only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
public sealed class GitExecutableSpecs
{
    [Fact]
    public void Relative_PATH_entries_and_files_that_are_not_executable_are_skipped()
    {
        using var repo = new TempGitRepo();
        var notExecutable = Directory.CreateDirectory(Path.Combine(repo.Scratch, "plain")).FullName;
        File.WriteAllText(Path.Combine(notExecutable, "git"), "#!/bin/sh\n");
        var relative = Directory.CreateDirectory(Path.Combine(repo.Scratch, "relative")).FullName;
        TempGitRepo.WriteScript(Path.Combine(relative, "git"), "#!/bin/sh\n");
        var relativeEntry = Path.GetRelativePath(Environment.CurrentDirectory, relative); // names an executable git, relatively
        var real = Directory.CreateDirectory(Path.Combine(repo.Scratch, "real")).FullName;
        TempGitRepo.WriteScript(Path.Combine(real, "git"), "#!/bin/sh\n");

        var found = GitExecutable.Find(string.Join(':', "", ".", relativeEntry, notExecutable, real));
        var none = GitExecutable.Find(string.Join(':', "", relativeEntry, notExecutable));

        Assert.False(Path.IsPathFullyQualified(relativeEntry));
        Assert.Equal(Path.Combine(real, "git"), found);
        Assert.Null(none);
    }
}
