using System.Text;
using CsCheck;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// Inputs a parser must survive: random bytes, and valid documents mangled by a few mutations (bytes overwritten,
/// ranges deleted or doubled, truncation, and tokens that matter to the formats: quotes, brackets, line breaks,
/// continuations, NUL, ESC, invalid UTF-8, byte-order marks). Mutations are generated values, so CsCheck shrinks a
/// failing input to its fewest, smallest mutations.
/// </summary>
internal static class HostileBytes
{
    private static readonly byte[][] Tokens =
    [
        .. new[]
        {
            "\"", "'", "[", "]", "{", "}", "=", ",", ".", "#", ";", "@", ":", "\\", "\n", "\r\n", "\r", "\t", " ", "\0",
            "\u001b[31m", "\u0007", "\u0085", "\u2028", "é", "\"\"\"", "'''", "[[", "]]", "==", "~=", "-r ", "-e ", "--hash=",
            "${A}", "\\\n", "\"\":", "null", "true", "1e999", "-", "+", "0x", "\uFEFF", "Name: ", "\n\n", "<", ">", "!", "*",
        }.Select(Encoding.UTF8.GetBytes),
        [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xFE, 0xFF], [0xFF, 0xFE], [0xF4, 0x90, 0x80, 0x80],
    ];

    private sealed record Mutation(int Kind, int Position, int Length, byte[] Payload);

    private static readonly Gen<Mutation> AnyMutation = Gen.Select(
        Gen.Int[0, 5], Gen.Int[0, int.MaxValue], Gen.Int[1, 64],
        Gen.OneOf(Gen.OneOf(Tokens), Gen.Byte.Array[1, 4]),
        (kind, position, length, payload) => new Mutation(kind, position, length, payload));

    /// <summary>Random bytes, or one of <paramref name="seeds"/> after one to eight mutations.</summary>
    public static Gen<byte[]> From(params byte[][] seeds) => Gen.Frequency(
        (1, Gen.Byte.Array[0, 256]),
        (1, Gen.OneOf(Tokens).Array[0, 40].Select(parts => parts.SelectMany(b => b).ToArray())),
        (6, Gen.Select(Gen.OneOf(seeds), AnyMutation.Array[1, 8], Mutate)));

    /// <summary>The same, decoded as UTF-8 (invalid sequences become U+FFFD), for parsers that take text.</summary>
    public static Gen<string> TextFrom(params string[] seeds) =>
        From(seeds.Select(Encoding.UTF8.GetBytes).ToArray()).Select(bytes => Encoding.UTF8.GetString(bytes));

    private static byte[] Mutate(byte[] seed, Mutation[] mutations)
    {
        var bytes = new List<byte>(seed);
        foreach (var mutation in mutations)
        {
            var at = bytes.Count == 0 ? 0 : mutation.Position % (bytes.Count + 1);
            var length = Math.Min(mutation.Length, bytes.Count - at);
            switch (mutation.Kind)
            {
                case 0 when at < bytes.Count:
                    bytes[at] = mutation.Payload[0];
                    break;
                case 1 or 5:
                    bytes.InsertRange(at, mutation.Payload);
                    break;
                case 2:
                    bytes.RemoveRange(at, length);
                    break;
                case 3:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
                case 4:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
            }
        }
        return [.. bytes];
    }
}
