using System.IO.Compression;

namespace HookGuard.Git.Objects;

/// <summary>Inflates zlib data whose inflated size is known in advance (git records it in every object header).</summary>
internal static class Inflater
{
    private const int FirstBufferSize = 1 << 20;

    /// <summary>Reads exactly <paramref name="size"/> inflated bytes from <paramref name="zlib"/>, which must end there.</summary>
    /// <exception cref="InvalidDataException">The data is not zlib, ends early, or holds more than <paramref name="size"/> bytes.</exception>
    public static byte[] Inflate(Stream zlib, long size)
    {
        if (size > Array.MaxLength)
        {
            throw new InvalidDataException($"an object of {size} bytes is larger than HookGuard reads");
        }

        using var inflate = new ZLibStream(zlib, CompressionMode.Decompress, leaveOpen: true);
        return ReadExactly(inflate, (int)size);
    }

    /// <summary>Reads <paramref name="size"/> bytes from an inflating stream and checks that the stream ends there.</summary>
    public static byte[] ReadExactly(Stream inflate, int size)
    {
        // The buffer grows as data arrives rather than trusting the header up front: a damaged header that claims
        // gigabytes then costs what the stream really holds, not a huge allocation before zlib notices.
        var data = GC.AllocateUninitializedArray<byte>(Math.Min(size, FirstBufferSize));
        var filled = 0;
        while (filled < size)
        {
            if (filled == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(size, 2L * data.Length));
            }

            var read = inflate.Read(data, filled, data.Length - filled);
            if (read == 0)
            {
                throw new InvalidDataException($"the compressed data ends after {filled} of {size} bytes");
            }

            filled += read;
        }

        Span<byte> extra = stackalloc byte[1];
        if (inflate.Read(extra) != 0)
        {
            throw new InvalidDataException($"the compressed data holds more than the {size} bytes its header says");
        }

        return data;
    }
}
