namespace HookGuard.Core.Packaging;

/// <summary>A comma-separated PEP 440 specifier set such as <c>&gt;=1.0,!=1.3.*</c>. CONTRACT.</summary>
public sealed class SpecifierSet
{
    /// <summary>The empty set: accepts every version.</summary>
    public static SpecifierSet Any { get; } = new("");

    public string Text { get; }
    private SpecifierSet(string text) => Text = text;

    /// <summary>Parses or throws <see cref="PackagingFormatException"/>.</summary>
    public static SpecifierSet Parse(string text) => throw new NotImplementedException();

    /// <summary>
    /// Whether <paramref name="version"/> (as installed; may be a legacy, non-PEP 440 string) satisfies every
    /// specifier. Installed pre-releases are accepted, as pip accepts what is already installed.
    /// </summary>
    public bool Contains(string version) => throw new NotImplementedException();

    /// <summary>The single version this set pins with <c>==V</c> or <c>===V</c>, if it is an exact pin.</summary>
    public string? ExactPin => throw new NotImplementedException();

    public bool IsEmpty => Text.Length == 0;
    public override string ToString() => Text;
}
