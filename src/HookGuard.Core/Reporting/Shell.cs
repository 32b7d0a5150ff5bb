namespace HookGuard.Core.Reporting;

/// <summary>Quoting for commands that a report prints for the user to paste into a POSIX shell.</summary>
public static class Shell
{
    private const string Safe = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-./=:@%+,";

    /// <summary>Leaves plain words alone; single-quotes anything else, closing and reopening around a quote.</summary>
    public static string Quote(string argument) =>
        argument.Length > 0 && argument.All(character => Safe.Contains(character))
            ? argument
            : "'" + argument.Replace("'", "'\"'\"'") + "'";
}
