using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Toml;

/// <summary>Parses TOML text into <see cref="TomlNode"/>s that keep their lines.</summary>
public static class TomlDocument
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses UTF-8 <paramref name="content"/> (a BOM is skipped); <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DeclarationFileError">Not valid UTF-8 or not valid TOML, with the line of the first problem.</exception>
    public static TomlTable Parse(string file, ReadOnlySpan<byte> content) =>
        // The nodes keep their strings as places in these bytes, so they need a copy that outlives the caller's span.
        Parse(file, content.ToArray());

    /// <summary>
    /// Parses UTF-8 <paramref name="content"/> in place (a BOM is skipped): the strings of the result decode from this
    /// array when read, so the caller must not change it afterwards. Values that <paramref name="unread"/> names are
    /// checked and dropped.
    /// </summary>
    /// <exception cref="DeclarationFileError">Not valid UTF-8 or not valid TOML, with the line of the first problem.</exception>
    public static TomlTable Parse(string file, byte[] content, TomlUnreadValues? unread = null)
    {
        // TOML 1.0: "A TOML file must be a valid UTF-8 encoded Unicode document." Checked once, vectorized, so that the
        // parser can look at bytes only and strings can be decoded later without a failure path.
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            throw new DeclarationFileError(new SourceLocation(file, InvalidUtf8.LineOfFirst(content)), "not valid TOML: the file is not UTF-8");
        }

        return TomlParser.Parse(file, content, content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0, unread);
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DeclarationFileError">Not valid TOML (or holding a lone surrogate), with the line of the first problem.</exception>
    public static TomlTable Parse(string file, string text)
    {
        byte[] bytes;
        try
        {
            bytes = StrictUtf8.GetBytes(text);
        }
        catch (EncoderFallbackException error)
        {
            var line = text.AsSpan(0, Math.Min(error.Index, text.Length)).Count('\n') + 1;
            throw new DeclarationFileError(new SourceLocation(file, line), "not valid TOML: the text holds a lone UTF-16 surrogate");
        }

        return TomlParser.Parse(file, bytes, bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0);
    }
}
