namespace HookGuard.Venv;

/// <summary>
/// Finds a child directory whatever the case of its name, as Windows' file systems do: a Windows venv read on Linux
/// may spell <c>Lib</c>, <c>Scripts</c> and <c>site-packages</c> as its maker did, or as a copy through a
/// case-insensitive file system left them.
/// </summary>
internal static class CaseInsensitivePath
{
    /// <summary>The path of the directory <paramref name="name"/> under <paramref name="parent"/>, in any case (the exact spelling first); null if none.</summary>
    public static string? Find(string parent, string name)
    {
        var exact = Path.Combine(parent, name);
        if (Directory.Exists(exact)) return exact;
        try
        {
            return Directory.EnumerateDirectories(parent)
                .Where(directory => string.Equals(Path.GetFileName(directory), name, StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // a directory that cannot be listed holds nothing site.py could read either
        }
    }
}
