namespace HookGuard.Core.Toml;

/// <summary>
/// The UTF-8 bytes of one parsed document, shared by the strings and dates read from it so that they decode only when a
/// reader asks for their text (most of a lock file, hashes and URLs, is never read).
/// </summary>
internal sealed class TomlSource(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;
}

/// <summary>What decoding a string's bytes takes; the parser has already checked that they are valid.</summary>
internal enum TomlStringForm : byte
{
    /// <summary>The bytes are the text: a literal string, or a basic string without escapes or CRLF.</summary>
    Verbatim,

    /// <summary>A one-line basic string with backslash escapes.</summary>
    Escaped,

    /// <summary>A multi-line basic string with escapes, line-ending backslashes or CRLF.</summary>
    MultiLineEscaped,

    /// <summary>A multi-line literal string with CRLF line ends, read as LF.</summary>
    MultiLineLiteral,
}
