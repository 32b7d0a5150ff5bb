using System.Text.Json.Nodes;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Packaging;

/// <summary>Generated markers with environments and extras, answered once by packaging 24.1 and 21.3.</summary>
public sealed class MarkerReferenceFixture
{
    internal static readonly MarkerEnvironment[] Environments =
    [
        new("3.11", "3.11.7", "posix", "linux", "Linux", "x86_64", "5.15.0-91-generic", "#101-Ubuntu SMP", "CPython", "cpython", "3.11.7"),
        new("3.13", "3.13.0", "nt", "win32", "Windows", "AMD64", "10", "10.0.19041", "CPython", "cpython", "3.13.0"),
        new("3.8", "3.8.18", "posix", "darwin", "Darwin", "arm64", "23.1.0", "Darwin Kernel Version 23.1.0", "CPython", "cpython", "3.8.18"),
        new("3.13", "3.13.0rc1", "posix", "linux", "Linux", "aarch64", "6.7.0-gentoo", "#1 SMP", "PyPy", "pypy", "7.3.13"),
        new("3.11", "3.11.7+", "posix", "linux", "Linux", "x86_64", "5.10", "", "CPython", "cpython", "3.11.7"),
        MarkerEnvironment.Create("3.12.1", "posix", "linux", "Linux", "x86_64"),
    ];

    internal static readonly string?[] Extras = [null, "", "test", "Foo_Bar", "DOCS", "foo-bar"];

    internal (string Marker, int Environment, string? Extra)[] Cases { get; }
    internal DifferentialAnswers Answers { get; }

    public MarkerReferenceFixture()
    {
        var cases = new PackagingCases(seed: 508);
        var random = new Random(5080);
        string[] handWritten =
        [
            "python_version >= '3.8'", "python_version < \"3.10\"", "python_full_version >= '3.13.0'",
            "os_name == 'nt' or (sys_platform == 'linux' and platform_machine == 'x86_64')", "extra == 'Foo.Bar'",
            "'linux' in sys_platform", "sys_platform not in 'win32 cygwin'", "os.name == 'posix'", "python_implementation == 'CPython'",
            "platform_release >= '5'", "'a' == 'b'", "'posix' == 'os_name'", "os_name === 'posix'", "python_version ~= '3.8'",
            "os_name ~= 'posix'", "extra == os_name", "os_name == extra", "python_version == '3.*'", "python_version > '3.8.*'",
            "((os_name == 'posix'))", "((os_name == 'posix' or os_name == 'nt')) and extra == 'x'", "python_version<'3'and os_name=='nt'",
            "python_version >= '3.8' and", "python_version >= 3.8", "(os_name == 'nt'", "os_name = 'nt'", "os_name not'nt'",
            "os_name == 'n\\x41t'", "os_name == 'a\\x4'", "os_name == 'a\\\\'", "implementation_version >= '3.11'",
        ];
        Cases = handWritten.Select(m => (m, 0, (string?)null))
            .Concat(handWritten.Select(m => (m, 3, (string?)"Foo_Bar")))
            .Concat(Enumerable.Range(0, 5000).Select(_ =>
                (cases.Marker(), random.Next(Environments.Length), Extras[random.Next(Extras.Length)])))
            .Concat(Enumerable.Range(0, 300).Select(_ => ("os_name " + cases.Noise(10), 0, (string?)null)))
            .ToArray();
        Answers = new DifferentialAnswers(new JsonObject
        {
            ["markers"] = new JsonArray(Cases.Select(c => (JsonNode)new JsonObject
            {
                ["marker"] = c.Marker,
                ["env"] = ToJson(Environments[c.Environment]),
                ["extra"] = c.Extra,
            }).ToArray()),
        });
    }

    private static JsonObject ToJson(MarkerEnvironment environment)
    {
        var json = new JsonObject();
        foreach (var name in new[]
                 {
                     "python_version", "python_full_version", "os_name", "sys_platform", "platform_system", "platform_machine",
                     "platform_release", "platform_version", "platform_python_implementation", "implementation_name",
                     "implementation_version",
                 })
            json[name] = environment[name];
        return json;
    }
}

public sealed partial class MarkerDifferentialSpecs(MarkerReferenceFixture fixture) : IClassFixture<MarkerReferenceFixture>
{
    private static string Describe(string text) => PythonVersionDifferentialSpecs.Describe(text);

    private static Marker? TryParse(string text, out PackagingFormatException? error)
    {
        error = null;
        try
        {
            return Marker.Parse(text);
        }
        catch (PackagingFormatException exception)
        {
            error = exception;
            return null;
        }
    }

    [Fact]
    public void Parses_markers_exactly_as_packaging_does_and_reports_errors_at_the_same_place()
    {
        // Arrange
        var answers = fixture.Answers.Modern["markers"]!.AsArray();
        var mismatches = new Mismatches("marker");
        var valid = 0;

        // Act
        for (var i = 0; i < fixture.Cases.Length; i++)
        {
            var text = fixture.Cases[i].Marker;
            var expected = answers[i]!;
            var marker = TryParse(text, out var error);
            if ((marker is not null) != (bool)expected["ok"]!)
                mismatches.Add($"{Describe(text)}: valid={marker is not null} ({error?.Message}), packaging says {expected.ToJsonString()}");
            else if (marker is not null && marker.Normalized != (string)expected["str"]!)
                mismatches.Add($"{Describe(text)}: normalized {Describe(marker.Normalized)}, packaging says {Describe((string)expected["str"]!)}");
            else if (marker is null && expected["message"] is not null
                     && (error!.Problem != (string)expected["message"]! || error.Column != (int)expected["span"]! + 1))
                mismatches.Add($"{Describe(text)}: {error.Problem} at column {error.Column}, packaging says {expected["message"]} at column {(int)expected["span"]! + 1}");
            if (marker is not null) valid++;
        }

        // Assert
        mismatches.AssertNone(fixture.Cases.Length);
        Assert.InRange(valid, fixture.Cases.Length / 2, fixture.Cases.Length - fixture.Cases.Length / 20);
    }

    [Fact]
    public void Evaluates_markers_exactly_as_packaging_does_with_string_fallback_for_non_versions()
    {
        // Arrange
        var answers = fixture.Answers.Modern["markers"]!.AsArray();
        var mismatches = new Mismatches("marker evaluation");
        var checkedCases = 0;
        var trueCount = 0;

        // Act
        for (var i = 0; i < fixture.Cases.Length; i++)
        {
            var (text, environmentIndex, extra) = fixture.Cases[i];
            var expected = answers[i]!;
            if (!(bool)expected["ok"]!) continue;
            checkedCases++;
            var marker = Marker.Parse(text);
            bool? value;
            try
            {
                value = marker.Evaluate(MarkerReferenceFixture.Environments[environmentIndex], extra);
            }
            catch (PackagingFormatException)
            {
                value = null;
            }
            var expectedValue = (bool?)expected["value"];
            if (value == true) trueCount++;
            if (value != expectedValue)
                mismatches.Add($"{Describe(text)} in environment {environmentIndex} with extra {extra}: {value?.ToString() ?? "error"}, packaging says {expected.ToJsonString()}");
        }

        // Assert
        mismatches.AssertNone(checkedCases);
        Assert.InRange(trueCount, checkedCases / 10, checkedCases - checkedCases / 10);
    }

    [Fact]
    public void Agrees_with_packaging_21_3_wherever_no_marker_rule_changed_since()
    {
        // packaging 22 replaced 21.3's marker rules in ways HookGuard follows (the newer ones):
        //  - a hand-written tokenizer: keywords need word boundaries ("andos_name" is an error), "not  in" may have
        //    any spaces or tabs between its words, new error messages;
        //  - quoted strings are Python literals (escapes decoded, "\x4" is an error);
        //  - extras compare PEP 685-normalized; version comparisons accept pre-releases (python 3.13.0rc1);
        //  - a left side that is not a version raised InvalidVersion (pypa/packaging#774) where 21.3's LegacyVersion
        //    compared False; we fall back to string comparison as PEP 508 and pypa/packaging#816 say.
        // Everywhere else the two must agree.
        // Arrange
        var modern = fixture.Answers.Modern["markers"]!.AsArray();
        var older = fixture.Answers.Older["markers"]!.AsArray();
        var unexplained = new Mismatches("packaging 21.3 difference");
        var compared = 0;

        // Act
        for (var i = 0; i < fixture.Cases.Length; i++)
        {
            var (text, environmentIndex, extra) = fixture.Cases[i];
            var m = modern[i]!;
            var o = older[i]!;
            var changedRule = text.Contains('\\') || NotInSpelledWithOtherWhitespace().IsMatch(text) || text.Contains("extra", StringComparison.Ordinal)
                || MarkerReferenceFixture.Environments[environmentIndex].PythonFullVersion.Contains("rc", StringComparison.Ordinal)
                || m["patched"] is not null;
            if (changedRule) continue;
            if ((bool)m["ok"]! && !(bool)o["ok"]!)
                unexplained.Add($"{Describe(text)}: 24.1 accepts it, 21.3 does not");
            if (!(bool)m["ok"]! || !(bool)o["ok"]!) continue;
            compared++;
            if ((string)m["str"]! != (string)o["str"]! || (bool?)m["value"] != (bool?)o["value"])
                unexplained.Add($"{Describe(text)} env {environmentIndex}: 24.1 {m.ToJsonString()}, 21.3 {o.ToJsonString()}");
        }

        // Assert
        unexplained.AssertNone(compared);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bnot(?! in)[ \t]+in\b")]
    private static partial System.Text.RegularExpressions.Regex NotInSpelledWithOtherWhitespace();
}
