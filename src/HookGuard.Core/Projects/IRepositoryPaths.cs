namespace HookGuard.Core.Projects;

/// <summary>
/// The files a repository holds, as the index being committed lists them: repo-relative, forward slashes.
/// The seam through which project location asks "which requirement files exist here" without touching the disk.
/// </summary>
public interface IRepositoryPaths
{
    /// <summary>Whether the file <paramref name="path"/> is in the list.</summary>
    bool Contains(string path);

    /// <summary>
    /// The files at or below <paramref name="directory"/> (<c>""</c> is the root), at most <paramref name="maxDepth"/>
    /// path segments below it when given (1 = the files directly in it), in ordinal order.
    /// </summary>
    IEnumerable<string> FilesUnder(string directory, int? maxDepth = null);

    /// <summary>The files whose repo-relative path starts with <paramref name="prefix"/>, in ordinal order (a binary search).</summary>
    IEnumerable<string> FilesStartingWith(string prefix);
}
