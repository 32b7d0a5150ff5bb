namespace HookGuard.Git.Objects;

/// <summary>
/// The object directories git reads, in git's order: the repository's own (<c>$GIT_OBJECT_DIRECTORY</c>, else
/// <c>objects</c> in the common dir), then its alternates (gitrepository-layout(5), <c>objects/info/alternates</c>).
/// </summary>
internal static class ObjectDirectories
{
    /// <summary>git's limit on alternates of alternates (object-file.c, <c>link_alt_odb_entries</c>).</summary>
    private const int MaxDepth = 5;

    /// <summary>The object directories of the repository at <paramref name="location"/>, its own first.</summary>
    /// <param name="location">The repository.</param>
    /// <param name="environment">Read for <c>GIT_OBJECT_DIRECTORY</c> and <c>GIT_ALTERNATE_OBJECT_DIRECTORIES</c>.</param>
    /// <param name="workingDirectory">What relative paths in those variables are relative to.</param>
    public static IReadOnlyList<string> Resolve(RepositoryLocation location, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var primary = Normalize(environment.TryGetValue("GIT_OBJECT_DIRECTORY", out var own) && own.Length > 0
            ? Path.GetFullPath(own, workingDirectory)
            : Path.Combine(location.CommonDir, "objects"));
        var directories = new List<string> { primary };

        // git links the environment's alternates first, then reads the primary's info/alternates; each alternate's own
        // alternates are linked right after it (depth first).
        if (environment.TryGetValue("GIT_ALTERNATE_OBJECT_DIRECTORIES", out var variable) && variable.Length > 0)
        {
            foreach (var entry in variable.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                Link(Path.GetFullPath(entry, workingDirectory), 0, directories);
            }
        }

        ReadAlternates(primary, 0, directories);
        return directories;
    }

    private static void ReadAlternates(string objectsDirectory, int depth, List<string> directories)
    {
        string text;
        try
        {
            text = File.ReadAllText(Path.Combine(objectsDirectory, "info", "alternates"));
        }
        catch (Exception absent) when (absent is FileNotFoundException or DirectoryNotFoundException)
        {
            return;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw ObjectStoreErrors.Unreadable(Path.Combine(objectsDirectory, "info", "alternates"), error);
        }

        foreach (var rawLine in text.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            // Relative entries are relative to the objects directory holding the file (not to its info/).
            Link(Path.GetFullPath(line, objectsDirectory), depth, directories);
        }
    }

    private static void Link(string directory, int depth, List<string> directories)
    {
        directory = Normalize(directory);
        // git ignores, with a warning, an alternate that is missing or already linked, and stops past MaxDepth.
        if (depth > MaxDepth || !Directory.Exists(directory) || directories.Contains(directory, StringComparer.Ordinal))
        {
            return;
        }

        directories.Add(directory);
        ReadAlternates(directory, depth + 1, directories);
    }

    private static string Normalize(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
