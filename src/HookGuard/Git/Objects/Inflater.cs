using System.IO.Compression;

namespace HookGuard.Git.Objects;

/// <summary>Inflates zlib data whose inflated size is known in advance (git records it in every object header).</summary>
internal static class Inflater
{
    private const int FirstBufferSize = 1 << 20;

    // Deflate cannot expand a byte more than about 1032 times (zlib's technical details, "Maximum compression factor"),
    // so a header is believed up to this many times the compressed bytes that are really there.
    private const long MaxInflationRatio = 1032;

    // The most a header is believed at once whatever the compressed bytes: in a pack, "what is left of the file" is
    // every later entry too, so a damaged header early in a 3 MB pack was believed for 2 GB. Objects HookGuard reads
    // (manifests, lock files) fit well under this in one buffer; a larger one grows by doubling.
    private const long MaxFirstBuffer = 16 << 20;

    /// <summary>Reads exactly <paramref name="size"/> inflated bytes from <paramref name="zlib"/>, which must end there.</summary>
    /// <param name="compressedLimit">At most how many compressed bytes follow (what is left of the file).</param>
    /// <exception cref="InvalidDataException">The data is not zlib, ends early, or holds more than <paramref name="size"/> bytes.</exception>
    public static byte[] Inflate(Stream zlib, long size, long compressedLimit)
    {
        if (size > Array.MaxLength)
        {
            throw new InvalidDataException($"an object of {size} bytes is larger than HookGuard reads");
        }

        using var inflate = new ZLibStream(zlib, CompressionMode.Decompress, leaveOpen: true);
        return ReadExactly(inflate, (int)size, compressedLimit);
    }

    /// <summary>Reads <paramref name="size"/> bytes from an inflating stream and checks that the stream ends there.</summary>
    /// <param name="compressedLimit">At most how many compressed bytes the stream holds (what is left of the file).</param>
    public static byte[] ReadExactly(Stream inflate, int size, long compressedLimit)
    {
        // The header is trusted as far as the compressed bytes can back it, so that a real object is inflated into one
        // buffer of its size (a 2 MB lock file then costs 2 MB, not 3 MB and a copy). Past that, the buffer grows as
        // data arrives: a damaged header that claims gigabytes costs what the stream really holds.
        var believable = Math.Clamp(Math.Min(compressedLimit, Array.MaxLength) * MaxInflationRatio, FirstBufferSize, MaxFirstBuffer);
        var data = GC.AllocateUninitializedArray<byte>((int)Math.Min(size, believable));
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
