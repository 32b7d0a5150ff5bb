using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Toml;

/// <summary>
/// Values a reader never reads (<see cref="TomlUnreadValues"/>) are checked as strictly as the rest and leave everything
/// else as a full parse leaves it: the same verdict, the same error at the same line, the same tree but for the unread
/// values, each of which keeps its line and kind. The full parse is the reference here (it is tomllib's double in
/// <see cref="TomlDifferentialSpecs"/>).
/// </summary>
public sealed class TomlUnreadValuesSpecs
{
    // The generator's tables and keys (GeneratedTomlDocuments.KeyPool, decoded), unread in as many places as possible.
    // (A table path is split at its dots, so the pool's 'lit.eral' cannot be named, nor can "é k" in a path of two.)
    private static readonly TomlUnreadValues Everywhere = new(
        ("", null), ("a", null), ("b", null), ("c", "a"), ("c", "name"), ("name", null), ("x-y", null), ("1", null),
        ("é k", null), ("", null), ("tab\tkey", null), ("a.b", null), ("b.a", "c"), ("a.a", null), ("name.b", "b"));

    [Fact]
    public void Generated_documents_and_their_mutations_read_as_a_full_parse_reads_them_but_for_the_unread_values()
    {
        // Arrange
        var generator = new GeneratedTomlDocuments(seed: 20261202);
        var documents = new List<string>();
        for (var i = 0; i < 3000; i++)
        {
            var document = generator.Document();
            documents.Add(document);
            documents.Add(generator.Mutate(document));
        }

        // Act
        var outcomes = documents.Select(text => Compare(Encoding.UTF8.GetBytes(text))).ToList();

        // Assert
        var disagreements = outcomes.Where(outcome => outcome.Disagreement is not null).Select(outcome => outcome.Disagreement).ToList();
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {documents.Count} disagree:\n\n" + string.Join("\n\n", disagreements.Take(6)));
        // The spec must exercise both sides: many valid documents with unread values, many invalid ones.
        var withUnread = outcomes.Count(outcome => outcome.UnreadValues > 0);
        Assert.True(withUnread > 600, $"only {withUnread} documents had an unread value");
        Assert.True(outcomes.Count(outcome => outcome.Refused) > 1000, "too few invalid documents");
    }

    [Theory]
    [InlineData("[[package]]\nname = \"a\"\nwheels = [{ url = \"x\\q\" }]\n", 3, "'\\q' is not an escape")]
    [InlineData("[[package]]\nname = \"a\"\nwheels = [{ url = \"x\", url = \"y\" }]\n", 3, "duplicate key")]
    [InlineData("[[package]]\nname = \"a\"\nwheels = [{ size = 9223372036854775808 }]\n", 3, "does not fit in 64 bits")]
    [InlineData("[[package]]\nname = \"a\"\nwheels = [{ time = 2023-02-29 }]\n", 3, "not a date on the calendar")]
    [InlineData("[[package]]\nname = \"a\"\nwheels = [\n  { url = \"x\" }\n  { url = \"y\" },\n]\n", 5, "expected ',' or ']'")]
    [InlineData("[[package]]\nname = \"a\"\nsdist = { url = \"x\",\n  hash = \"y\" }\n", 3, "expected a key")]
    [InlineData("[[package]]\nname = \"a\"\nwheels = [1]\nwheels = [2]\n", 4, "duplicate key 'wheels' (first defined on line 3)")]
    [InlineData("[[package]]\nwheels = []\n[package.wheels]\n", 3, "'package.wheels' is already an array")]
    [InlineData("[[package]]\nwheels = [{ a = { b = { c = [\"\u0001\"] } } }]\n", 2, "is not allowed in a string")]
    public void A_fault_inside_an_unread_value_is_the_error_a_full_parse_gives(string text, int line, string reason)
    {
        // Arrange
        var bytes = Encoding.UTF8.GetBytes(text);
        var unread = new TomlUnreadValues(("package", "wheels"), ("package", "sdist"));

        // Act
        var full = Assert.Throws<DeclarationFileError>(() => TomlDocument.Parse("uv.lock", bytes));
        var skipping = Assert.Throws<DeclarationFileError>(() => TomlDocument.Parse("uv.lock", bytes, unread));

        // Assert
        Assert.Equal(full.Location, skipping.Location);
        Assert.Equal(full.Reason, skipping.Reason);
        Assert.Equal(line, skipping.Location.Line);
        Assert.Contains(reason, skipping.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[package]]\nwheels = [{ hashes =")]
    [InlineData("[[package]]\nwheels = [{ hashes = ")]
    [InlineData("[[package]]\nwheels =")]
    public void An_unread_value_cut_off_by_the_end_of_the_file_is_an_error_at_its_line(string text)
    {
        // Found by the fuzzer: the skipping pass read past the end of the bytes (IndexOutOfRangeException).
        var bytes = Encoding.UTF8.GetBytes(text);

        var error = Assert.Throws<DeclarationFileError>(() => TomlDocument.Parse("uv.lock", bytes, new TomlUnreadValues(("package", "wheels"))));

        Assert.Equal(2, error.Location.Line);
    }

    [Fact]
    public void Dotted_keys_inside_an_unread_inline_table_are_valid_TOML_and_read_as_such()
    {
        // Arrange: the skipping pass leaves dotted keys to the full pass, which must then accept the document.
        var bytes = Encoding.UTF8.GetBytes("[[package]]\nname = \"a\"\nwheels = [{ a.b = 1, a.c = 2 }]\n");

        // Act
        var document = TomlDocument.Parse("uv.lock", bytes, new TomlUnreadValues(("package", "wheels")));

        // Assert
        var package = (TomlTable)((TomlArray)document["package"]!).Items[0];
        Assert.Equal("a", ((TomlString)package["name"]!).Value);
        Assert.IsType<TomlArray>(package["wheels"]);
    }

    [Fact]
    public void A_lock_of_many_wheels_is_read_with_a_fraction_of_the_allocations()
    {
        // Arrange: the shape of a uv.lock, whose wheels are most of its bytes.
        var text = new StringBuilder();
        for (var i = 0; i < 300; i++)
        {
            text.Append($"[[package]]\nname = \"p{i}\"\nversion = \"1.0\"\nsource = {{ registry = \"https://pypi.org/simple\" }}\n");
            text.Append($"sdist = {{ url = \"https://files/p{i}.tar.gz\", hash = \"sha256:{new string('a', 64)}\", size = 1234 }}\nwheels = [\n");
            for (var w = 0; w < 6; w++)
            {
                text.Append($"    {{ url = \"https://files/p{i}-{w}.whl\", hash = \"sha256:{new string('b', 64)}\", size = 99, upload-time = 2024-05-01T12:00:00Z }},\n");
            }

            text.Append("]\n\n");
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        var unread = new TomlUnreadValues(("package", "sdist"), ("package", "wheels"));
        TomlDocument.Parse("uv.lock", bytes);
        TomlDocument.Parse("uv.lock", bytes, unread);

        // Act
        var before = GC.GetAllocatedBytesForCurrentThread();
        var full = TomlDocument.Parse("uv.lock", bytes);
        var fullBytes = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        var skipping = TomlDocument.Parse("uv.lock", bytes, unread);
        var skippingBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        // Assert
        Assert.Null(Compare(full, skipping, "$"));
        Assert.True(skippingBytes * 4 < fullBytes, $"unread values allocated {skippingBytes} bytes, a full parse {fullBytes}");
    }

    private sealed record Outcome(string? Disagreement, int UnreadValues, bool Refused);

    private static Outcome Compare(byte[] document)
    {
        TomlTable? full = null, skipping = null;
        DeclarationFileError? fullError = null, skippingError = null;
        try
        {
            full = TomlDocument.Parse("doc.toml", document);
        }
        catch (DeclarationFileError error)
        {
            fullError = error;
        }

        try
        {
            skipping = TomlDocument.Parse("doc.toml", document, Everywhere);
        }
        catch (DeclarationFileError error)
        {
            skippingError = error;
        }

        var shown = Encoding.UTF8.GetString(document);
        if (fullError is not null || skippingError is not null)
        {
            var same = fullError is not null && skippingError is not null
                       && fullError.Location == skippingError.Location && fullError.Reason == skippingError.Reason;
            return new Outcome(same ? null : $"full: {fullError?.Message ?? "accepted"}\nskipping: {skippingError?.Message ?? "accepted"}\n{shown}", 0, true);
        }

        var disagreement = Compare(full!, skipping!, "$");
        return new Outcome(disagreement is null ? null : $"{disagreement}\n{shown}", CountUnread(skipping!), false);
    }

    /// <summary>Null when <paramref name="skipping"/> is <paramref name="full"/> with some values replaced by their stand-ins.</summary>
    private static string? Compare(TomlNode full, TomlNode skipping, string path)
    {
        if (full.Line != skipping.Line)
        {
            return $"{path}: line {full.Line} in the full parse, {skipping.Line} skipping";
        }

        switch (full, skipping)
        {
            case (_, TomlUnread unread):
                return unread.Kind == full.Kind ? null : $"{path}: {full.Kind} stands in as {unread.Kind}";
            case (TomlTable fullTable, TomlTable skippingTable):
                if (!fullTable.Entries.Select(entry => entry.Key).SequenceEqual(skippingTable.Entries.Select(entry => entry.Key)))
                {
                    return $"{path}: keys differ";
                }

                return fullTable.Entries.Zip(skippingTable.Entries)
                    .Select(pair => Compare(pair.First.Value, pair.Second.Value, $"{path}.{pair.First.Key}"))
                    .FirstOrDefault(difference => difference is not null);
            case (TomlArray fullArray, TomlArray skippingArray):
                return fullArray.Items.Count != skippingArray.Items.Count
                    ? $"{path}: {fullArray.Items.Count} items in the full parse, {skippingArray.Items.Count} skipping"
                    : fullArray.Items.Zip(skippingArray.Items)
                        .Select((pair, i) => Compare(pair.First, pair.Second, $"{path}[{i}]"))
                        .FirstOrDefault(difference => difference is not null);
            default:
                var (a, b) = (TomlCanonical.Of(full), TomlCanonical.Of(skipping));
                return System.Text.Json.Nodes.JsonNode.DeepEquals(a, b) ? null : $"{path}: {a.ToJsonString()} vs {b.ToJsonString()}";
        }
    }

    private static int CountUnread(TomlNode node) => node switch
    {
        TomlUnread => 1,
        TomlTable table => table.Entries.Sum(entry => CountUnread(entry.Value)),
        TomlArray array => array.Items.Sum(CountUnread),
        _ => 0,
    };
}
