namespace HookGuard.Hooks;

/// <summary>Quoting for POSIX sh, so that a value written into a hook is data, never code.</summary>
public static class ShellQuoting
{
    /// <summary>
    /// Wraps <paramref name="value"/> in single quotes, writing each embedded <c>'</c> as <c>'\''</c>. Inside single
    /// quotes sh gives no character a special meaning (POSIX 2.2.2), so spaces, <c>$</c>, backquotes, backslashes,
    /// newlines and non-ASCII bytes all pass through literally.
    /// </summary>
    public static string SingleQuote(string value)
    {
        if (value.Contains('\0'))
        {
            throw new ArgumentException("A shell word cannot contain a NUL character.", nameof(value));
        }

        return "'" + value.Replace("'", "'\\''") + "'";
    }
}
