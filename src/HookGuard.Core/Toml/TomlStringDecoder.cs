using System.Buffers;
using System.Text;

namespace HookGuard.Core.Toml;

/// <summary>
/// Turns the validated bytes between a string's quotes into its text: TOML 1.0 "String"
/// (https://toml.io/en/v1.0.0#string) escapes, the line-ending backslash, and CRLF read as LF (which the spec allows:
/// "TOML parsers should feel free to normalize newline to whatever makes sense for their platform").
/// </summary>
internal static class TomlStringDecoder
{
    private const int StackLimit = 512;

    public static string Decode(ReadOnlySpan<byte> raw, TomlStringForm form)
    {
        if (form == TomlStringForm.Verbatim)
        {
            return Encoding.UTF8.GetString(raw);
        }

        // Every escape is at least as long as the UTF-8 of what it stands for, so the output never outgrows the input.
        byte[]? rented = null;
        var buffer = raw.Length <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            var length = form == TomlStringForm.MultiLineLiteral ? DropCarriageReturns(raw, buffer) : Unescape(raw, buffer);
            return Encoding.UTF8.GetString(buffer[..length]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static int DropCarriageReturns(ReadOnlySpan<byte> raw, Span<byte> output)
    {
        var written = 0;
        foreach (var b in raw)
        {
            // The parser only lets a CR through as the first half of CRLF.
            if (b != (byte)'\r')
            {
                output[written++] = b;
            }
        }

        return written;
    }

    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> output)
    {
        var written = 0;
        var i = 0;
        while (i < raw.Length)
        {
            var next = raw[i..].IndexOfAny((byte)'\\', (byte)'\r');
            if (next < 0)
            {
                raw[i..].CopyTo(output[written..]);
                return written + raw.Length - i;
            }

            raw.Slice(i, next).CopyTo(output[written..]);
            written += next;
            i += next;
            if (raw[i] == (byte)'\r')
            {
                i++;
                continue;
            }

            var escape = raw[i + 1];
            i += 2;
            switch (escape)
            {
                case (byte)'b': output[written++] = 0x08; break;
                case (byte)'t': output[written++] = 0x09; break;
                case (byte)'n': output[written++] = 0x0A; break;
                case (byte)'f': output[written++] = 0x0C; break;
                case (byte)'r': output[written++] = 0x0D; break;
                case (byte)'"': output[written++] = 0x22; break;
                case (byte)'\\': output[written++] = 0x5C; break;
                case (byte)'u':
                    written += WriteScalar(Hex(raw.Slice(i, 4)), output[written..]);
                    i += 4;
                    break;
                case (byte)'U':
                    written += WriteScalar(Hex(raw.Slice(i, 8)), output[written..]);
                    i += 8;
                    break;
                default:
                    // A line-ending backslash: whitespace, the newline and every blank after it are dropped.
                    while (i < raw.Length && raw[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
                    {
                        i++;
                    }

                    break;
            }
        }

        return written;
    }

    private static int Hex(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        foreach (var digit in digits)
        {
            value = (value << 4) | TomlParser.HexValue(digit);
        }

        return value;
    }

    private static int WriteScalar(int scalar, Span<byte> output) =>
        new Rune(scalar).EncodeToUtf8(output);
}
