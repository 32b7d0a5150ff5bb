using System.Text.Json.Nodes;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

/// <summary>Generated (specifier set, installed version) pairs, answered once by packaging 24.1 and 21.3.</summary>
public sealed class SpecifierReferenceFixture
{
    internal (string Specifier, string Version)[] Cases { get; }
    internal DifferentialAnswers Answers { get; }

    public SpecifierReferenceFixture()
    {
        var cases = new PackagingCases(seed: 4401);
        var handWritten = new (string, string)[]
        {
            ("==1.*", "1.5"), ("==1.*", "2.0"), ("==1.0.*", "1.0a1"), ("!=1.0.*", "1.0.post1"), ("~=1.4.5", "1.4.9"),
            ("~=1.4.5", "1.5"), ("~=1.4", "2.0"), ("~=v1.4", "1.4"), ("~=1.4.c1", "1.4.5"), ("~=1.4.0a1", "1.4.2"),
            ("<1.0", "1.0a1"), ("<1.0a2", "1.0a1"), (">1.0", "1.0.post1"), (">1.0.post1", "1.0.post2"), (">1.0", "1.0+local"),
            ("==1.0", "1.0+local"), ("==1.0+local", "1.0"), ("==1.0+Local", "1.0+local"), ("<=1.0", "1.0+local"),
            ("===1.0", "1.0"), ("===1.0", "1.0.0"), ("===foobar", "FOOBAR"), ("===1.0", "v1.0"), (">=1.0", "foobar"),
            ("", "foobar"), ("==1.0", "1.0.0"), ("==1!1.0", "1.0"), (">=1.0,<2.0,!=1.5.*", "1.5.3"), (">=1,<2", "1.9999.dev0"),
            (" >= 1.0 , ", "1.0"), ("==1.0.*", "1.0+local"), (">=1.0", "1.0rc1"), ("==2012.*", "2012.04"),
            (">=1.0.po\u017ft1", "1.0.post1"), ("==1.0+\u0130", "1.0+i\u0307"), ("<=1.0prev\u0131ew1", "1.0rc1"), ("==1.0+\u212a", "1.0+k"),
            ("==1.0.PO\u017fT1", "1.0.po\u017ft1"), ("~=1.0.prev\u0130ew1", "1.0.1"),
        };
        Cases = handWritten.Concat(Enumerable.Range(0, 6000).Select(_ =>
        {
            var specifier = cases.SpecifierSet();
            return (specifier, cases.CandidateFor(specifier));
        })).ToArray();
        Answers = new DifferentialAnswers(new JsonObject
        {
            ["specifiers"] = new JsonArray(Cases.Select(c => (JsonNode)DifferentialAnswers.Strings([c.Specifier, c.Version])).ToArray()),
        });
    }
}

public sealed class SpecifierDifferentialSpecs(SpecifierReferenceFixture fixture) : IClassFixture<SpecifierReferenceFixture>
{
    private static bool IsWildcardLongerThan(Specifier specifier, string version) =>
        specifier.Version.EndsWith(".*", StringComparison.Ordinal)
        && PythonVersion.Parse(specifier.Version[..^2]).Release.Count > PythonVersion.Parse(version).Release.Count;

    private static bool IsUnnormalizedPrefixMatch(Specifier specifier)
    {
        var isWildcard = specifier.Version.EndsWith(".*", StringComparison.Ordinal);
        if (specifier.Operator != "~=" && !isWildcard) return false;
        var version = isWildcard ? specifier.Version[..^2] : specifier.Version;
        return PythonVersion.Parse(version).Normalized != version;
    }

    private static string Describe(string text) => PythonVersionDifferentialSpecs.Describe(text);

    [Fact]
    public void Parses_specifier_sets_exactly_as_packaging_does()
    {
        // Arrange
        var answers = fixture.Answers.Modern["specifiers"]!.AsArray();
        var mismatches = new Mismatches("specifier set");

        // Act
        for (var i = 0; i < fixture.Cases.Length; i++)
        {
            var text = fixture.Cases[i].Specifier;
            var expected = answers[i]!;
            SpecifierSet? parsed = null;
            try
            {
                parsed = SpecifierSet.Parse(text);
            }
            catch (PackagingFormatException)
            {
            }
            if ((parsed is not null) != (bool)expected["ok"]!)
                mismatches.Add($"{Describe(text)}: valid={parsed is not null}, packaging says {expected["ok"]}");
            else if (parsed is not null && parsed.Normalized != (string)expected["str"]!)
                mismatches.Add($"{Describe(text)}: normalized {Describe(parsed.Normalized)}, packaging says {Describe((string)expected["str"]!)}");
        }

        // Assert
        mismatches.AssertNone(fixture.Cases.Length);
    }

    [Fact]
    public void Accepts_exactly_the_installed_versions_packaging_accepts_pre_releases_included()
    {
        // Arrange
        var answers = fixture.Answers.Modern["specifiers"]!.AsArray();
        var mismatches = new Mismatches("specifier/version");
        var checkedCases = 0;
        var matched = 0;

        // Act
        for (var i = 0; i < fixture.Cases.Length; i++)
        {
            var (specifier, version) = fixture.Cases[i];
            var expected = answers[i]!;
            if (!(bool)expected["ok"]! || expected["contains"] is null) continue;
            checkedCases++;
            var contains = SpecifierSet.Parse(specifier).Contains(version);
            if (contains) matched++;
            if (contains != (bool)expected["contains"]!)
                mismatches.Add($"{Describe(specifier)} contains {Describe(version)}: {contains}, packaging says {expected["contains"]}");
        }

        // Assert
        mismatches.AssertNone(checkedCases);
        Assert.InRange(matched, checkedCases / 10, checkedCases - checkedCases / 10); // the cases are not one-sided
    }

    [Fact]
    public void Judges_a_legacy_installed_version_as_packaging_21_3_did_instead_of_raising_like_24_1()
    {
        // packaging 24.1 raises InvalidVersion for a non-PEP 440 version; the hook must answer, so it follows
        // packaging 21.3's LegacyVersion rules (only === can match, by case-insensitive string equality).
        // Arrange
        var modern = fixture.Answers.Modern["specifiers"]!.AsArray();
        var older = fixture.Answers.Older["specifiers"]!.AsArray();
        var mismatches = new Mismatches("legacy version");
        var checkedCases = 0;

        // Act
        for (var i = 0; i < fixture.Cases.Length; i++)
        {
            var (specifier, version) = fixture.Cases[i];
            if (modern[i]!["contains_error"] is null || !(bool)older[i]!["ok"]!) continue;
            checkedCases++;
            var contains = SpecifierSet.Parse(specifier).Contains(version);
            if (contains != (bool)older[i]!["contains"]!)
                mismatches.Add($"{Describe(specifier)} contains {Describe(version)}: {contains}, packaging 21.3 says {older[i]!["contains"]}");
        }

        // Assert
        mismatches.AssertNone(checkedCases);
    }

    [Fact]
    public void Differs_from_packaging_21_3_only_where_its_rules_were_changed()
    {
        // Arrange
        var modern = fixture.Answers.Modern["specifiers"]!.AsArray();
        var older = fixture.Answers.Older["specifiers"]!.AsArray();
        var unexplained = new Mismatches("packaging 21.3 difference");

        // Act
        for (var i = 0; i < fixture.Cases.Length; i++)
        {
            var (specifier, version) = fixture.Cases[i];
            if (JsonNode.DeepEquals(modern[i], older[i])) continue;
            // 24.1 raises for a legacy installed version; 21.3's answer is what we follow (see the test above).
            if (modern[i]!["contains_error"] is not null) continue;
            // 21.3 accepted non-PEP 440 specifiers as LegacySpecifier; 24.1 (and we) reject them.
            if (older[i]!["legacy_specifier"] is not null) continue;
            // 21.3 prefix-matched ==V.* and ~=V on the specifier's text as written; 24.1 normalizes it first
            // (leading zeros, 0! epochs, pre-release spellings), so only written-unnormalized specifiers differ.
            if ((bool)modern[i]!["ok"]! && SpecifierSet.Parse(specifier).Specifiers.Any(IsUnnormalizedPrefixMatch)) continue;
            // 21.3 let === take ")" and ";" into its arbitrary version; 24.1 stops there (they end a requirement's specifier).
            if (!(bool)modern[i]!["ok"]! && (bool)older[i]!["ok"]! && specifier.IndexOfAny([')', ';']) >= 0) continue;
            // 21.3 did not zero-pad a shorter release before prefix matching (==2.0.* vs 2.post0); 24.1 does.
            if ((bool)modern[i]!["ok"]! && SpecifierSet.Parse(specifier).Specifiers.Any(s => IsWildcardLongerThan(s, version))) continue;
            unexplained.Add($"{Describe(specifier)} / {Describe(version)}: 24.1 {modern[i]!.ToJsonString()}, 21.3 {older[i]!.ToJsonString()}");
        }

        // Assert
        unexplained.AssertNone(fixture.Cases.Length);
    }
}
