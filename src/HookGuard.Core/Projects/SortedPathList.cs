namespace HookGuard.Core.Projects;

/// <summary>
/// An <see cref="IRepositoryPaths"/> over an in-memory path list (the index's), sorted once so that every question is a
/// binary search: asking about one directory costs the log of the repository size plus what it holds, which keeps a
/// hook's cost proportional to the staged paths, not to the repository (SPEC sec. 8).
/// </summary>
public sealed class SortedPathList : IRepositoryPaths
{
    private readonly string[] _paths;

    /// <param name="paths">Repo-relative file paths with forward slashes, in any order.</param>
    public SortedPathList(IEnumerable<string> paths)
    {
        _paths = paths.Distinct(StringComparer.Ordinal).ToArray();
        Array.Sort(_paths, StringComparer.Ordinal);
    }

    public int Count => _paths.Length;

    public bool Contains(string path) => Array.BinarySearch(_paths, path, StringComparer.Ordinal) >= 0;

    public IEnumerable<string> FilesUnder(string directory, int? maxDepth = null)
    {
        var prefix = directory.Length == 0 ? "" : directory + "/";
        var index = LowerBound(prefix);
        while (index < _paths.Length && _paths[index].StartsWith(prefix, StringComparison.Ordinal))
        {
            var path = _paths[index];
            if (maxDepth is { } depth && SlashAfter(path, prefix.Length, depth) is var cut and >= 0)
            {
                // Too deep: jump past the whole subdirectory instead of walking it. Every path below "x/" sorts before
                // "x0" because '0' is the character after '/'.
                index = LowerBound(path[..cut] + "0");
                continue;
            }

            yield return path;
            index++;
        }
    }

    public IEnumerable<string> FilesStartingWith(string prefix)
    {
        for (var index = LowerBound(prefix); index < _paths.Length && _paths[index].StartsWith(prefix, StringComparison.Ordinal); index++)
        {
            yield return _paths[index];
        }
    }

    /// <summary>The index of the <paramref name="depth"/>-th '/' after <paramref name="start"/>, or -1.</summary>
    private static int SlashAfter(string path, int start, int depth)
    {
        var position = start - 1;
        for (var seen = 0; seen < depth; seen++)
        {
            position = path.IndexOf('/', position + 1);
            if (position < 0)
            {
                return -1;
            }
        }

        return position;
    }

    private int LowerBound(string value)
    {
        int low = 0, high = _paths.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (string.CompareOrdinal(_paths[middle], value) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
