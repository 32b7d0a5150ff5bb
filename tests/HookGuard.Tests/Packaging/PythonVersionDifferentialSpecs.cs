using System.Text.Json.Nodes;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

/// <summary>Generated versions and version pairs, answered once by packaging 24.1 and 21.3.</summary>
public sealed class VersionReferenceFixture
{
    internal string[] Versions { get; }
    internal (string Left, string Right)[] Pairs { get; }
    internal DifferentialAnswers Answers { get; }

    public VersionReferenceFixture()
    {
        var cases = new PackagingCases(seed: 440);
        Versions = Enumerable.Range(0, 4000).Select(_ => cases.MaybeBrokenVersion())
            .Concat(["1.0", "v1.0", " 1.0 ", "1.0\n", "1!1.0", "1.0a1", "1.0-a1", "1.0_rc1", "1.0.post1", "1.0-1", "1.0.dev1",
                "1.0+Ubuntu-1", "1.0+1.a", "1.0+", "1.0.*", "", "1", "01.02", "1.0RC1", "1.0c1", "1.0pre", "1.0-r", "1.0.rev",
                "1.0-", "a", "1.0a1.post1-dev2", "1.0-post", "1.0-1-1", "1.0\u001c", "\u00a01.0", "1.0+abc.", "1.0+a..b",
                "1.0a-", "1.0.po\u017ft1", "1.0+\u212a", "1.0+\u0130", "1.0+\u0131", "1.0prev\u0131ew1", "1.0.dev\u0130", "1.0d\u0435v",
                "1!", "!1.0", "v", "1.0+", "1.0-_1", "1.0..1", "1.0a1a1", "1.0.post1.post2", "1.0-dev", "1.0_1", "1.0r", "1.0.rev.1"])
            .ToArray();
        var valid = Versions.Where(v => PythonVersion.TryParse(v, out _)).ToArray();
        var random = new Random(4400);
        Pairs = Enumerable.Range(0, 4000).Select(_ =>
        {
            var left = valid[random.Next(valid.Length)];
            var right = random.Next(3) == 0 ? valid[random.Next(valid.Length)] : cases.VersionNear(left);
            return (left, right);
        }).Where(pair => PythonVersion.TryParse(pair.right, out _))
            .Concat([("1.0.po\u017ft1", "1.0.post1"), ("1.0.po\u017ft1", "1.0.post2"), ("1.0+\u212a", "1.0+k"), ("1.0+\u0130", "1.0+i"),
                ("1.0prev\u0131ew1", "1.0rc1"), ("1.0prev\u0131ew1", "1.0b1"), ("1.0.dev1", "1.0a1.dev1"), ("1.0+1", "1.0+a")])
            .ToArray();
        Answers = new DifferentialAnswers(new JsonObject
        {
            ["versions"] = DifferentialAnswers.Strings(Versions),
            ["version_pairs"] = new JsonArray(Pairs.Select(p => (JsonNode)DifferentialAnswers.Strings([p.Left, p.Right])).ToArray()),
        });
    }
}

public sealed class PythonVersionDifferentialSpecs(VersionReferenceFixture fixture) : IClassFixture<VersionReferenceFixture>
{
    [Fact]
    public void Parses_and_normalizes_versions_exactly_as_packaging_does()
    {
        // Arrange
        var answers = fixture.Answers.Modern["versions"]!.AsArray();
        var mismatches = new Mismatches("version");

        // Act
        for (var i = 0; i < fixture.Versions.Length; i++)
        {
            var text = fixture.Versions[i];
            var expected = answers[i]!;
            var ok = PythonVersion.TryParse(text, out var version);
            var description = Describe(text);
            if (ok != (bool)expected["ok"]!)
            {
                mismatches.Add($"{description}: valid={ok}, packaging says {(bool)expected["ok"]!}");
                continue;
            }
            if (!ok) continue;
            var actual = new JsonObject
            {
                ["ok"] = true,
                ["str"] = version!.Normalized,
                ["public"] = version.Public,
                ["base"] = version.BaseVersion,
                ["pre"] = version.IsPrerelease,
                ["post"] = version.IsPostrelease,
                ["dev"] = version.IsDevrelease,
                ["local"] = version.Local,
                ["epoch"] = version.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["release"] = DifferentialAnswers.Strings(version.Release.Select(r => r.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            };
            if (!JsonNode.DeepEquals(actual, expected))
                mismatches.Add($"{description}: {actual.ToJsonString()} but packaging says {expected.ToJsonString()}");
        }

        // Assert
        mismatches.AssertNone(fixture.Versions.Length);
    }

    [Fact]
    public void Orders_and_equates_versions_exactly_as_packaging_does()
    {
        // Arrange
        var answers = fixture.Answers.Modern["version_pairs"]!.AsArray();
        var mismatches = new Mismatches("version pair");

        // Act
        for (var i = 0; i < fixture.Pairs.Length; i++)
        {
            var (leftText, rightText) = fixture.Pairs[i];
            var left = PythonVersion.Parse(leftText);
            var right = PythonVersion.Parse(rightText);
            var expectedOrder = (int)answers[i]!["cmp"]!;
            var expectedEqual = (bool)answers[i]!["eq"]!;
            var order = Math.Sign(left.CompareTo(right));
            var equal = left.Equals(right);
            if (order != expectedOrder || equal != expectedEqual || equal && left.GetHashCode() != right.GetHashCode()
                || Math.Sign(right.CompareTo(left)) != -expectedOrder || (left == right) != expectedEqual)
                mismatches.Add($"{Describe(leftText)} vs {Describe(rightText)}: compare={order} equal={equal}, packaging says {expectedOrder}/{expectedEqual}");
        }

        // Assert
        mismatches.AssertNone(fixture.Pairs.Length);
    }

    [Fact]
    public void Packaging_21_3_and_24_1_agree_on_versions_so_there_is_no_older_rule_to_note()
    {
        // Arrange
        var modern = fixture.Answers.Modern;
        var older = fixture.Answers.Older;

        // Act
        var differentVersions = Enumerable.Range(0, fixture.Versions.Length)
            .Where(i => !JsonNode.DeepEquals(modern["versions"]![i], older["versions"]![i]))
            .Select(i => Describe(fixture.Versions[i])).ToList();
        var differentPairs = Enumerable.Range(0, fixture.Pairs.Length)
            .Where(i => !JsonNode.DeepEquals(modern["version_pairs"]![i], older["version_pairs"]![i])).ToList();

        // Assert
        Assert.Empty(differentVersions);
        Assert.Empty(differentPairs);
    }

    internal static string Describe(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
