using HookGuard.Core.Projects;

namespace HookGuard.Git;

/// <summary>
/// The index being committed seen as the repository's file list, for project location: "is there a requirements
/// file here" is answered from what will be committed, not from the disk.
/// </summary>
public sealed class IndexRepositoryPaths(StagedIndex index) : IRepositoryPaths
{
    public bool Contains(string path) => index.Contains(path);

    public IEnumerable<string> FilesUnder(string directory, int? maxDepth = null)
    {
        var prefixLength = directory.Trim('/') is { Length: > 0 } trimmed ? trimmed.Length + 1 : 0;
        foreach (var path in index.PathsUnder(directory))
        {
            if (maxDepth is not { } depth || SegmentCount(path.AsSpan(prefixLength)) <= depth)
            {
                yield return path;
            }
        }
    }

    public IEnumerable<string> FilesStartingWith(string prefix) => index.PathsStartingWith(prefix);

    private static int SegmentCount(ReadOnlySpan<char> relative) => relative.Count('/') + 1;
}
