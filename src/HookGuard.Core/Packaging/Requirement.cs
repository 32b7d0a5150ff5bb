namespace HookGuard.Core.Packaging;

/// <summary>A PEP 508 dependency specification: <c>name[extras] (specifier | @ url) ; marker</c>. CONTRACT.</summary>
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
    public static Requirement Parse(string text) => throw new NotImplementedException();
}
