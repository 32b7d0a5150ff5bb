using System.Text.Json.Nodes;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

/// <summary>Generated requirement strings, valid and broken, answered once by packaging 24.1 and 21.3.</summary>
public sealed class RequirementReferenceFixture
{
    internal string[] Requirements { get; }
    internal DifferentialAnswers Answers { get; }

    public RequirementReferenceFixture()
    {
        var cases = new PackagingCases(seed: 5081);
        string[] handWritten =
        [
            "requests", "requests[security,socks]>=2.8.1,==2.8.*;python_version<'2.7'", "name (>=1.0, <2)", "name(>=1.0)",
            "name @ https://example.com/x.whl", "name@https://x/y ; os_name == 'nt'", "name @ https://x/y;os_name=='nt'",
            "name @ https://x/y ;", "name @ ", "name ; ", "name >=1 ; ", "name >=1 bar", "name[", "name[a b]", "name[a,]",
            "name (>=1", "name >= 1.0.*", "name >= 1.0+local", "name === arbitrary", "name ===1,2", "name==1.0\n", "name\n",
            "-name", "name-", "name.", "_name", "name ~= 1", "name >=1,", "name >=1,,<2", "name>=1.0;extra=='Test_Extra'",
            " name ", "name[extra]@ https://x", "name [ extra ] ( == 1.0 ) ; python_version > '3'", "na me", "name>=1 ;os_name",
        ];
        Requirements = handWritten
            .Concat(Enumerable.Range(0, 5000).Select(_ => cases.Requirement()))
            .Concat(Enumerable.Range(0, 500).Select(_ => "name" + cases.Noise(12)))
            .ToArray();
        Answers = new DifferentialAnswers(new JsonObject { ["requirements"] = DifferentialAnswers.Strings(Requirements) });
    }
}

public sealed class RequirementDifferentialSpecs(RequirementReferenceFixture fixture) : IClassFixture<RequirementReferenceFixture>
{
    private static string Describe(string text) => PythonVersionDifferentialSpecs.Describe(text);

    [Fact]
    public void Parses_requirements_exactly_as_packaging_does_and_reports_errors_at_the_same_place()
    {
        // Arrange
        var answers = fixture.Answers.Modern["requirements"]!.AsArray();
        var mismatches = new Mismatches("requirement");
        var valid = 0;

        // Act
        for (var i = 0; i < fixture.Requirements.Length; i++)
        {
            var text = fixture.Requirements[i];
            var expected = answers[i]!;
            Requirement? requirement = null;
            PackagingFormatException? error = null;
            try
            {
                requirement = Requirement.Parse(text);
            }
            catch (PackagingFormatException exception)
            {
                error = exception;
            }
            if ((requirement is not null) != (bool)expected["ok"]!)
            {
                mismatches.Add($"{Describe(text)}: valid={requirement is not null} ({error?.Message}), packaging says {expected.ToJsonString()}");
                continue;
            }
            if (requirement is null)
            {
                if (expected["message"] is not null && (error!.Problem != (string)expected["message"]! || error.Column != (int)expected["span"]! + 1))
                    mismatches.Add($"{Describe(text)}: {error.Problem} at column {error.Column}, packaging says {expected["message"]} at column {(int)expected["span"]! + 1}");
                continue;
            }
            valid++;
            var actual = new JsonObject
            {
                ["ok"] = true,
                ["name"] = requirement.Name,
                ["url"] = requirement.Url,
                ["extras"] = DifferentialAnswers.Strings(requirement.Extras.Order(StringComparer.Ordinal)),
                ["specifier"] = requirement.Specifier.Normalized,
                ["marker"] = requirement.Marker?.Normalized,
            };
            if (!JsonNode.DeepEquals(actual, expected))
                mismatches.Add($"{Describe(text)}: {actual.ToJsonString()}, packaging says {expected.ToJsonString()}");
        }

        // Assert
        mismatches.AssertNone(fixture.Requirements.Length);
        Assert.InRange(valid, fixture.Requirements.Length / 3, fixture.Requirements.Length - fixture.Requirements.Length / 20);
    }

    [Fact]
    public void Keeps_the_marker_text_as_written_after_the_semicolon()
    {
        // Arrange
        var answers = fixture.Answers.Modern["requirements"]!.AsArray();
        var checkedCases = 0;

        // Act & Assert
        for (var i = 0; i < fixture.Requirements.Length; i++)
        {
            if (!(bool)answers[i]!["ok"]! || answers[i]!["marker"] is null) continue;
            var requirement = Requirement.Parse(fixture.Requirements[i]);
            var reparsed = Marker.Parse(requirement.Marker!.Text);
            Assert.Equal(requirement.Marker.Normalized, reparsed.Normalized);
            checkedCases++;
        }
        Assert.True(checkedCases > 100, $"only {checkedCases} requirements with markers");
    }

    [Fact]
    public void Agrees_with_packaging_21_3_wherever_no_requirement_rule_changed_since()
    {
        // Arrange
        var modern = fixture.Answers.Modern["requirements"]!.AsArray();
        var older = fixture.Answers.Older["requirements"]!.AsArray();
        var unexplained = new Mismatches("packaging 21.3 difference");
        var compared = 0;

        // Act
        for (var i = 0; i < fixture.Requirements.Length; i++)
        {
            var m = modern[i]!;
            var o = older[i]!;
            if (!(bool)m["ok"]! || !(bool)o["ok"]!) continue;
            compared++;
            // Marker rules that changed (escapes, PEP 685 extras) are covered by the marker specs.
            var text = fixture.Requirements[i];
            var markerRuleChanged = text.Contains('\\') || text.Contains("extra", StringComparison.Ordinal);
            // 21.3's === swallowed ";" and ")", taking the marker into the specifier.
            if (((string)o["specifier"]!).IndexOfAny([';', ')']) >= 0) continue;
            var same = (string)m["name"]! == (string)o["name"]! && (string?)m["url"] == (string?)o["url"]
                && JsonNode.DeepEquals(m["extras"], o["extras"]) && (string)m["specifier"]! == (string)o["specifier"]!
                && (markerRuleChanged || (string?)m["marker"] == (string?)o["marker"]);
            if (!same)
                unexplained.Add($"{Describe(fixture.Requirements[i])}: 24.1 {m.ToJsonString()}, 21.3 {o.ToJsonString()}");
        }

        // Assert
        unexplained.AssertNone(compared);
    }
}
