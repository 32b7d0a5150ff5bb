using System.IO.Compression;

namespace HookGuard.Git.Objects;

/// <summary>
/// The loose objects of one object directory: <c>xx/yyyy…</c> files, each a zlib stream of
/// <c>"TYPE SIZE\0"</c> followed by the content (gitformat-loose(5)).
/// </summary>
internal sealed class LooseObjects(string objectsDirectory)
{
    /// <summary>The object with id <paramref name="id"/>, or <c>null</c> when there is no such file.</summary>
    /// <exception cref="Cli.UserError">The file exists but cannot be read or is damaged.</exception>
    public GitObject? TryRead(ReadOnlySpan<byte> id)
    {
        var hex = Convert.ToHexStringLower(id);
        var file = Path.Combine(objectsDirectory, hex[..2], hex[2..]);
        Microsoft.Win32.SafeHandles.SafeFileHandle handle;
        try
        {
            handle = File.OpenHandle(file);
        }
        catch (Exception missing) when (missing is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw ObjectStoreErrors.Unreadable(file, error);
        }

        using (handle)
        {
            try
            {
                using var inflate = new ZLibStream(new PositionalStream(handle, 0, 8192), CompressionMode.Decompress);
                var (type, size) = ReadHeader(inflate);
                return new GitObject(type, Inflater.ReadExactly(inflate, size, RandomAccess.GetLength(handle)));
            }
            catch (InvalidDataException error)
            {
                throw ObjectStoreErrors.Damaged(file, error.Message, error);
            }
            catch (IOException error)
            {
                throw ObjectStoreErrors.Unreadable(file, error);
            }
        }
    }

    /// <summary>Parses <c>"TYPE SIZE\0"</c>.</summary>
    private static (GitObjectType Type, int Size) ReadHeader(Stream inflate)
    {
        Span<byte> header = stackalloc byte[32];
        var length = 0;
        while (true)
        {
            var next = inflate.ReadByte();
            if (next < 0)
            {
                throw new InvalidDataException("it ends inside its header");
            }

            if (next == 0)
            {
                break;
            }

            if (length == header.Length)
            {
                throw new InvalidDataException("its header is not 'TYPE SIZE'");
            }

            header[length++] = (byte)next;
        }

        header = header[..length];
        var space = header.IndexOf((byte)' ');
        var type = space > 0 ? GitObjectTypeNames.Parse(header[..space]) : null;
        if (type is null || !TryParseSize(header[(space + 1)..], out var size))
        {
            throw new InvalidDataException("its header is not 'TYPE SIZE'");
        }

        return (type.Value, size);
    }

    private static bool TryParseSize(ReadOnlySpan<byte> digits, out int size)
    {
        long value = 0;
        size = 0;
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var digit in digits)
        {
            if (digit is < (byte)'0' or > (byte)'9' || (value = (value * 10) + (digit - '0')) > Array.MaxLength)
            {
                return false;
            }
        }

        size = (int)value;
        return true;
    }
}
