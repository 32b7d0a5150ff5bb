namespace HookGuard.Git.Objects;

/// <summary>
/// Applies a git delta (gitformat-pack(5), "Deltified representation"): the base's size and the result's size as
/// little-endian base-128 numbers, then instructions that copy a range of the base or insert literal bytes.
/// </summary>
internal static class Delta
{
    /// <exception cref="InvalidDataException">The delta does not fit its base or does not produce the size it declares.</exception>
    public static byte[] Apply(ReadOnlySpan<byte> source, ReadOnlySpan<byte> delta)
    {
        var position = 0;
        var sourceSize = ReadSize(delta, ref position);
        if (sourceSize != source.Length)
        {
            throw new InvalidDataException($"a delta expects a base of {sourceSize} bytes, its base has {source.Length}");
        }

        var resultSize = ReadSize(delta, ref position);
        if (resultSize > Array.MaxLength)
        {
            throw new InvalidDataException($"a delta result of {resultSize} bytes is larger than HookGuard reads");
        }

        // The declared size is believed only once the instructions are seen to produce it: a damaged delta that
        // claims 2 GB from a few bytes must not cost 2 GB.
        var produced = ProducedSize(delta, position, source.Length, resultSize);
        if (produced != resultSize)
        {
            throw new InvalidDataException($"a delta produces {produced} bytes, not the {resultSize} it declares");
        }

        var result = GC.AllocateUninitializedArray<byte>((int)resultSize);
        var written = 0;
        while (position < delta.Length)
        {
            var op = delta[position++];
            if ((op & 0x80) != 0)
            {
                // Copy: bits 0-3 say which offset bytes follow, bits 4-6 which size bytes; a size of 0 means 0x10000.
                long offset = 0, size = 0;
                for (var bit = 0; bit < 4; bit++)
                {
                    if ((op & (1 << bit)) != 0)
                    {
                        offset |= (long)Next(delta, ref position) << (8 * bit);
                    }
                }

                for (var bit = 0; bit < 3; bit++)
                {
                    if ((op & (0x10 << bit)) != 0)
                    {
                        size |= (long)Next(delta, ref position) << (8 * bit);
                    }
                }

                if (size == 0)
                {
                    size = 0x10000;
                }

                if (offset + size > source.Length || written + size > result.Length)
                {
                    throw new InvalidDataException("a delta copies outside its base or past its declared size");
                }

                source.Slice((int)offset, (int)size).CopyTo(result.AsSpan(written));
                written += (int)size;
            }
            else if (op != 0)
            {
                if (position + op > delta.Length || written + op > result.Length)
                {
                    throw new InvalidDataException("a delta inserts past its end or past its declared size");
                }

                delta.Slice(position, op).CopyTo(result.AsSpan(written));
                position += op;
                written += op;
            }
            else
            {
                throw new InvalidDataException("a delta holds the reserved instruction 0");
            }
        }

        if (written != result.Length)
        {
            throw new InvalidDataException($"a delta produces {written} bytes, not the {result.Length} it declares");
        }

        return result;
    }

    /// <summary>
    /// How many bytes the instructions from <paramref name="position"/> produce, counted without copying; the count
    /// stops just past <paramref name="declared"/>. An instruction that does not fit the base or the delta is counted
    /// loosely (never above what a valid one could produce); <see cref="Apply"/> then rejects it.
    /// </summary>
    private static long ProducedSize(ReadOnlySpan<byte> delta, int position, long sourceLength, long declared)
    {
        long produced = 0;
        while (position < delta.Length && produced <= declared)
        {
            var op = delta[position++];
            if ((op & 0x80) != 0)
            {
                position += int.PopCount(op & 0x0F);
                long size = 0;
                for (var bit = 0; bit < 3; bit++)
                {
                    if ((op & (0x10 << bit)) != 0)
                    {
                        size |= (long)(position < delta.Length ? delta[position] : 0) << (8 * bit);
                        position++;
                    }
                }

                produced += Math.Min(size == 0 ? 0x10000 : size, sourceLength);
            }
            else
            {
                position += op;
                produced += op;
            }
        }

        return produced;
    }

    private static long ReadSize(ReadOnlySpan<byte> delta, ref int position)
    {
        long size = 0;
        var shift = 0;
        byte current;
        do
        {
            if (shift > 56)
            {
                throw new InvalidDataException("a delta's size does not fit 64 bits");
            }

            current = Next(delta, ref position);
            size |= (long)(current & 0x7F) << shift;
            shift += 7;
        }
        while ((current & 0x80) != 0);

        return size;
    }

    private static byte Next(ReadOnlySpan<byte> delta, ref int position) =>
        position < delta.Length ? delta[position++] : throw new InvalidDataException("a delta ends inside an instruction");
}
