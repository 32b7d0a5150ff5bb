using HookGuard.Cli;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>Turns libgit2 failures into <see cref="UserError"/>s (exit 2, SPEC sec. 7) at the edge of the git seam.</summary>
internal static class GitErrors
{
    public static T Translate<T>(Func<T> action, string what)
    {
        try
        {
            return action();
        }
        catch (LockedFileException error)
        {
            throw new UserError($"{what}: a lock file exists ({error.Message}). Another git process seems to be running; if not, remove the stale '.lock' file and retry.", inner: error);
        }
        catch (LibGit2SharpException error)
        {
            throw new UserError($"{what}: {error.Message}", inner: error);
        }
        catch (IOException error)
        {
            throw new UserError($"{what}: {error.Message}", inner: error);
        }
        catch (UnauthorizedAccessException error)
        {
            throw new UserError($"{what}: {error.Message}", inner: error);
        }
    }
}
