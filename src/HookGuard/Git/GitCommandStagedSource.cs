using System.Text;
using HookGuard.Cli;
using HookGuard.Git.Objects;

namespace HookGuard.Git;

/// <summary>
/// The index, the staged change and objects as <c>git</c> itself reads them, for repositories HookGuard's own reader
/// does not read: SHA-256 object ids, a ref store other than files, a sparse index, an index or repository extension
/// HookGuard does not know. Slower than <see cref="OwnReaderStagedSource"/> (a few processes instead of none), never refused.
/// </summary>
/// <remarks>
/// <c>git ls-files --stage</c> without <c>--sparse</c> expands a sparse index to every path, so project location sees
/// what it sees in a full index; <c>git diff --cached</c> compares with HEAD (the empty tree on an unborn branch).
/// </remarks>
internal sealed class GitCommandStagedSource : IStagedSource
{
    private readonly GitCommand _git;

    private GitCommandStagedSource(GitCommand git, ParsedIndex index)
    {
        _git = git;
        Index = index;
    }

    public ParsedIndex Index { get; }

    /// <summary>Whatever the format, <c>git update-index</c> writes it.</summary>
    public bool WritesThroughGit => true;

    /// <exception cref="UserError">git cannot read the repository or the index.</exception>
    public static GitCommandStagedSource Open(GitCommand git) => new(git, ParseStage(git.Run(["ls-files", "--stage", "-z"])));

    public IReadOnlyList<StagedChange> ListStagedChanges()
    {
        // Options that config could change are pinned: no renames, no external diff, submodules always compared, whole tree.
        var output = _git.Run(["diff", "--cached", "--no-renames", "--no-ext-diff", "--ignore-submodules=none", "--no-relative", "--name-status", "-z"]);
        var fields = Split(output);
        var changes = new List<StagedChange>(fields.Count / 2);
        for (var i = 0; i + 1 < fields.Count; i += 2)
        {
            StagedChangeKind? kind = fields[i] switch
            {
                "A" => StagedChangeKind.Added,
                "M" => StagedChangeKind.Modified,
                "D" => StagedChangeKind.Deleted,
                "T" => StagedChangeKind.TypeChanged,
                _ => null, // U: an unmerged path, which git will not commit
            };
            if (kind is { } known)
            {
                changes.Add(new StagedChange(known, fields[i + 1]));
            }
        }

        return changes;
    }

    public GitObject? TryRead(string objectIdHex)
    {
        var output = _git.Run(["cat-file", "--batch"], Encoding.ASCII.GetBytes(objectIdHex + "\n"));
        var headerEnd = Array.IndexOf(output, (byte)'\n');
        var header = Encoding.ASCII.GetString(output, 0, headerEnd < 0 ? output.Length : headerEnd).Split(' ');
        if (header.Length != 3 || headerEnd < 0)
        {
            return null; // "<id> missing"
        }

        var type = GitObjectTypeNames.Parse(Encoding.ASCII.GetBytes(header[1]))
            ?? throw new UserError($"git cat-file names an unknown object type '{header[1]}' for {objectIdHex}.");
        var size = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
        return new GitObject(type, output.AsSpan(headerEnd + 1, size).ToArray());
    }

    public void Dispose()
    {
    }

    /// <summary>Parses <c>MODE SP ID SP STAGE TAB PATH NUL</c> records, keeping stage 0 (git's order is kept).</summary>
    private static ParsedIndex ParseStage(byte[] output)
    {
        var entries = new List<IndexRecord>();
        var position = 0;
        while (position < output.Length)
        {
            var end = Array.IndexOf(output, (byte)0, position);
            end = end < 0 ? output.Length : end;
            var record = output.AsSpan(position, end - position);
            var tab = record.IndexOf((byte)'\t');
            var header = Encoding.ASCII.GetString(record[..tab]).Split(' ');
            if (header is [var mode, var id, "0"])
            {
                entries.Add(new IndexRecord(
                    output.AsMemory(position + tab + 1, end - position - tab - 1),
                    Convert.ToInt32(mode, 8),
                    Convert.FromHexString(id)));
            }

            position = end + 1;
        }

        return new ParsedIndex(entries, null);
    }

    private static List<string> Split(byte[] output) =>
        [.. Encoding.UTF8.GetString(output).Split('\0', StringSplitOptions.RemoveEmptyEntries)];
}
