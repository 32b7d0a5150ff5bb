using System.Numerics;
using System.Text;

namespace HookGuard.Core.Packaging;

/// <summary>
/// A PEP 440 version (https://peps.python.org/pep-0440/), parsed, normalized and ordered exactly as
/// <c>packaging.version.Version</c> (packaging 24.1, vendored by pip 24.2) does.
/// </summary>
/// <remarks>
/// Numbers are kept as canonical digit strings (no leading zeros) so that arbitrarily long
/// components, which Python's <c>int</c> accepts, compare correctly without big-integer arithmetic.
/// </remarks>
public sealed class PythonVersion : IComparable<PythonVersion>, IEquatable<PythonVersion>
{
    private readonly string _epoch;
    private readonly string[] _release;
    private readonly int _significantReleaseLength; // release without trailing zeros, as _cmpkey compares it
    private readonly string? _preLabel;              // "a" | "b" | "rc"
    private readonly string? _preNumber;
    private readonly string? _postLabel;             // "post", unless spelled with a folded letter
    private readonly string? _post;
    private readonly string? _dev;
    private readonly LocalPart[]? _local;
    private string? _normalized;

    /// <summary>The text as written.</summary>
    public string Text { get; }

    private PythonVersion(string text, string epoch, string[] release, string? preLabel, string? preNumber,
        string? postLabel, string? post, string? dev, LocalPart[]? local)
    {
        Text = text;
        _epoch = epoch;
        _release = release;
        _preLabel = preLabel;
        _preNumber = preNumber;
        _postLabel = postLabel;
        _post = post;
        _dev = dev;
        _local = local;
        var significant = release.Length;
        while (significant > 0 && release[significant - 1] == "0") significant--;
        _significantReleaseLength = significant;
    }

    /// <summary>Parses a PEP 440 version; <see langword="false"/> for legacy or malformed versions.</summary>
    public static bool TryParse(string text, out PythonVersion? version)
    {
        version = Create(text);
        return version is not null;
    }

    /// <summary>Parses or throws <see cref="PackagingFormatException"/>.</summary>
    public static PythonVersion Parse(string text) =>
        Create(text) ?? throw new PackagingFormatException($"Invalid version: '{text}'");

    private static PythonVersion? Create(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scanner = new VersionScanner(text);
        if (!scanner.Match()) return null;

        var epoch = scanner.Epoch.IsEmpty ? "0" : PythonText.CanonicalDigits(scanner.Epoch);
        var release = new string[scanner.Release.Count('.') + 1];
        var index = 0;
        foreach (var range in scanner.Release.Split('.'))
            release[index++] = PythonText.CanonicalDigits(scanner.Release[range]);

        // _parse_letter_version: lower-case, then alpha->a, beta->b, c/pre/preview->rc, rev/r->post; a missing
        // number means 0. A label spelled with a letter Python folds (LONG S in "poſt") stays as lowered.
        string? preLabel = null, preNumber = null;
        if (!scanner.PreLabel.IsEmpty)
        {
            preLabel = PythonText.LowerLabel(scanner.PreLabel) switch
            {
                "alpha" => "a",
                "beta" => "b",
                "c" or "pre" or "preview" => "rc",
                var other => other,
            };
            preNumber = NumberOrZero(scanner.PreNumber);
        }

        string? postLabel = null, post = null;
        if (scanner.HasPost)
        {
            postLabel = scanner.PostLabel.IsEmpty ? "post" : PythonText.LowerLabel(scanner.PostLabel) switch
            {
                "rev" or "r" => "post",
                var other => other,
            };
            post = NumberOrZero(scanner.PostNumber);
        }

        var dev = scanner.HasDev ? NumberOrZero(scanner.DevNumber) : null;
        var local = scanner.HasLocal ? ParseLocal(scanner.Local) : null;
        return new PythonVersion(text, epoch, release, preLabel, preNumber, postLabel, post, dev, local);
    }

    private static string NumberOrZero(ReadOnlySpan<char> digits) =>
        digits.IsEmpty ? "0" : PythonText.CanonicalDigits(digits);

    private static LocalPart[] ParseLocal(ReadOnlySpan<char> local)
    {
        // _parse_local_version: split on . _ -, digit-only parts are integers, the rest lower-cased strings.
        var result = new LocalPart[local.Count('.') + local.Count('_') + local.Count('-') + 1];
        var index = 0;
        foreach (var range in local.SplitAny("._-"))
        {
            var part = local[range];
            result[index++] = part.ContainsAnyExcept("0123456789")
                ? new LocalPart(PythonText.LowerLabel(part), IsNumber: false)
                : new LocalPart(PythonText.CanonicalDigits(part), IsNumber: true);
        }
        return result;
    }

    /// <summary>The epoch (<c>N!</c>), 0 when absent.</summary>
    public BigInteger Epoch => BigInteger.Parse(_epoch);

    /// <summary>The release segment, trailing zeros included.</summary>
    public IReadOnlyList<BigInteger> Release => _release.Select(part => BigInteger.Parse(part)).ToArray();

    /// <summary>The normalized pre-release label (<c>a</c>, <c>b</c> or <c>rc</c>) and number, if any.</summary>
    public (string Label, BigInteger Number)? Pre =>
        _preLabel is null ? null : (_preLabel, BigInteger.Parse(_preNumber!));

    /// <summary>The post-release number, if any.</summary>
    public BigInteger? Post => _post is null ? null : BigInteger.Parse(_post);

    /// <summary>The development-release number, if any.</summary>
    public BigInteger? Dev => _dev is null ? null : BigInteger.Parse(_dev);

    /// <summary>The normalized local label (after <c>+</c>), if any.</summary>
    public string? Local => _local is null ? null : string.Join('.', _local.Select(part => part.Text));

    /// <summary>Whether this is a pre- or development release (packaging's <c>is_prerelease</c>).</summary>
    public bool IsPrerelease => _preLabel is not null || _dev is not null;

    /// <summary>Whether this has a post-release segment.</summary>
    public bool IsPostrelease => _post is not null;

    /// <summary>Whether this has a development-release segment.</summary>
    public bool IsDevrelease => _dev is not null;

    internal bool HasLocal => _local is not null;

    /// <summary>The normalized form, as <c>str(Version(...))</c> prints it.</summary>
    public string Normalized => _normalized ??= Format(includeSuffixes: true, includeLocal: true);

    /// <summary>The normalized form without the local label (<c>Version.public</c>).</summary>
    public string Public => Format(includeSuffixes: true, includeLocal: false);

    /// <summary>Epoch and release only (<c>Version.base_version</c>).</summary>
    public string BaseVersion => Format(includeSuffixes: false, includeLocal: false);

    private string Format(bool includeSuffixes, bool includeLocal)
    {
        var builder = new StringBuilder();
        if (_epoch != "0") builder.Append(_epoch).Append('!');
        builder.AppendJoin('.', _release);
        if (includeSuffixes)
        {
            if (_preLabel is not null) builder.Append(_preLabel).Append(_preNumber);
            if (_post is not null) builder.Append(".post").Append(_post);
            if (_dev is not null) builder.Append(".dev").Append(_dev);
        }
        if (includeLocal && _local is not null) builder.Append('+').Append(Local);
        return builder.ToString();
    }

    /// <summary>
    /// packaging's <c>canonicalize_version</c>: the normalized form, optionally without trailing <c>.0</c>
    /// release components (<c>1.0.0</c> → <c>1</c>).
    /// </summary>
    internal string Canonical(bool stripTrailingZero)
    {
        if (!stripTrailingZero || _significantReleaseLength == _release.Length) return Normalized;
        var builder = new StringBuilder();
        if (_epoch != "0") builder.Append(_epoch).Append('!');
        // re.sub(r"(\.0)+$", "", "0.0") leaves "0": the first component is never removed.
        builder.AppendJoin('.', _release.Take(Math.Max(1, _significantReleaseLength)));
        var full = Normalized;
        var releaseEnd = (_epoch != "0" ? _epoch.Length + 1 : 0) + string.Join('.', _release).Length;
        builder.Append(full.AsSpan(releaseEnd));
        return builder.ToString();
    }

    /// <summary>
    /// <c>Version(v.public)</c>: this version without its local label, re-read from its normalized text (which
    /// also turns a post-release label spelled with a folded letter, "poſt", into "post").
    /// </summary>
    internal PythonVersion WithoutLocal() =>
        _local is null && _postLabel is null or "post"
            ? this
            : new PythonVersion(Text, _epoch, _release, _preLabel, _preNumber, _post is null ? null : "post", _post, _dev, null);

    /// <summary>Whether epoch and release are equal (<c>Version(a.base_version) == Version(b.base_version)</c>).</summary>
    internal bool HasSameBaseVersion(PythonVersion other) =>
        PythonText.CompareDigits(_epoch, other._epoch) == 0 && CompareRelease(other) == 0;

    /// <summary>The PEP 440 total order, as packaging's <c>_cmpkey</c> defines it.</summary>
    public int CompareTo(PythonVersion? other)
    {
        if (other is null) return 1;
        var result = PythonText.CompareDigits(_epoch, other._epoch);
        if (result != 0) return result;
        result = CompareRelease(other);
        if (result != 0) return result;
        result = ComparePre(other);
        if (result != 0) return result;
        // post: absent sorts before any post-release; then packaging compares the (label, number) tuple.
        result = CompareOptional(_postLabel, other._postLabel, absentRank: -1, PythonText.CompareCodePoints);
        if (result != 0) return result;
        result = CompareOptional(_post, other._post, absentRank: -1, PythonText.CompareDigits);
        if (result != 0) return result;
        // dev: absent sorts after any development release.
        result = CompareOptional(_dev, other._dev, absentRank: 1, PythonText.CompareDigits);
        if (result != 0) return result;
        return CompareLocal(_local, other._local);
    }

    private int CompareRelease(PythonVersion other)
    {
        var length = Math.Min(_significantReleaseLength, other._significantReleaseLength);
        for (var i = 0; i < length; i++)
        {
            var result = PythonText.CompareDigits(_release[i], other._release[i]);
            if (result != 0) return result;
        }
        return _significantReleaseLength.CompareTo(other._significantReleaseLength);
    }

    // _cmpkey: a bare .devN (no pre, no post) sorts before every pre-release; no pre-release sorts after all.
    private int PreRank => _preLabel is not null ? 0 : _post is null && _dev is not null ? -1 : 1;

    private int ComparePre(PythonVersion other)
    {
        var result = PreRank.CompareTo(other.PreRank);
        if (result != 0 || PreRank != 0) return result;
        result = PythonText.CompareCodePoints(_preLabel!, other._preLabel!);
        return result != 0 ? Math.Sign(result) : PythonText.CompareDigits(_preNumber!, other._preNumber!);
    }

    private static int CompareOptional(string? left, string? right, int absentRank, Func<string, string, int> compare)
    {
        if (left is null) return right is null ? 0 : absentRank;
        if (right is null) return -absentRank;
        return Math.Sign(compare(left, right));
    }

    private static int CompareLocal(LocalPart[]? left, LocalPart[]? right)
    {
        if (left is null) return right is null ? 0 : -1;
        if (right is null) return 1;
        var length = Math.Min(left.Length, right.Length);
        for (var i = 0; i < length; i++)
        {
            var result = left[i].CompareTo(right[i]);
            if (result != 0) return result;
        }
        return left.Length.CompareTo(right.Length);
    }

    /// <summary>PEP 440 equality: <c>1.0 == 1.0.0</c>, <c>1.0a == 1.0a0</c>, local labels case-insensitive.</summary>
    public bool Equals(PythonVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => Equals(obj as PythonVersion);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_epoch);
        for (var i = 0; i < _significantReleaseLength; i++) hash.Add(_release[i]);
        hash.Add(PreRank);
        hash.Add(_preLabel);
        hash.Add(_preNumber);
        hash.Add(_postLabel);
        hash.Add(_post);
        hash.Add(_dev);
        if (_local is not null)
            foreach (var part in _local) hash.Add(part);
        return hash.ToHashCode();
    }

    public static bool operator ==(PythonVersion? left, PythonVersion? right) => left?.Equals(right) ?? right is null;
    public static bool operator !=(PythonVersion? left, PythonVersion? right) => !(left == right);
    public static bool operator <(PythonVersion left, PythonVersion right) => left.CompareTo(right) < 0;
    public static bool operator <=(PythonVersion left, PythonVersion right) => left.CompareTo(right) <= 0;
    public static bool operator >(PythonVersion left, PythonVersion right) => left.CompareTo(right) > 0;
    public static bool operator >=(PythonVersion left, PythonVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => Text;

    /// <summary>One dot-separated piece of a local label: numbers sort above strings (packaging's <c>_cmpkey</c>).</summary>
    private readonly record struct LocalPart(string Text, bool IsNumber) : IComparable<LocalPart>
    {
        public int CompareTo(LocalPart other)
        {
            if (IsNumber != other.IsNumber) return IsNumber ? 1 : -1;
            return IsNumber ? PythonText.CompareDigits(Text, other.Text) : Math.Sign(PythonText.CompareCodePoints(Text, other.Text));
        }
    }
}
