using System.Text.RegularExpressions;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// Poetry's version constraint syntax (<c>^1.2</c>, <c>~1.2</c>, <c>~=1.2</c>, <c>1.2.*</c>, <c>&gt;=1,&lt;2</c>, <c>&gt;=1 &lt;2</c>,
/// <c>^1 || ^2</c>), parsed into poetry-core's algebra of disjoint ranges and rendered back as poetry-core renders it:
/// a port of https://github.com/python-poetry/poetry-core/blob/1.4.0/src/poetry/core/constraints/version/parser.py,
/// patterns.py and version_union.py (the poetry-core that Poetry 1.3.2 vendors; a differential spec holds the two
/// together).
/// </summary>
/// <remarks>A constraint is a sorted list of disjoint ranges: none is <c>EmptyConstraint</c>, one a range or version,
/// more a <c>VersionUnion</c>.</remarks>
internal static partial class PoetryConstraint
{
    private const string VersionPattern = """
        v?
        (?:
            (?:(?<epoch>[0-9]+)!)?
            (?<release>[0-9]+(?:\.[0-9]+)*)
            (?<pre>[-_\.]?(?<pre_l>(a|b|c|rc|alpha|beta|pre|preview))[-_\.]?(?<pre_n>[0-9]+)?)?
            (?<post>(?:-(?<post_n1>[0-9]+))|(?:[-_\.]?(?<post_l>post|rev|r)[-_\.]?(?<post_n2>[0-9]+)?))?
            (?<dev>[-_\.]?(?<dev_l>dev)[-_\.]?(?<dev_n>[0-9]+)?)?
        )
        (?:\+(?<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?
        """;

    private const RegexOptions Verbose = RegexOptions.IgnorePatternWhitespace | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    /// <summary>Parses as <c>parse_constraint</c>; null where poetry-core raises <c>ParseConstraintError</c>.</summary>
    public static IReadOnlyList<PoetryRange>? TryParse(string constraints)
    {
        if (constraints == "*")
        {
            return [PoetryRange.Any];
        }

        var groups = new List<PoetryRange>();
        foreach (var orPart in OrSplit().Split(constraints.Trim()))
        {
            // "allow trailing commas for robustness" (parser.py).
            var part = orPart.TrimEnd(',').TrimEnd();
            IReadOnlyList<PoetryRange>? constraint = null;
            foreach (var single in AndSplit().Split(part))
            {
                var parsed = TryParseSingle(single);
                if (parsed is null)
                {
                    return null;
                }

                constraint = constraint is null ? parsed : Intersect(constraint, parsed);
            }

            groups.AddRange(constraint!);
        }

        return UnionOf(groups);
    }

    /// <summary>
    /// What <c>Dependency.base_pep_508_name</c> writes between the parentheses for this constraint (empty for any version),
    /// as Poetry puts it in a wheel's <c>Requires-Dist</c>. A <c>||</c> union of disjoint ranges comes out with <c>||</c>,
    /// which is no PEP 440.
    /// https://github.com/python-poetry/poetry-core/blob/1.4.0/src/poetry/core/packages/dependency.py#L232
    /// </summary>
    public static string? TryRenderPep508(string pretty)
    {
        var constraint = TryParse(pretty);
        if (constraint is null)
        {
            return null;
        }

        if (constraint.Count > 1)
        {
            if (ExcludesSingleVersion(constraint) is not null || ExcludesSingleWildcardRange(constraint))
            {
                return Render(constraint);
            }

            var pieces = new List<string>();
            foreach (var piece in pretty.Split(','))
            {
                var parsed = TryParse(piece);
                if (parsed is null)
                {
                    return null;
                }

                pieces.Add(Render(parsed));
            }

            return string.Join(',', pieces);
        }

        return constraint switch
        {
            [] => "<empty>",
            [{ IsVersion: true } version] => "==" + version.Min!.Text,
            [{ IsAny: true }] => "",
            _ => constraint[0].ToString().Replace(" ", "", StringComparison.Ordinal),
        };
    }

    /// <summary><c>str()</c> of a constraint: <c>VersionUnion.__str__</c> for unions.</summary>
    public static string Render(IReadOnlyList<PoetryRange> constraint)
    {
        if (constraint.Count == 0)
        {
            return "<empty>";
        }

        if (constraint.Count == 1)
        {
            return constraint[0].ToString();
        }

        if (ExcludesSingleVersion(constraint) is { } excluded)
        {
            return "!=" + excluded.Text;
        }

        if (ExcludesSingleWildcardRange(constraint))
        {
            return WildcardRangeString(constraint);
        }

        return string.Join(" || ", constraint.Select(range => range.ToString()));
    }

    /// <summary>
    /// <c>create_nested_marker("python_version", constraint)</c>: how a <c>python = "..."</c> constraint becomes a marker,
    /// minding that <c>python_version</c> has two parts (a three-part bound uses <c>python_full_version</c>).
    /// https://github.com/python-poetry/poetry-core/blob/1.4.0/src/poetry/core/packages/utils/utils.py#L202
    /// </summary>
    public static string PythonMarker(IReadOnlyList<PoetryRange> constraint)
    {
        if (constraint.Count == 1)
        {
            return RangeMarker(constraint[0]);
        }

        return string.Join(" or ", constraint.Select(range => $"({RangeMarker(range)})"));
    }

    /// <summary><c>VersionUnion.of</c>: drops empties, sorts, merges ranges that overlap or touch.</summary>
    public static IReadOnlyList<PoetryRange> UnionOf(IEnumerable<PoetryRange> ranges)
    {
        var flattened = ranges.ToList();
        if (flattened.Count == 0)
        {
            return [];
        }

        if (flattened.Any(range => range.IsAny))
        {
            return [PoetryRange.Any];
        }

        // list.sort is stable; so is this insertion of a stable ordering.
        var sorted = flattened.Select((range, index) => (range, index))
            .OrderBy(pair => pair.range, Comparer<PoetryRange>.Create((a, b) => a.CompareTo(b)))
            .ThenBy(pair => pair.index)
            .Select(pair => pair.range);
        var merged = new List<PoetryRange>();
        foreach (var range in sorted)
        {
            if (merged.Count == 0 || (!merged[^1].AllowsAny(range) && !merged[^1].IsAdjacentTo(range)))
            {
                merged.Add(range);
            }
            else
            {
                var union = merged[^1].Union(range);
                merged[^1] = union.Count == 1 ? union[0] : throw new InvalidOperationException("merge of touching ranges");
            }
        }

        return merged;
    }

    /// <summary><c>intersect</c>, walking both sorted lists as <c>VersionUnion.intersect</c> does.</summary>
    public static IReadOnlyList<PoetryRange> Intersect(IReadOnlyList<PoetryRange> left, IReadOnlyList<PoetryRange> right)
    {
        if (left.Count == 1 && right.Count > 1)
        {
            // VersionRange.intersect hands a union to VersionUnion.intersect, with the union walking first.
            (left, right) = (right, left);
        }

        var result = new List<PoetryRange>();
        int i = 0, j = 0;
        while (i < left.Count && j < right.Count)
        {
            if (left[i].Intersect(right[j]) is { } both)
            {
                result.Add(both);
            }

            if (right[j].AllowsHigher(left[i]))
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return left.Count == 1 && right.Count == 1 ? result : UnionOf(result);
    }

    /// <summary>The one version a union leaves out (<c>!=V</c>), or null: <c>VersionRange().difference(self)</c> is a Version.</summary>
    private static PoetryVersion? ExcludesSingleVersion(IReadOnlyList<PoetryRange> union) =>
        AnyDifference(union) is [{ IsVersion: true } only] ? only.Min : null;

    private static bool ExcludesSingleWildcardRange(IReadOnlyList<PoetryRange> union)
    {
        if (union.Count != 2)
        {
            return false;
        }

        var (one, two) = union[0].Max is not null ? (union[0], union[1]) : (union[1], union[0]);
        if (one.Max is null || one.IncludeMax || two.Min is null || !two.IncludeMin)
        {
            return false;
        }

        return IsValidWildcardPair(one.Max, two.Min) && AnyDifference(union) is [{ IsVersion: false }];
    }

    // _excludes_single_wildcard_range_check_is_valid_range: the second bound is the next major, minor or patch of the
    // first (or, past three parts, the first with one part bumped).
    private static bool IsValidWildcardPair(PoetryVersion one, PoetryVersion two)
    {
        var maxPrecision = Math.Max(one.Precision, two.Precision);
        if (maxPrecision <= 3)
        {
            return two.SameAs(one.NextMajor()) || two.SameAs(one.NextMinor()) || two.SameAs(one.NextPatch());
        }

        PoetryVersion Padded(PoetryVersion version, out long[] extra)
        {
            extra = new long[maxPrecision - 3];
            for (var k = 3; k < version.Precision; k++)
            {
                extra[k - 3] = version.ReleaseParts[k];
            }

            return PoetryVersion.FromParts([version.Major, version.Minor ?? 0, version.Patch ?? 0, .. extra]);
        }

        var paddedOne = Padded(one, out var extraOne);
        var paddedTwo = Padded(two, out _);
        var candidates = new List<PoetryVersion> { paddedOne.NextMajor(), paddedOne.NextMinor(), paddedOne.NextPatch() };
        for (var index = 0; index < extraOne.Length; index++)
        {
            // [*_extra_one[: idx - 1], _extra_one[idx] + 1, *_extra_one[idx + 1 :]], Python's slice as written
            // (idx - 1 is -1 for the first part, which keeps all but the last).
            var headLength = index - 1 < 0 ? Math.Max(extraOne.Length - 1, 0) : index - 1;
            var bumped = extraOne[..headLength].Append(extraOne[index] + 1).Concat(extraOne[(index + 1)..]).ToArray();
            candidates.Add(PoetryVersion.FromParts([paddedOne.Major, paddedOne.Minor!.Value, paddedOne.Patch!.Value, .. bumped]));
        }

        return candidates.Any(candidate => candidate.SameAs(paddedTwo));
    }

    private static string WildcardRangeString(IReadOnlyList<PoetryRange> union)
    {
        var (one, two) = union[0].Max is not null ? (union[0].Max!, union[1].Min!) : (union[1].Max!, union[0].Min!);
        long[] Parts(PoetryVersion v) => [v.Major, v.Minor ?? 0, v.Patch ?? 0, .. v.ReleaseParts.Skip(3)];
        var partsOne = Parts(one);
        var partsTwo = Parts(two);
        var parts = new List<string>();
        for (var index = 0; index < partsOne.Length; index++)
        {
            parts.Add(partsOne[index].ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (index >= partsTwo.Length || partsTwo[index] != partsOne[index])
            {
                parts.Add("*");
                return "!=" + string.Join('.', parts);
            }
        }

        return string.Join(" || ", union.Select(range => range.ToString()));
    }

    // VersionRange().difference(union) (version_range.py), the complement poetry-core inspects.
    private static IReadOnlyList<PoetryRange> AnyDifference(IReadOnlyList<PoetryRange> union)
    {
        var ranges = new List<PoetryRange>();
        var current = PoetryRange.Any;
        foreach (var range in union)
        {
            if (range.IsStrictlyLower(current))
            {
                continue;
            }

            if (range.IsStrictlyHigher(current))
            {
                break;
            }

            var difference = current.Difference(range);
            if (difference.Count == 0)
            {
                return [];
            }

            if (difference.Count > 1)
            {
                ranges.Add(difference[0]);
                current = difference[^1];
            }
            else
            {
                current = difference[0];
            }
        }

        return ranges.Count == 0 ? [current] : UnionOf([.. ranges, current]);
    }

    private static IReadOnlyList<PoetryRange>? TryParseSingle(string constraint)
    {
        if (AnyWildcard().IsMatch(constraint))
        {
            return [PoetryRange.Any];
        }

        if (Tilde().Match(constraint) is { Success: true } tilde)
        {
            if (PoetryVersion.TryParse(tilde.Groups["version"].Value) is not { } version)
            {
                return null;
            }

            var high = version.Precision == 1 ? version.Stable.NextMajor() : version.Stable.NextMinor();
            return [new PoetryRange(version, high, includeMin: true, includeMax: false)];
        }

        if (TildePep440().Match(constraint) is { Success: true } compatible)
        {
            if (PoetryVersion.TryParse(compatible.Groups["version"].Value) is not { } version)
            {
                return null;
            }

            var high = version.Precision == 2 ? version.Stable.NextMajor() : version.Stable.NextMinor();
            return [new PoetryRange(version, high, includeMin: true, includeMax: false)];
        }

        if (Caret().Match(constraint) is { Success: true } caret)
        {
            if (PoetryVersion.TryParse(caret.Groups["version"].Value) is not { } version)
            {
                return null;
            }

            return [new PoetryRange(version, version.NextBreaking(), includeMin: true, includeMax: false)];
        }

        if (XRange().Match(constraint) is { Success: true } wildcard)
        {
            if (!long.TryParse(wildcard.Groups["major"].Value, out var major))
            {
                return null;
            }

            PoetryRange result;
            if (wildcard.Groups["minor"].Success)
            {
                if (!long.TryParse(wildcard.Groups["minor"].Value, out var minor))
                {
                    return null;
                }

                var version = PoetryVersion.FromParts(major, minor, 0);
                result = new PoetryRange(version, version.NextMinor(), includeMin: true, includeMax: false);
            }
            else if (major == 0)
            {
                result = new PoetryRange(null, PoetryVersion.FromParts(1, 0, 0), false, false);
            }
            else
            {
                var version = PoetryVersion.FromParts(major, 0, 0);
                result = new PoetryRange(version, version.NextMajor(), includeMin: true, includeMax: false);
            }

            return wildcard.Groups["op"].Value == "!=" ? PoetryRange.Any.Difference(result) : [result];
        }

        if (Basic().Match(constraint) is { Success: true } basic)
        {
            var text = basic.Groups["version"].Value;
            if (PoetryVersion.TryParse(text == "dev" ? "0.0-dev" : text) is not { } version)
            {
                return null;
            }

            return basic.Groups["op"].Value switch
            {
                "<" => [new PoetryRange(null, version, false, false)],
                "<=" => [new PoetryRange(null, version, false, true)],
                ">" => [new PoetryRange(version, null, false, false)],
                ">=" => [new PoetryRange(version, null, true, false)],
                "!=" => [new PoetryRange(null, version, false, false), new PoetryRange(version, null, false, false)],
                // "==", "=", "<>" and no operator: the version itself (parser.py's last line).
                _ => [PoetryRange.Of(version)],
            };
        }

        return null;
    }

    private static string RangeMarker(PoetryRange range)
    {
        if (range.IsAny)
        {
            return "";
        }

        if (range.IsVersion)
        {
            var name = range.Min!.Precision >= 3 ? "python_full_version" : "python_version";
            return $"{name} == \"{range.Min.Text}\"";
        }

        var parts = new List<string>(2);
        if (range.Min is { } min)
        {
            var name = min.Precision >= 3 ? "python_full_version" : "python_version";
            parts.Add(name == "python_version" && !range.IncludeMin
                ? $"python_full_version > \"{min.Text}{string.Concat(Enumerable.Repeat(".0", 3 - min.Precision))}\""
                : $"{name} {(range.IncludeMin ? ">=" : ">")} \"{min.Text}\"");
        }

        if (range.Max is { } max)
        {
            var name = max.Precision >= 3 ? "python_full_version" : "python_version";
            parts.Add(name == "python_version" && range.IncludeMax
                ? $"python_full_version <= \"{max.Text}{string.Concat(Enumerable.Repeat(".0", 3 - max.Precision))}\""
                : $"{name} {(range.IncludeMax ? "<=" : "<")} \"{max.Text}\"");
        }

        return string.Join(" and ", parts);
    }

    [GeneratedRegex(@"\s*\|\|?\s*")]
    private static partial Regex OrSplit();

    [GeneratedRegex("(?<!^)(?<![~=>< ,]) *(?<!-)[, ](?!-) *(?!,|$)")]
    private static partial Regex AndSplit();

    [GeneratedRegex(@"^v?[xX*](\.[xX*])*$", RegexOptions.IgnoreCase)]
    private static partial Regex AnyWildcard();

    [GeneratedRegex(@"^~(?!=)\s*(?<version>" + VersionPattern + ")$", Verbose)]
    private static partial Regex Tilde();

    [GeneratedRegex(@"^~=\s*(?<version>" + VersionPattern + ")$", Verbose)]
    private static partial Regex TildePep440();

    [GeneratedRegex(@"^\^(?<version>" + VersionPattern + ")$", Verbose)]
    private static partial Regex Caret();

    [GeneratedRegex(@"^(?<op>!=|==)?\s*v?(?<major>\d+)(?:\.(?<minor>\d+))?(?:\.(\d+))?(?:\.[xX*])+$")]
    private static partial Regex XRange();

    [GeneratedRegex(@"^(?<op><>|!=|>=?|<=?|==?)?\s*(?<version>" + VersionPattern + @"|dev)(\.\*)?$", Verbose)]
    private static partial Regex Basic();
}
