using HookGuard.Cli;
using LibGit2Sharp;

namespace HookGuard.Git;

/// <summary>
/// Stages new content for one path: writes the blob into the object database and replaces that path's entry in an
/// index file. For autostage (SPEC sec. 5), which must stage into the index git is committing.
/// </summary>
/// <remarks>
/// The index is written with git's lock protocol (libgit2's <c>git_filebuf</c>): <c>INDEX.lock</c> is created
/// exclusively, the new index written into it, then renamed over <c>INDEX</c>. An existing lock fails with a
/// <see cref="UserError"/>, nothing written. Inside a pre-commit hook <c>GIT_INDEX_FILE</c> is itself a lock file
/// that git holds (<c>.git/index.lock</c>), so the lock taken is <c>.git/index.lock.lock</c>, exactly as a
/// <c>git add</c> run by the hook would; git re-reads that index after the hook returns (builtin/commit.c:
/// "Re-read the index as pre-commit hook could have updated it").
/// </remarks>
public static class IndexWriter
{
    /// <summary>Writes <paramref name="content"/> as a blob and stages it at <paramref name="path"/> in <paramref name="indexFile"/>.</summary>
    /// <param name="location">The repository.</param>
    /// <param name="indexFile">The index to update (see <see cref="IndexFileLocator.Resolve"/>).</param>
    /// <param name="path">Work-tree-relative path with <c>/</c> separators.</param>
    /// <param name="content">The bytes to stage.</param>
    /// <param name="mode"><see cref="GitFileMode.RegularFile"/> or <see cref="GitFileMode.ExecutableFile"/>.</param>
    /// <param name="throughGit">Write with <c>git hash-object</c> and <c>git update-index</c> instead of libgit2, for
    /// the formats libgit2 does not write (<see cref="StagedIndex.WritesThroughGit"/>: split and sparse indexes, SHA-256).</param>
    /// <returns>The staged entry, with the new blob id.</returns>
    /// <exception cref="UserError">The index is locked, or the repository cannot be written.</exception>
    public static StagedEntry Stage(RepositoryLocation location, string indexFile, string path, ReadOnlySpan<byte> content, GitFileMode mode, bool throughGit = false)
    {
        if (mode is not (GitFileMode.RegularFile or GitFileMode.ExecutableFile))
        {
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Only regular files can be staged.");
        }

        // Only Windows separates with a backslash; on POSIX it is a file-name character, and turning it into '/' staged
        // a fix for 'back\slash/requirements.txt' as a new file 'back/slash/requirements.txt' (issue 11).
        var relative = (OperatingSystem.IsWindows() ? path.Replace('\\', '/') : path).Trim('/');
        if (relative.Length == 0 || relative.Split('/').Any(part => part is "" or "." or ".." or ".git"))
        {
            throw new ArgumentException($"'{path}' is not a work-tree-relative file path.", nameof(path));
        }

        var lockFile = indexFile + ".lock";
        var bytes = content.ToArray();
        if (throughGit)
        {
            return StageThroughGit(location, indexFile, lockFile, relative, bytes, mode);
        }

        return GitErrors.Translate(
            () =>
            {
                // Checked first for a clear message; the exclusive create inside Index.Write is what actually guards.
                if (File.Exists(lockFile))
                {
                    throw new UserError(
                        $"Cannot stage '{relative}': '{lockFile}' exists. Another git process seems to be running; if not, remove that file and retry.");
                }

                using var repository = new Repository(location.GitDir, new RepositoryOptions
                {
                    WorkingDirectoryPath = location.WorkTreeRoot,
                    IndexPath = indexFile,
                });
                // ObjectDatabase.Write takes the bytes in one call (git_odb_write); CreateBlob(Stream) streams
                // through native callbacks, which is what breaks under NativeAOT elsewhere in LibGit2Sharp.
                var blobId = repository.ObjectDatabase.Write<Blob>(bytes);
                var blob = repository.Lookup<Blob>(blobId);
                repository.Index.Add(blob, relative, (Mode)(int)mode);
                repository.Index.Write();
                return new StagedEntry(relative, mode, blobId.Sha);
            },
            $"Cannot stage '{relative}' into '{indexFile}'");
    }

    /// <summary>
    /// The same through git itself: the blob written as is (no filters: the content is already what the index holds),
    /// then the entry replaced by <c>git update-index --cacheinfo</c>, which takes <c>INDEX.lock</c> exclusively too.
    /// </summary>
    private static StagedEntry StageThroughGit(RepositoryLocation location, string indexFile, string lockFile, string relative, byte[] bytes, GitFileMode mode)
    {
        if (File.Exists(lockFile))
        {
            throw new UserError(
                $"Cannot stage '{relative}': '{lockFile}' exists. Another git process seems to be running; if not, remove that file and retry.");
        }

        var git = new GitCommand(location, indexFile, environment: null, workingDirectory: null);
        var blobId = System.Text.Encoding.ASCII.GetString(git.Run(["hash-object", "-w", "--no-filters", "--stdin"], bytes)).Trim();
        var octalMode = Convert.ToString((int)mode, 8);
        git.Run(["update-index", "--cacheinfo", $"{octalMode},{blobId},{relative}"]);
        return new StagedEntry(relative, mode, blobId);
    }
}
