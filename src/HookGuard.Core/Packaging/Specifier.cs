using System.Text.RegularExpressions;

namespace HookGuard.Core.Packaging;

/// <summary>
/// One PEP 440 version specifier such as <c>&gt;=1.0</c>, <c>==1.4.*</c> or <c>~=2.2</c>
/// (https://peps.python.org/pep-0440/#version-specifiers), with the matching rules of
/// <c>packaging.specifiers.Specifier</c> (packaging 24.1).
/// </summary>
/// <remarks>
/// Where packaging 21.3 (vendored by pip 23.2) disagrees, we follow 24.1, as the differential specs check:
/// 21.3 accepted any non-PEP 440 specifier as a <c>LegacySpecifier</c> (24.1 rejects it), let <c>===</c>
/// swallow <c>)</c> and <c>;</c>, prefix-matched <c>==V.*</c> and <c>~=V</c> on V as written (so <c>~=04.3</c>
/// rejected <c>04.3</c>) and without zero-padding the candidate's release (<c>!=2.0.*</c> accepted
/// <c>2.post0</c>). Legacy installed versions are the one place we keep 21.3's answer, see
/// <see cref="SpecifierSet.Contains(string)"/>.
/// </remarks>
public sealed partial class Specifier
{
    /// <summary>One of <c>~= == != &lt;= &gt;= &lt; &gt; ===</c>.</summary>
    public string Operator { get; }

    /// <summary>The version text after the operator, stripped of whitespace but otherwise as written (may end in <c>.*</c>).</summary>
    public string Version { get; }

    // Pre-computed per operator so that Contains does no parsing of the specifier side.
    private readonly PythonVersion? _version;        // ordered operators, == and != without wildcard, ~=
    private readonly string[]? _prefixSplit;          // == / != with .*, and the prefix part of ~=

    private Specifier(string @operator, string version)
    {
        Operator = @operator;
        Version = version;
        if (@operator == "===") return;
        var isPrefix = version.EndsWith(".*", StringComparison.Ordinal);
        if (isPrefix && @operator is "==" or "!=")
        {
            _prefixSplit = SplitVersion(CanonicalizeVersion(version[..^2]));
            return;
        }
        _version = PythonVersion.Parse(version);
        if (@operator == "~=")
        {
            // _compare_compatible: drop suffix segments and the last release segment, then prefix-match.
            // This works on the text as written (so ~=1.4.c1 keeps "c1" as a release-like segment),
            // exactly as packaging does.
            var segments = SplitVersion(version).TakeWhile(IsNotSuffix).ToList();
            segments.RemoveAt(segments.Count - 1);
            var prefix = segments[0] + "!" + string.Join('.', segments.Skip(1));
            _prefixSplit = SplitVersion(CanonicalizeVersion(prefix));
        }
    }

    /// <summary>Parses one specifier or throws <see cref="PackagingFormatException"/>.</summary>
    public static Specifier Parse(string text) =>
        TryParse(text) ?? throw new PackagingFormatException($"Invalid specifier: '{text}'");

    /// <summary>Parses one specifier; <see langword="null"/> when it is not valid PEP 440.</summary>
    public static Specifier? TryParse(string text)
    {
        // Most specifiers are plain "==1.2.3" or ">=2.0": recognized without the regex, with the same answer.
        var operatorLength = SimpleRequirementSyntax.OperatorLength(text);
        if (operatorLength > 0) return new Specifier(OperatorText(text.AsSpan(0, operatorLength)), text[operatorLength..]);
        return TryParseWithRegex(text);
    }

    // The operators as constants: no new two-character string per specifier read.
    private static string OperatorText(ReadOnlySpan<char> op) => op switch
    {
        "==" => "==",
        "!=" => "!=",
        "<=" => "<=",
        ">=" => ">=",
        "<" => "<",
        ">" => ">",
        "~=" => "~=",
        _ => op.ToString(),
    };

    /// <summary><see cref="TryParse"/> by packaging's regex alone, whatever the text (what the fast path must agree with).</summary>
    internal static Specifier? TryParseWithRegex(string text)
    {
        var match = SpecifierPattern().Match(text);
        if (!match.Success) return null;
        return new Specifier(PythonText.Strip(match.Groups["operator"].Value), PythonText.Strip(match.Groups["version"].Value));
    }

    /// <summary>
    /// Whether <paramref name="version"/> satisfies this specifier, pre-releases allowed
    /// (<c>Specifier.contains(version, prereleases=True)</c>).
    /// </summary>
    public bool Contains(PythonVersion version) => Operator switch
    {
        "==" => MatchesEqual(version),
        "!=" => !MatchesEqual(version),
        "<=" => version.WithoutLocal() <= _version!,
        ">=" => version.WithoutLocal() >= _version!,
        "<" => MatchesLessThan(version),
        ">" => MatchesGreaterThan(version),
        "~=" => version.WithoutLocal() >= _version! && MatchesPrefix(version),
        _ => string.Equals(version.Normalized.ToLowerInvariant(), Version.ToLowerInvariant(), StringComparison.Ordinal),
    };

    /// <summary>
    /// <c>===</c> against a string that is not a PEP 440 version: a case-insensitive string match,
    /// as packaging &lt; 22 did for legacy versions. Every other operator rejects such a version.
    /// </summary>
    internal bool ContainsLegacy(string version) =>
        Operator == "===" && string.Equals(version.ToLowerInvariant(), Version.ToLowerInvariant(), StringComparison.Ordinal);

    private bool MatchesEqual(PythonVersion version)
    {
        if (_prefixSplit is not null) return MatchesPrefix(version);
        // A specifier without a local label ignores the candidate's local label.
        return (_version!.HasLocal ? version : version.WithoutLocal()) == _version;
    }

    private bool MatchesPrefix(PythonVersion version)
    {
        // _compare_equal with a trailing .*: compare segment lists after zero-padding the release.
        var candidate = SplitVersion(version.Public);
        var spec = _prefixSplit!;
        var candidateDigits = candidate.TakeWhile(IsDigits).Count();
        var specDigits = spec.TakeWhile(IsDigits).Count();
        var padding = Math.Max(0, specDigits - candidateDigits);
        // padded candidate = candidate[..candidateDigits] + "0" * padding + candidate[candidateDigits..]
        if (candidate.Length + padding < spec.Length) return false;
        for (var i = 0; i < spec.Length; i++)
        {
            var segment = i < candidateDigits ? candidate[i]
                : i < candidateDigits + padding ? "0"
                : candidate[i - padding];
            if (!string.Equals(segment, spec[i], StringComparison.Ordinal)) return false;
        }
        return true;
    }

    private bool MatchesLessThan(PythonVersion version)
    {
        if (!(version < _version!)) return false;
        // PEP 440: <V does not match a pre-release of V unless V itself is a pre-release.
        return _version!.IsPrerelease || !version.IsPrerelease || !version.HasSameBaseVersion(_version);
    }

    private bool MatchesGreaterThan(PythonVersion version)
    {
        if (!(version > _version!)) return false;
        // PEP 440: >V does not match a post-release of V unless V itself is one, nor a local version of V.
        if (!_version!.IsPostrelease && version.IsPostrelease && version.HasSameBaseVersion(_version)) return false;
        return !version.HasLocal || !version.HasSameBaseVersion(_version);
    }

    /// <summary><c>canonicalize_version(text, strip_trailing_zero=False)</c>: the normalized form, or the text if not a version.</summary>
    private static string CanonicalizeVersion(string text) =>
        PythonVersion.TryParse(text, out var version) ? version!.Normalized : text;

    /// <summary>packaging's <c>_version_split</c>: epoch first, then dot segments with <c>1rc2</c> split in two.</summary>
    private static string[] SplitVersion(string version)
    {
        var bang = version.LastIndexOf('!');
        var epoch = bang < 0 ? "" : version[..bang];
        var rest = version[(bang + 1)..];
        var result = new List<string> { epoch.Length == 0 ? "0" : epoch };
        foreach (var item in rest.Split('.'))
        {
            var match = ReleaseWithPreRelease().Match(item);
            if (match.Success)
            {
                result.Add(match.Groups[1].Value);
                result.Add(match.Groups[2].Value);
            }
            else
            {
                result.Add(item);
            }
        }
        return [.. result];
    }

    private static bool IsNotSuffix(string segment) =>
        !(segment.StartsWith("dev", StringComparison.Ordinal) || segment.StartsWith('a') || segment.StartsWith('b')
          || segment.StartsWith("rc", StringComparison.Ordinal) || segment.StartsWith("post", StringComparison.Ordinal));

    // Python's str.isdigit() on these segments; they are ASCII in practice, non-ASCII digits count too.
    private static bool IsDigits(string segment) => segment.Length > 0 && segment.All(char.IsDigit);

    public override string ToString() => Operator + Version;

    /// <summary>
    /// packaging's <c>Specifier._canonical_spec</c>, which decides when two specifiers are the same
    /// (<c>&gt;3</c> and <c>&gt;3.0</c> are; <c>~=</c> keeps its trailing zeros because they change its meaning).
    /// </summary>
    internal (string Operator, string Version) CanonicalKey =>
        (Operator, PythonVersion.TryParse(Version, out var version) ? version!.Canonical(stripTrailingZero: Operator != "~=") : Version);

    [GeneratedRegex(@"^([0-9]+)((?:a|b|c|rc)[0-9]+)$")]
    private static partial Regex ReleaseWithPreRelease();

    // Specifier._regex from packaging/specifiers.py; [\s\x1c-\x1f] is Python's \s.
    [GeneratedRegex(SpecifierRegexBody.Anchored, RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SpecifierPattern();
}
