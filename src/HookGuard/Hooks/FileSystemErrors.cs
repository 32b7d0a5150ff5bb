using HookGuard.Cli;

namespace HookGuard.Hooks;

/// <summary>Turns file-system failures while writing hooks into <see cref="UserError"/>s (exit 2).</summary>
internal static class FileSystemErrors
{
    public static T Translate<T>(Func<T> action, string what)
    {
        try
        {
            return action();
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
