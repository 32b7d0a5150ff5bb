using System.Text;
using System.Text.RegularExpressions;

namespace HookGuard.Core.Requirements;

/// <summary>
/// How a requirements file's bytes became text, kept so an editor can write the file back the same way:
/// the Python codec name pip used, and the byte-order mark that preceded the text (empty when none).
/// </summary>
public sealed partial record RequirementFileEncoding
{
    /// <summary>The Python codec name, as pip's <c>auto_decode</c> chose it (for example <c>utf-8</c>, <c>utf-16-le</c>, <c>latin-1</c>).</summary>
    public string Name { get; }

    /// <summary>The byte-order mark the file started with; empty when there was none.</summary>
    public IReadOnlyList<byte> Bom { get; }

    private readonly Encoding _encoding;

    private RequirementFileEncoding(string name, byte[] bom, Encoding encoding)
    {
        Name = name;
        Bom = bom;
        _encoding = encoding;
    }

    /// <summary>Plain UTF-8 without a byte-order mark: what pip assumes on a UTF-8 locale.</summary>
    public static RequirementFileEncoding Utf8 { get; } = new("utf-8", [], Strict(new UTF8Encoding(false, true)));

    // The order matters and mirrors pip/_internal/utils/encoding.py BOMS: codecs.BOM_UTF16 is the native
    // (little-endian) mark, so it is tried before BOM_UTF32 and a UTF-32-LE file is read as UTF-16, as pip does.
    private static readonly (byte[] Bom, string Name, Func<Encoding> Encoding)[] Boms =
    [
        ([0xEF, 0xBB, 0xBF], "utf-8", () => new UTF8Encoding(false, true)),
        ([0xFF, 0xFE], "utf-16", () => new UnicodeEncoding(false, false, true)),
        ([0xFE, 0xFF], "utf-16-be", () => new UnicodeEncoding(true, false, true)),
        ([0xFF, 0xFE], "utf-16-le", () => new UnicodeEncoding(false, false, true)),
        ([0xFF, 0xFE, 0x00, 0x00], "utf-32", () => new UTF32Encoding(false, false, true)),
        ([0x00, 0x00, 0xFE, 0xFF], "utf-32-be", () => new UTF32Encoding(true, false, true)),
        ([0xFF, 0xFE, 0x00, 0x00], "utf-32-le", () => new UTF32Encoding(false, false, true)),
    ];

    /// <summary>
    /// Decodes as pip's <c>auto_decode</c>: a byte-order mark first, then a PEP 263 <c>coding:</c> comment in
    /// the first two lines, else UTF-8 (the locale encoding pip falls back to on every supported set-up).
    /// </summary>
    /// <exception cref="RequirementFileError">The bytes are not valid in the detected encoding, or the codec is unknown.</exception>
    public static (string Text, RequirementFileEncoding Encoding) Decode(ReadOnlySpan<byte> data, string file)
    {
        foreach (var (bom, name, make) in Boms)
        {
            if (data.StartsWith(bom))
            {
                var encoding = new RequirementFileEncoding(name, bom, Strict(make()));
                return (encoding.DecodeBody(data[bom.Length..], file), encoding);
            }
        }

        var declared = DeclaredCoding(data);
        if (declared is not null)
        {
            var encoding = FromPythonCodecName(declared)
                ?? throw new RequirementFileError(new SourceLocation(file, 1), $"unknown encoding '{declared}' in the coding: comment");
            return (encoding.DecodeBody(data, file), encoding);
        }

        return (Utf8.DecodeBody(data, file), Utf8);
    }

    /// <summary>Encodes text back into bytes, byte-order mark first.</summary>
    /// <exception cref="EncoderFallbackException">The text holds a character this encoding cannot represent.</exception>
    public byte[] Encode(string text)
    {
        var body = _encoding.GetBytes(text);
        var result = new byte[Bom.Count + body.Length];
        for (var i = 0; i < Bom.Count; i++) result[i] = Bom[i];
        body.CopyTo(result, Bom.Count);
        return result;
    }

    /// <summary>Whether every character of <paramref name="text"/> can be written in this encoding.</summary>
    public bool CanEncode(string text)
    {
        try
        {
            _encoding.GetByteCount(text);
            return true;
        }
        catch (EncoderFallbackException)
        {
            return false;
        }
    }

    private string DecodeBody(ReadOnlySpan<byte> body, string file)
    {
        try
        {
            var text = _encoding.GetString(body);
            // Python's "utf-16"/"utf-32" codecs consume one more byte-order mark if the body starts with one.
            if (Name is "utf-16" or "utf-32" && text.StartsWith('\uFEFF')) text = text[1..];
            return text;
        }
        catch (DecoderFallbackException)
        {
            throw new RequirementFileError(new SourceLocation(file, 1), $"the file is not valid {Name} text");
        }
    }

    // pip: ENCODING_RE = re.compile(rb"coding[:=]\s*([-\w.]+)"), looked for in the first two lines that start with '#'.
    private static string? DeclaredCoding(ReadOnlySpan<byte> data)
    {
        var lineStart = 0;
        for (var lineIndex = 0; lineIndex < 2 && lineStart <= data.Length; lineIndex++)
        {
            var rest = data[lineStart..];
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            if (line.Length > 0 && line[0] == (byte)'#')
            {
                var match = CodingComment().Match(Encoding.Latin1.GetString(line));
                if (match.Success) return match.Groups[1].Value;
            }
            if (newline < 0) break;
            lineStart += newline + 1;
        }
        return null;
    }

    [GeneratedRegex(@"coding[:=][ \t\n\r\f\v]*([-A-Za-z0-9_.]+)")]
    private static partial Regex CodingComment();

    /// <summary>The codecs a requirements file realistically declares, by Python's codec names and aliases.</summary>
    private static RequirementFileEncoding? FromPythonCodecName(string declared)
    {
        // Python normalizes codec names: lower case, '-' and ' ' become '_'.
        var key = declared.ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        Encoding? encoding = key switch
        {
            "utf_8" or "utf8" or "u8" or "utf" or "cp65001" => new UTF8Encoding(false, true),
            "utf_8_sig" => new UTF8Encoding(false, true),
            "latin_1" or "latin1" or "latin" or "l1" or "iso_8859_1" or "iso8859_1" or "8859" or "cp819" or "iso_ir_100" => Encoding.Latin1,
            "ascii" or "us_ascii" or "646" or "us" => Encoding.ASCII,
            "utf_16" or "utf16" => new UnicodeEncoding(false, false, true),
            "utf_16_le" or "utf_16le" => new UnicodeEncoding(false, false, true),
            "utf_16_be" or "utf_16be" => new UnicodeEncoding(true, false, true),
            "utf_32" or "utf32" or "utf_32_le" or "utf_32le" => new UTF32Encoding(false, false, true),
            "utf_32_be" or "utf_32be" => new UTF32Encoding(true, false, true),
            _ => null,
        };
        return encoding is null ? null : new RequirementFileEncoding(declared, [], Strict(encoding));
    }

    // UTF encodings above are built throwing; single-byte ones get exception fallbacks so that decoding is as
    // strict as Python's and an unrepresentable character is refused on the way back.
    private static Encoding Strict(Encoding encoding) => encoding is UTF8Encoding or UnicodeEncoding or UTF32Encoding
        ? encoding
        : Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
}
