using HookGuard.Cli;

namespace HookGuard.Autostage;

/// <summary>Reads and atomically replaces a work-tree file, keeping its mode (SPEC sec. 5: temp file + rename).</summary>
public static class WorkTreeFile
{
    /// <summary>The file's bytes, or null when it does not exist.</summary>
    public static byte[]? Read(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot be read: {e.Message}");
        }
    }

    /// <summary>
    /// Writes <paramref name="content"/> to a temporary file beside <paramref name="path"/>, gives it the old file's
    /// mode, then renames it over the old file: a reader sees the old or the new file, never half of one.
    /// </summary>
    public static void ReplaceAtomically(string path, ReadOnlySpan<byte> content)
    {
        // A symbolic link (requirements.txt -> requirements/prod.txt) stays a link: the file it names is replaced.
        if (new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true) is { } linkTarget)
        {
            path = linkTarget.FullName;
        }

        var directory = Path.GetDirectoryName(path) ?? ".";
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.hookguard-{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(path))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(path));
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new UserError($"{path}: cannot be written: {e.Message}. Nothing was changed.");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temporary file is named after HookGuard and the process, so it is recognisable.
        }
    }
}
