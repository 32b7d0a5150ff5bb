using System.Text;

namespace HookGuard.Core.Deploy;

/// <summary>The decoding shared by the target readers: UTF-8, a BOM dropped, a size past which a file is not read.</summary>
internal static class TargetText
{
    /// <summary>
    /// 1 MiB. The files that name a target are a few hundred bytes; a bigger one is not a deploy setting worth parsing
    /// on every commit, and refusing it keeps the check's cost bounded whatever is committed.
    /// </summary>
    public const int MaxBytes = 1 << 20;

    public static string TooLarge(int length) => $"is {length} bytes; a file naming the deploy target over {MaxBytes} bytes is not read";

    /// <summary>The bytes after a UTF-8 byte-order mark, if there is one.</summary>
    public static ReadOnlySpan<byte> WithoutBom(byte[] content) =>
        content.AsSpan().StartsWith("\uFEFF"u8) ? content.AsSpan(3) : content;

    /// <summary>The text (invalid UTF-8 becomes U+FFFD, which no pattern of a reader matches).</summary>
    public static string Decode(byte[] content) => Encoding.UTF8.GetString(WithoutBom(content));

    /// <summary>The text's lines with their 1-based numbers, CR LF or LF ended, each without its line ending.</summary>
    public static IEnumerable<(int Line, string Text)> Lines(string text)
    {
        var number = 0;
        foreach (var line in text.Split('\n'))
        {
            number++;
            yield return (number, line.EndsWith('\r') ? line[..^1] : line);
        }
    }
}
