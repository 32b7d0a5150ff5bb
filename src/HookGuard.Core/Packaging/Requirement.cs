namespace HookGuard.Core.Packaging;

/// <summary>
/// A PEP 508 dependency specification: <c>name[extras] (specifier | @ url) ; marker</c>
/// (https://peps.python.org/pep-0508/), parsed as <c>packaging.requirements.Requirement</c> (packaging 24.1) does.
/// </summary>
public sealed record Requirement(
    string Name,
    IReadOnlyList<string> Extras,
    SpecifierSet Specifier,
    string? Url,
    Marker? Marker)
{
    /// <summary>The PEP 503 normalized name.</summary>
    public string NormalizedName => PackageName.Normalize(Name);

    /// <summary>Parses or throws <see cref="PackagingFormatException"/>.</summary>
    public static Requirement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // "name==1.2.3" and its kin, most lines of most files: recognized without the tokenizer, with the same answer.
        return SimpleRequirementSyntax.TryParse(text) ?? ParseWithGrammar(text);
    }

    /// <summary><see cref="Parse"/> by packaging's full grammar, whatever the text (what the fast path must agree with).</summary>
    internal static Requirement ParseWithGrammar(string text)
    {
        var parsed = DependencyParser.ParseRequirement(text);
        // packaging keeps extras as a set; we keep the first spelling of each, in the order written.
        var extras = parsed.Extras.Distinct(StringComparer.Ordinal).ToArray();
        var marker = parsed.Marker is null ? null : Marker.FromParsed(text[parsed.MarkerStart..].Trim(' ', '\t', '\n'), parsed.Marker);
        return new Requirement(
            parsed.Name,
            extras,
            parsed.Specifier.Length == 0 ? SpecifierSet.Any : SpecifierSet.Parse(parsed.Specifier),
            parsed.Url.Length == 0 ? null : parsed.Url,
            marker);
    }
}
