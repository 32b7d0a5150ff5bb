namespace HookGuard.Git.Objects;

/// <summary>
/// A read-only git object database: looks objects up by SHA-1 id in the packs, then the loose objects, of the
/// repository's object directory and its alternates (the order git's <c>oid_object_info</c> uses). Files are opened
/// on first need; nothing is read whole except loose objects.
/// </summary>
/// <remarks>
/// Not read: multi-pack-index and commit-graph files (the <c>.idx</c> of every pack is always there and enough), and
/// promisor remotes of partial clones (an object they would fetch reads as missing).
/// </remarks>
internal sealed class ObjectDatabase : IDisposable
{
    private readonly IReadOnlyList<string> _directories;
    private readonly LooseObjects[] _loose;
    private List<PackFile>? _packs;

    public ObjectDatabase(IReadOnlyList<string> directories)
    {
        _directories = directories;
        _loose = directories.Select(directory => new LooseObjects(directory)).ToArray();
    }

    /// <summary>The object directories searched, the repository's own first.</summary>
    public IReadOnlyList<string> Directories => _directories;

    /// <summary>Opens the object database of <paramref name="location"/> (see <see cref="ObjectDirectories"/>).</summary>
    public static ObjectDatabase Open(RepositoryLocation location, IReadOnlyDictionary<string, string> environment, string workingDirectory) =>
        new(ObjectDirectories.Resolve(location, environment, workingDirectory));

    /// <summary>The object <paramref name="id"/> (20 bytes), or <c>null</c> when no pack and no loose file holds it.</summary>
    /// <exception cref="Cli.UserError">A file holding the object is unreadable or damaged.</exception>
    public GitObject? TryRead(ReadOnlySpan<byte> id) => TryRead(id, 0, 0);

    /// <param name="id">The object id.</param>
    /// <param name="depth">How many deltas led to this lookup (a REF_DELTA's base is looked up here).</param>
    /// <param name="nesting">How many REF_DELTA lookups enclose this one (each is a level of the call stack).</param>
    internal GitObject? TryRead(ReadOnlySpan<byte> id, int depth, int nesting)
    {
        if (id.Length != 20)
        {
            throw new ArgumentException("A SHA-1 object id is 20 bytes.", nameof(id));
        }

        foreach (var pack in Packs())
        {
            if (pack.FindOffset(id) is { } offset)
            {
                return pack.Read(offset, this, depth, nesting);
            }
        }

        foreach (var loose in _loose)
        {
            if (loose.TryRead(id) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    private List<PackFile> Packs()
    {
        if (_packs is not null)
        {
            return _packs;
        }

        _packs = [];
        foreach (var directory in _directories)
        {
            var packDirectory = Path.Combine(directory, "pack");
            try
            {
                if (!Directory.Exists(packDirectory))
                {
                    continue;
                }

                // Newest first, as git orders packs: recent objects are the likeliest to be asked for. An index whose
                // pack is gone (a repack in progress, a stale leftover) is skipped, as git's add_packed_git does.
                _packs.AddRange(new DirectoryInfo(packDirectory).EnumerateFiles("pack-*.idx")
                    .Where(file => File.Exists(Path.ChangeExtension(file.FullName, ".pack")))
                    .OrderByDescending(file => file.LastWriteTimeUtc)
                    .Select(file => new PackFile(file.FullName)));
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                throw ObjectStoreErrors.Unreadable(packDirectory, error);
            }
        }

        return _packs;
    }

    public void Dispose()
    {
        foreach (var pack in _packs ?? [])
        {
            pack.Dispose();
        }
    }
}
