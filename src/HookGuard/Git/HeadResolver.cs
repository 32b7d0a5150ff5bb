using System.Text;
using HookGuard.Cli;
using HookGuard.Git.Objects;

namespace HookGuard.Git;

/// <summary>
/// Resolves <c>HEAD</c> to its tree with git's files ref store (gitrepository-layout(5)): <c>HEAD</c> in the
/// per-worktree git dir, a symbolic <c>ref: refs/heads/NAME</c> followed to the loose ref file or the
/// <c>packed-refs</c> line in the common dir, a detached id used as is, a tag peeled to its commit.
/// </summary>
internal static class HeadResolver
{
    /// <summary>git's SYMREF_MAXDEPTH.</summary>
    private const int MaxSymbolicDepth = 5;

    /// <summary>HEAD's tree id, or <c>null</c> on an unborn branch (before the first commit).</summary>
    /// <exception cref="UserError">HEAD or a ref it names is malformed, or names a missing or non-commit object.</exception>
    public static byte[]? HeadTree(RepositoryLocation location, ObjectDatabase objects)
    {
        var commit = ResolveHead(location);
        return commit is null ? null : PeelToTree(commit, objects);
    }

    /// <summary>The id HEAD names, or <c>null</c> when it names a branch that does not exist yet.</summary>
    public static byte[]? ResolveHead(RepositoryLocation location)
    {
        var name = "HEAD";
        for (var depth = 0; depth <= MaxSymbolicDepth; depth++)
        {
            var value = ReadRef(location, name);
            if (value is null)
            {
                return null;
            }

            if (value.StartsWith("ref:", StringComparison.Ordinal))
            {
                name = value[4..].Trim();
                continue;
            }

            return ParseId(value, $"the ref '{name}'");
        }

        throw new UserError($"HEAD in '{location.GitDir}' is a chain of more than {MaxSymbolicDepth} symbolic refs.");
    }

    /// <summary>A ref's value (an id in hex or <c>ref: NAME</c>), or <c>null</c> when no such ref exists.</summary>
    private static string? ReadRef(RepositoryLocation location, string name)
    {
        var file = Path.Combine(PerWorktree(name) ? location.GitDir : location.CommonDir, name);
        try
        {
            if (File.Exists(file))
            {
                return File.ReadAllText(file).Split('\n')[0].TrimEnd('\r').Trim();
            }

            return name.StartsWith("refs/", StringComparison.Ordinal) ? ReadPackedRef(location, name) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"Cannot read the git ref '{name}' of '{location.GitDir}': {error.Message}", inner: error);
        }
    }

    /// <summary>
    /// HEAD and pseudo-refs, and <c>refs/worktree/</c>, <c>refs/bisect/</c>, <c>refs/rewritten/</c>, belong to each
    /// worktree; every other ref is shared (git's <c>is_per_worktree_ref</c>).
    /// </summary>
    private static bool PerWorktree(string name) =>
        !name.StartsWith("refs/", StringComparison.Ordinal)
        || name.StartsWith("refs/worktree/", StringComparison.Ordinal)
        || name.StartsWith("refs/bisect/", StringComparison.Ordinal)
        || name.StartsWith("refs/rewritten/", StringComparison.Ordinal);

    /// <summary>Looks <paramref name="name"/> up in <c>packed-refs</c>: <c>ID NAME</c> lines, a <c>#</c> header, <c>^ID</c> peeled lines.</summary>
    private static string? ReadPackedRef(RepositoryLocation location, string name)
    {
        var file = Path.Combine(location.CommonDir, "packed-refs");
        if (!File.Exists(file))
        {
            return null;
        }

        foreach (var line in File.ReadLines(file))
        {
            if (line.Length > 41 && line[0] is not ('#' or '^') && line[40] == ' '
                && line.AsSpan(41).TrimEnd('\r').SequenceEqual(name))
            {
                return line[..40];
            }
        }

        return null;
    }

    /// <summary>Peels a commit, or a tag of one, to the commit's tree.</summary>
    private static byte[] PeelToTree(byte[] id, ObjectDatabase objects)
    {
        for (var depth = 0; depth <= MaxSymbolicDepth; depth++)
        {
            var hex = Convert.ToHexStringLower(id);
            var found = objects.TryRead(id)
                ?? throw new UserError($"HEAD names the object {hex}, which is missing from the git object database.");
            var header = found.Type switch
            {
                GitObjectType.Commit => "tree ",
                GitObjectType.Tag => "object ",
                _ => throw new UserError($"HEAD names the {found.Type.Name()} {hex}, not a commit."),
            };
            var firstLine = found.Data.AsSpan(0, Math.Max(0, found.Data.AsSpan().IndexOf((byte)'\n')));
            if (!firstLine.StartsWith(Encoding.ASCII.GetBytes(header)))
            {
                throw new UserError($"The {found.Type.Name()} {hex} that HEAD names is damaged: it does not start with '{header.Trim()}'.");
            }

            var next = ParseId(Encoding.ASCII.GetString(firstLine[header.Length..]), $"the {found.Type.Name()} {hex}");
            if (found.Type == GitObjectType.Commit)
            {
                return next;
            }

            id = next;
        }

        throw new UserError("HEAD names a chain of tags too long to follow.");
    }

    private static byte[] ParseId(string hex, string what)
    {
        if (hex.Length != 40 || !hex.All(Uri.IsHexDigit))
        {
            throw new UserError($"Cannot read {what}: '{hex}' is not a SHA-1 object id.");
        }

        return Convert.FromHexString(hex);
    }
}
