using System.Text;
using System.Text.Json.Nodes;

namespace HookGuard.Tests.Toml;

/// <summary>
/// Thousands of generated documents and their mutations parse as tomllib (Python 3.13) parses them: the same value
/// tree, the same verdict, and for an invalid document the same line (within the tolerance TomlDifferential explains).
/// </summary>
public sealed class TomlDifferentialSpecs
{
    [Fact]
    public void Generated_documents_and_their_mutations_parse_as_tomllib_parses_them()
    {
        // Arrange
        var generator = new GeneratedTomlDocuments(seed: 20240601);
        var documents = new Dictionary<string, string>();
        for (var i = 0; i < 2000; i++)
        {
            var document = generator.Document();
            documents[$"doc-{i}"] = document;
            documents[$"doc-{i}-mutated"] = generator.Mutate(document);
            if (i % 2 == 0)
            {
                documents[$"doc-{i}-mutated-twice"] = generator.Mutate(generator.Mutate(document));
            }
        }

        var cases = new JsonObject();
        foreach (var (name, text) in documents)
        {
            cases[name] = new JsonObject { ["text"] = text };
        }

        // Act
        var answers = ReferenceTomllib.Python313.Answer(cases);

        // Assert
        var disagreements = documents
            .Select(pair => TomlDifferential.Disagreement(pair.Key, Encoding.UTF8.GetBytes(pair.Value), answers[pair.Key]!))
            .OfType<string>()
            .ToList();
        var valid = documents.Keys.Count(name => answers[name]!["ok"]!.GetValue<bool>());
        var invalid = documents.Count - valid;
        // Both verdicts must be well represented, or the generator has stopped testing one of them.
        Assert.True(valid > 1000 && invalid > 1000, $"{valid} valid and {invalid} invalid documents");
        Assert.True(disagreements.Count == 0, $"{disagreements.Count} of {documents.Count} disagree:\n\n" + string.Join("\n\n", disagreements.Take(8)));
    }
}
