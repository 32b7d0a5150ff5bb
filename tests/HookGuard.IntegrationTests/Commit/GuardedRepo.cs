using System.Text;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// A temporary git repository guarded by the real <c>hookguard install</c>, with real venvs in its projects, and the
/// questions the end-to-end specs ask afterwards: what HEAD holds, what the index holds, what the work tree holds,
/// what <c>git status</c> says.
/// </summary>
internal sealed class GuardedRepo : IDisposable
{
    private readonly WheelhouseVenvs _venvs;

    /// <param name="venvs">Where the venvs come from.</param>
    /// <param name="directoryName">The work tree's name.</param>
    /// <param name="initOptions">Options for <c>git init</c> (e.g. <c>--object-format=sha256</c>).</param>
    public GuardedRepo(WheelhouseVenvs venvs, string directoryName = "repo", params string[] initOptions)
    {
        _venvs = venvs;
        Repo = new TempGitRepo(directoryName, init: initOptions.Length == 0);
        if (initOptions.Length > 0)
        {
            Repo.GitOk(["init", "--quiet", .. initOptions]);
        }

        // Venvs live in the projects, as developers keep them; git must not see them.
        File.AppendAllText(Path.Combine(Repo.WorkTree, ".git", "info", "exclude"), ".venv/\nvenv/\n");
    }

    public TempGitRepo Repo { get; }

    public string WorkTree => Repo.WorkTree;

    /// <summary>Runs the real <c>hookguard install</c> in the work tree and insists that it worked.</summary>
    public void InstallHook(params string[] options)
    {
        var result = HookGuardExecutable.Run(Repo, ["install", .. options]);
        Assert.True(result.ExitCode == 0, $"hookguard install failed: {result}");
    }

    /// <summary>A venv at <c>PROJECT/.venv</c> holding exactly these pins.</summary>
    public Task VenvAsync(string projectDirectory, params string[] pins) =>
        _venvs.CreateVenvAsync(VenvPath(projectDirectory), pins);

    public string VenvPath(string projectDirectory, string? workTree = null) =>
        Path.Combine(workTree ?? WorkTree, projectDirectory, ".venv");

    /// <summary>Writes a work-tree file as exactly these characters (UTF-8, no BOM).</summary>
    public string Write(string path, string content) => Repo.WriteFile(path, content);

    public void WriteBytes(string path, byte[] content)
    {
        var full = Path.Combine(WorkTree, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllBytes(full, content);
    }

    public void Stage(params string[] paths) => Repo.GitOk(["add", "--", .. paths]);

    /// <summary>Writes and stages files.</summary>
    public void WriteAndStage(params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            Write(path, content);
        }

        Stage(files.Select(file => file.Path).ToArray());
    }

    /// <summary>A commit made without the hook, to set the scene.</summary>
    public void CommitWithoutHook(string message, params (string Path, string Content)[] files) => Repo.Commit(message, files);

    /// <summary><c>git commit -m MESSAGE ARGS...</c>, hook and all, in <paramref name="workingDirectory"/>.</summary>
    public GitCommandResult GitCommit(string[] arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null) =>
        Repo.Git(["commit", "-m", "change", .. arguments], workingDirectory, environment);

    public GitCommandResult GitCommit(params string[] arguments) => GitCommit(arguments, null);

    public GitCommandResult HookGuard(params string[] arguments) => HookGuardExecutable.Run(Repo, arguments);

    public GitCommandResult HookGuardIn(string workingDirectory, params string[] arguments) =>
        HookGuardExecutable.Run(Repo, arguments, workingDirectory);

    /// <summary>The commit HEAD names, or null before the first commit.</summary>
    public string? Head(string? workingDirectory = null)
    {
        var result = Repo.Git(["rev-parse", "--verify", "--quiet", "HEAD"], workingDirectory);
        return result.ExitCode == 0 ? result.StandardOutput.Trim() : null;
    }

    /// <summary>The bytes of <c>REV:path</c> exactly as git stores them (no decoding, so BOM and CR survive).</summary>
    public byte[] Blob(string revisionAndPath, string? workingDirectory = null)
    {
        var output = Path.Combine(Repo.Scratch, "blob-" + Guid.NewGuid().ToString("N")[..8]);
        var result = Repo.Run("sh", ["-c", "git cat-file blob \"$1\" > \"$2\"", "sh", revisionAndPath, output], workingDirectory);
        Assert.True(result.ExitCode == 0, $"git cat-file blob {revisionAndPath} failed: {result}");
        return File.ReadAllBytes(output);
    }

    /// <summary><c>git show HEAD:path</c> as text.</summary>
    public string HeadText(string path, string? workingDirectory = null) => Encoding.UTF8.GetString(Blob("HEAD:" + path, workingDirectory));

    /// <summary><c>git show :path</c>: the repository's index, as text.</summary>
    public string IndexText(string path, string? workingDirectory = null) => Encoding.UTF8.GetString(Blob(":" + path, workingDirectory));

    public string WorkTreeText(string path, string? workTree = null) => File.ReadAllText(Path.Combine(workTree ?? WorkTree, path));

    /// <summary>Files HEAD holds.</summary>
    public IReadOnlyList<string> HeadFiles(string? workingDirectory = null) =>
        Lines(Repo.Git(["ls-tree", "-r", "--name-only", "HEAD"], workingDirectory).StandardOutput);

    /// <summary><c>git status --porcelain</c>, one entry per line (venvs are excluded).</summary>
    public IReadOnlyList<string> Status(string? workingDirectory = null) =>
        Lines(Repo.Git(["-c", "core.quotePath=false", "status", "--porcelain", "--untracked-files=all"], workingDirectory).StandardOutput);

    /// <summary><c>git diff --cached --name-only</c>: what is staged for the next commit.</summary>
    public IReadOnlyList<string> StagedNames(string? workingDirectory = null) =>
        Lines(Repo.Git(["-c", "core.quotePath=false", "diff", "--cached", "--name-only"], workingDirectory).StandardOutput);

    public int CommitCount(string? workingDirectory = null)
    {
        var result = Repo.Git(["rev-list", "--count", "HEAD"], workingDirectory);
        return result.ExitCode == 0 ? int.Parse(result.StandardOutput.Trim()) : 0;
    }

    private static IReadOnlyList<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.TrimEnd('\r')).ToArray();

    public void Dispose() => Repo.Dispose();
}

/// <summary>Assertions every end-to-end spec makes about what a user sees.</summary>
internal static class UserFacing
{
    /// <summary>HookGuard never shows a stack trace (SPEC sec. 2).</summary>
    public static void AssertNoStackTrace(GitCommandResult result)
    {
        var output = result.StandardOutput + result.StandardError;
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("Exception", output);
        Assert.DoesNotContain("internal error", output);
    }

    public static void AssertBlocked(GitCommandResult result)
    {
        Assert.True(result.ExitCode != 0, $"the commit should have been blocked: {result}");
        AssertNoStackTrace(result);
    }

    public static void AssertPassed(GitCommandResult result)
    {
        Assert.True(result.ExitCode == 0, $"the command should have succeeded: {result}");
        AssertNoStackTrace(result);
    }
}
