using CliWrap;
using CliWrap.Buffered;
using HookGuard.Cli;

namespace HookGuard.Hooks;

/// <summary>Where git looks for hooks, asked of git itself (install and uninstall are not hot paths).</summary>
public static class GitHooksDirectory
{
    /// <summary>
    /// <c>git rev-parse --path-format=absolute --git-path hooks</c> run in <paramref name="workingDirectory"/>: honours
    /// <c>core.hooksPath</c> (a relative one is relative to the work-tree root), linked worktrees (hooks live in the
    /// common dir) and submodules, exactly as git resolves them when it runs a hook. Needs git 2.31 or later.
    /// </summary>
    /// <exception cref="UserError">Not in a git repository, git missing or too old.</exception>
    public static string Find(string workingDirectory)
    {
        var hooks = RunGit(workingDirectory, "rev-parse", "--path-format=absolute", "--git-path", "hooks");
        if (!Path.IsPathRooted(hooks))
        {
            throw new UserError($"git answered '{hooks}' for the hooks directory; HookGuard needs git 2.31 or later.");
        }

        return Path.GetFullPath(hooks);
    }

    private static string RunGit(string workingDirectory, params string[] arguments)
    {
        BufferedCommandResult result;
        try
        {
            result = global::CliWrap.Cli.Wrap(Git.GitExecutable.Resolve())
                .WithArguments(arguments)
                .WithWorkingDirectory(workingDirectory)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync()
                .GetAwaiter()
                .GetResult();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new UserError($"Cannot run git ({error.Message}). Is git installed and on PATH?", inner: error);
        }

        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            throw new UserError($"git {string.Join(' ', arguments)} failed in '{workingDirectory}': {(message.Length > 0 ? message : $"exit code {result.ExitCode}")}");
        }

        return result.StandardOutput.TrimEnd('\r', '\n');
    }
}
