using CliWrap;
using CliWrap.Buffered;
using HookGuard.Cli;

namespace HookGuard.Autostage;

/// <summary>
/// Git's conversions between the index and the work tree (<c>core.autocrlf</c>, <c>text</c>/<c>eol</c> attributes,
/// filter drivers), asked of git itself: a work-tree file whose bytes differ from the staged blob only by those
/// conversions is not an unstaged change (<c>git status</c> calls it clean), and a fixed file written back to the
/// work tree must get the same conversion a checkout would give it.
/// </summary>
public static class GitFilters
{
    /// <summary>
    /// The blob id <c>git add</c> would stage for the work-tree file (<c>git hash-object --path</c>, clean filters
    /// applied, nothing written).
    /// </summary>
    public static string CleanedBlobId(string workTreeRoot, string file) =>
        System.Text.Encoding.ASCII.GetString(RunGit(workTreeRoot, "hash-object", $"--path={file}", "--", file)).Trim();

    /// <summary>The bytes a checkout would write for blob <paramref name="blobId"/> at <paramref name="file"/> (<c>git cat-file --filters</c>).</summary>
    public static byte[] Smudged(string workTreeRoot, string file, string blobId) =>
        RunGit(workTreeRoot, "cat-file", "--filters", $"--path={file}", blobId);

    private static byte[] RunGit(string workTreeRoot, params string[] arguments)
    {
        using var output = new MemoryStream();
        CommandResult result;
        var error = new System.Text.StringBuilder();
        try
        {
            result = global::CliWrap.Cli.Wrap(Git.GitExecutable.Resolve())
                .WithArguments(arguments)
                .WithWorkingDirectory(workTreeRoot)
                .WithStandardOutputPipe(PipeTarget.ToStream(output))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
                .WithValidation(CommandResultValidation.None)
                .ExecuteAsync()
                .GetAwaiter()
                .GetResult();
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            throw new UserError($"Cannot run git ({failure.Message}). Is git installed and on PATH?", inner: failure);
        }

        if (result.ExitCode != 0)
        {
            var message = error.ToString().Trim();
            throw new UserError($"git {string.Join(' ', arguments)} failed in '{workTreeRoot}': {(message.Length > 0 ? message : $"exit code {result.ExitCode}")}. Nothing was changed.");
        }

        return output.ToArray();
    }
}
