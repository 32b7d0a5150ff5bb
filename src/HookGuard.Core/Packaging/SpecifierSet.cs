namespace HookGuard.Core.Packaging;

/// <summary>
/// A comma-separated PEP 440 specifier set such as <c>&gt;=1.0,!=1.3.*</c>, with the rules of
/// <c>packaging.specifiers.SpecifierSet</c> (packaging 24.1).
/// </summary>
public sealed class SpecifierSet
{
    /// <summary>The empty set: accepts every version.</summary>
    public static SpecifierSet Any { get; } = new("", []);

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>The specifiers, in the order written (duplicates kept; they do not change the meaning).</summary>
    public IReadOnlyList<Specifier> Specifiers { get; }

    private SpecifierSet(string text, Specifier[] specifiers)
    {
        Text = text;
        Specifiers = specifiers;
    }

    /// <summary>Parses or throws <see cref="PackagingFormatException"/>.</summary>
    public static SpecifierSet Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // SpecifierSet.__init__: split on commas, strip, drop empty pieces ("a>=1," is fine).
        // One slot per comma-separated piece, trimmed below if some are empty: no list to grow and copy.
        var specifiers = new Specifier[text.AsSpan().Count(',') + 1];
        var count = 0;
        var start = 0;
        while (start <= text.Length)
        {
            var comma = text.IndexOf(',', start);
            var end = comma < 0 ? text.Length : comma;
            var piece = PythonText.Strip(text[start..end]);
            if (piece.Length > 0)
            {
                var specifier = Specifier.TryParse(piece)
                    ?? throw new PackagingFormatException(
                        $"Invalid specifier: '{piece}'", text, start + LeadingSpace(text, start));
                specifiers[count++] = specifier;
            }
            start = end + 1;
        }
        if (count == 0 && text.Length == 0) return Any;
        return new SpecifierSet(text, count == specifiers.Length ? specifiers : specifiers[..count]);
    }

    private static int LeadingSpace(string text, int start)
    {
        var i = start;
        while (i < text.Length && PythonText.IsSpace(text[i])) i++;
        return i - start;
    }

    /// <summary>
    /// Whether <paramref name="version"/> (as installed; may be a legacy, non-PEP 440 string) satisfies every
    /// specifier. Installed pre-releases are accepted, as pip accepts what is already installed
    /// (<c>SpecifierSet.contains(version, prereleases=True)</c>).
    /// </summary>
    /// <remarks>
    /// packaging 24.1 raises <c>InvalidVersion</c> for a version that is not PEP 440; the hook must not crash on
    /// one, so such a version follows packaging 21.3's <c>LegacyVersion</c> rules instead: only <c>===</c>
    /// (case-insensitive string equality) can match it, and the empty set matches everything.
    /// </remarks>
    public bool Contains(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (Specifiers.Count == 0) return true;
        if (!PythonVersion.TryParse(version, out var parsed))
        {
            foreach (var specifier in Specifiers)
                if (!specifier.ContainsLegacy(version)) return false;
            return true;
        }
        return Contains(parsed!);
    }

    /// <summary>Whether <paramref name="version"/> satisfies every specifier, pre-releases allowed.</summary>
    public bool Contains(PythonVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var specifier in Specifiers)
            if (!specifier.Contains(version)) return false;
        return true;
    }

    /// <summary>
    /// The single version this set pins with <c>==V</c> or <c>===V</c> (no wildcard), if it is exactly one such
    /// specifier; <see langword="null"/> otherwise.
    /// </summary>
    public string? ExactPin =>
        Specifiers is [{ Operator: "==" or "===" } only] && !only.Version.EndsWith(".*", StringComparison.Ordinal)
            ? only.Version
            : null;

    public bool IsEmpty => Specifiers.Count == 0;

    /// <summary>
    /// packaging's <c>str(SpecifierSet)</c>: the specifiers of its frozenset (the first of each group of
    /// equivalent ones, see <see cref="Specifier"/> equality), sorted, joined with commas.
    /// </summary>
    public string Normalized =>
        string.Join(',', Specifiers.DistinctBy(s => s.CanonicalKey).Select(s => s.ToString())
            .OrderBy(s => s, Comparer<string>.Create(PythonText.CompareCodePoints)));

    public override string ToString() => Text;
}
