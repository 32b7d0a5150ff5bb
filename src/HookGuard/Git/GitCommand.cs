using CliWrap;
using HookGuard.Cli;

namespace HookGuard.Git;

/// <summary>
/// Runs <c>git</c> itself on one repository and one index file, for the repositories HookGuard's own reader does not
/// read (see <see cref="GitCommandStagedSource"/>) and for writing indexes libgit2 cannot write. Arguments go as an
/// array and nothing passes through a shell.
/// </summary>
/// <remarks>
/// git's environment is set, not inherited: a hook runs with <c>GIT_DIR</c>, <c>GIT_INDEX_FILE</c> (a lock file or a
/// temporary index under <c>git commit -a</c> or <c>git commit -- paths</c>) and perhaps object-directory variables
/// pointing at the commit in flight. The child gets exactly the repository, work tree and index HookGuard resolved,
/// and the object directories the hook was given, so it reads the same commit HookGuard would.
/// </remarks>
internal sealed class GitCommand(RepositoryLocation location, string indexFile, IReadOnlyDictionary<string, string>? environment, string? workingDirectory)
{
    private static readonly string[] ObjectDirectoryVariables = ["GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES"];

    /// <summary>The index file the child reads and writes.</summary>
    public string IndexFile => indexFile;

    /// <summary>Runs git with <paramref name="arguments"/>, feeding it <paramref name="input"/>; returns its standard output.</summary>
    /// <exception cref="UserError">git cannot be started or fails.</exception>
    public byte[] Run(IReadOnlyList<string> arguments, byte[]? input = null)
    {
        using var output = new MemoryStream();
        var error = new System.Text.StringBuilder();
        CommandResult result;
        try
        {
            var command = global::CliWrap.Cli.Wrap(GitExecutable.Resolve(environment))
                .WithArguments(arguments)
                .WithWorkingDirectory(location.WorkTreeRoot)
                .WithEnvironmentVariables(Variables())
                .WithStandardOutputPipe(PipeTarget.ToStream(output))
                .WithStandardErrorPipe(PipeTarget.ToStringBuilder(error))
                .WithValidation(CommandResultValidation.None);
            if (input is not null)
            {
                command = command.WithStandardInputPipe(PipeSource.FromBytes(input));
            }

            result = command.ExecuteAsync().GetAwaiter().GetResult();
        }
        catch (System.ComponentModel.Win32Exception failure)
        {
            throw new UserError($"Cannot run git ({failure.Message}). Is git installed and on PATH?", inner: failure);
        }

        if (result.ExitCode != 0)
        {
            var message = error.ToString().Trim();
            throw new UserError(
                $"git {arguments[0]} failed on the repository '{location.WorkTreeRoot}': {(message.Length > 0 ? message : $"exit code {result.ExitCode}")}.");
        }

        return output.ToArray();
    }

    private Dictionary<string, string?> Variables()
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["GIT_DIR"] = location.GitDir,
            ["GIT_COMMON_DIR"] = location.CommonDir,
            ["GIT_WORK_TREE"] = location.WorkTreeRoot,
            ["GIT_INDEX_FILE"] = Path.GetFullPath(indexFile),
            // Reading must not take index.lock (git may refresh stat data opportunistically); the hook's git holds it.
            ["GIT_OPTIONAL_LOCKS"] = "0",
            ["GIT_PREFIX"] = null,
            // A partial clone (often paired with a sparse index) would fetch a missing blob; HookGuard never touches
            // the network (git 2.44+ honours this; older gits have no such switch).
            ["GIT_NO_LAZY_FETCH"] = "1",
        };
        foreach (var name in ObjectDirectoryVariables)
        {
            // Relative values are relative to the hook's directory; the child runs at the work-tree root.
            variables[name] = environment is not null && environment.TryGetValue(name, out var value) && value.Length > 0
                ? (name == "GIT_OBJECT_DIRECTORY" ? Path.GetFullPath(value, workingDirectory ?? location.WorkTreeRoot) : AbsoluteList(value))
                : null;
        }

        return variables;
    }

    private string AbsoluteList(string value) =>
        string.Join(Path.PathSeparator, value.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.GetFullPath(directory, workingDirectory ?? location.WorkTreeRoot)));
}
