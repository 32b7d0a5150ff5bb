namespace HookGuard.Core.Declarations;

/// <summary>Where a file stops being UTF-8, for the line of a "not UTF-8" error (TOML documents, Pipfile.lock).</summary>
internal static class InvalidUtf8
{
    /// <summary>The 1-based line of the first byte that does not decode; past the end when every byte does.</summary>
    public static int LineOfFirst(ReadOnlySpan<byte> content)
    {
        var offset = 0;
        while (offset < content.Length
               && System.Text.Rune.DecodeFromUtf8(content[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return content[..offset].Count((byte)'\n') + 1;
    }
}
