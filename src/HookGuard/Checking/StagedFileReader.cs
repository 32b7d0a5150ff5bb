using System.Text;
using HookGuard.Autostage;
using HookGuard.Cli;
using HookGuard.Git;

namespace HookGuard.Checking;

/// <summary>
/// Reads requirement files from the index being committed as pip reads them from a checkout of that commit: a
/// symbolic link (git mode 120000, whose blob holds the target path, not the content) is followed to the staged file
/// it names. A common layout is <c>requirements.txt -&gt; requirements/prod.txt</c>.
/// </summary>
public static class StagedFileReader
{
    /// <summary>How many links are followed before giving up (Linux's MAXSYMLINKS).</summary>
    private const int MaxLinks = 40;

    /// <summary>A reader for <see cref="ProjectChecker"/>: repo-relative path to staged bytes, or null when not staged.</summary>
    public static Func<string, byte[]?> For(StagedIndex index, string workTreeRoot) => path => Read(index, workTreeRoot, path);

    /// <summary>The staged bytes of <paramref name="path"/>, links followed; null when it is not in the index.</summary>
    public static byte[]? Read(StagedIndex index, string workTreeRoot, string path)
    {
        var resolved = Resolve(index, path);
        return resolved switch
        {
            { InIndex: { } entry, Path: { } final } => index.ReadBlob(entry.BlobId, final),
            // A link out of the repository: its target is not in any commit; read it where pip would.
            { OutsidePath: { } outside } => WorkTreeFile.Read(Path.GetFullPath(outside, workTreeRoot)),
            _ => null,
        };
    }

    /// <summary>Where <paramref name="path"/> ends up once links are followed.</summary>
    /// <param name="Path">The repo-relative path of the file the links lead to.</param>
    /// <param name="InIndex">Its staged entry, or null when nothing is staged there.</param>
    /// <param name="OutsidePath">For a link that leaves the repository: the target, relative to the work-tree root or absolute.</param>
    public sealed record Resolution(string? Path, StagedEntry? InIndex, string? OutsidePath);

    /// <summary>Follows staged symbolic links from <paramref name="path"/>.</summary>
    public static Resolution Resolve(StagedIndex index, string path)
    {
        var current = path;
        for (var hops = 0; hops <= MaxLinks; hops++)
        {
            var entry = index.Find(current);
            if (entry is null || entry.Mode != GitFileMode.Symlink)
            {
                return new Resolution(current, entry, null);
            }

            var target = Encoding.UTF8.GetString(index.ReadBlob(entry.BlobId, current));
            if (Join(current, target) is not { } next)
            {
                var linkDirectory = current.Contains('/') ? current[..current.LastIndexOf('/')] : "";
                return new Resolution(null, null, System.IO.Path.IsPathRooted(target) ? target : System.IO.Path.Combine(linkDirectory, target));
            }

            current = next;
        }

        throw new UserError($"{path}: too many levels of symbolic links in the index.");
    }

    /// <summary>The link target as a repo-relative path (resolved lexically, as git stores it); null when it leaves the repository.</summary>
    private static string? Join(string link, string target)
    {
        if (target.StartsWith('/') || System.IO.Path.IsPathRooted(target))
        {
            return null;
        }

        var parts = link.Split('/').SkipLast(1).ToList();
        foreach (var part in target.Split('/'))
        {
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count == 0)
                {
                    return null;
                }

                parts.RemoveAt(parts.Count - 1);
                continue;
            }

            parts.Add(part);
        }

        return string.Join('/', parts);
    }
}
