using System.Text.Json.Nodes;

namespace HookGuard.Tests.Packaging;

/// <summary>
/// One batch of generated cases and packaging's answers to them, from the modern reference (packaging 24.1,
/// which HookGuard follows) and the older one (packaging 21.3), computed once per test class.
/// </summary>
internal sealed class DifferentialAnswers
{
    public JsonObject Cases { get; }
    public JsonObject Modern { get; }
    public JsonObject Older { get; }

    public DifferentialAnswers(JsonObject cases)
    {
        Cases = cases;
        var modern = ReferencePython.Modern;
        var older = ReferencePython.Older;
        // Both interpreters at once: the two processes overlap.
        var modernAnswers = Task.Run(() => modern.Answer((JsonObject)cases.DeepClone()));
        var olderAnswers = Task.Run(() => older.Answer((JsonObject)cases.DeepClone()));
        Modern = modernAnswers.Result;
        Older = olderAnswers.Result;
        if ((string?)Modern["packaging"] != ReferencePython.ModernPackaging || (string?)Older["packaging"] != ReferencePython.OlderPackaging)
            throw new InvalidOperationException($"Unexpected reference versions {Modern["packaging"]} / {Older["packaging"]}.");
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
}

/// <summary>Collects mismatches so that one failing run reports many of them at once.</summary>
internal sealed class Mismatches(string what)
{
    private readonly List<string> _items = [];
    public int Count => _items.Count;

    public void Add(string description) => _items.Add(description);

    public void AssertNone(int checkedCases)
    {
        Assert.True(checkedCases > 0, $"No {what} case was checked.");
        Assert.True(_items.Count == 0,
            $"{_items.Count} of {checkedCases} {what} cases differ from packaging:\n" + string.Join("\n", _items.Take(40)));
    }
}
