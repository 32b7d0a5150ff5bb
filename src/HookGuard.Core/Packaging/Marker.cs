namespace HookGuard.Core.Packaging;

/// <summary>A parsed PEP 508 environment marker expression. CONTRACT.</summary>
public sealed class Marker
{
    public string Text { get; }
    private Marker(string text) => Text = text;

    /// <summary>Parses or throws <see cref="PackagingFormatException"/>.</summary>
    public static Marker Parse(string text) => throw new NotImplementedException();

    /// <summary>Evaluates as pip's vendored <c>packaging</c> does; <paramref name="extra"/> is the extra being resolved, if any.</summary>
    public bool Evaluate(MarkerEnvironment environment, string? extra = null) => throw new NotImplementedException();

    public override string ToString() => Text;
}
