using System.Text.Json.Nodes;

namespace HookGuard.Tests.Toml;

/// <summary>
/// Every document of CPython's own tomllib test data (<c>Lib/test/test_tomllib/data</c>, read from the installed Python
/// 3.13 at test time, never copied here) parses as tomllib parses it, under Python 3.13 and 3.11 alike.
/// </summary>
public sealed class CPythonTomllibDataSpecs
{
    [Theory]
    [InlineData("valid", "3.13")]
    [InlineData("invalid", "3.13")]
    [InlineData("valid", "3.11")]
    [InlineData("invalid", "3.11")]
    public void Every_test_document_of_tomllib_parses_as_tomllib_parses_it(string kind, string python)
    {
        // Arrange
        var reference = python == "3.13" ? ReferenceTomllib.Python313 : ReferenceTomllib.Python311;
        var directory = ReferenceTomllib.CPythonTestData(kind);
        var files = Directory.GetFiles(directory, "*.toml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} documents under {directory}");
        var cases = new JsonObject();
        foreach (var file in files)
        {
            cases[Path.GetRelativePath(directory, file)] = new JsonObject { ["path"] = file };
        }

        // Act
        var answers = reference.Answer(cases);

        // Assert
        var disagreements = files
            .Select(file => TomlDifferential.Disagreement(Path.GetRelativePath(directory, file), File.ReadAllBytes(file), answers[Path.GetRelativePath(directory, file)]!))
            .OfType<string>()
            .ToList();
        Assert.All(files, file => Assert.Equal(kind == "valid", answers[Path.GetRelativePath(directory, file)]!["ok"]!.GetValue<bool>()));
        Assert.True(disagreements.Count == 0, string.Join("\n\n", disagreements));
    }
}
