using HookGuard.Core.Declarations.Poetry;

namespace HookGuard.Tests.Declarations.Poetry;

/// <summary>Poetry's constraint syntax, translated by HookGuard and by poetry-core 1.4.0, on thousands of generated constraints.</summary>
public sealed class PoetryConstraintDifferentialSpecs
{
    private static readonly string[] Operators = ["^", "~", "~=", "", "==", "=", ">=", ">", "<=", "<", "!=", ">= ", "< ", "~ ", "<>"];
    private static readonly string[] Suffixes = ["", "", "", "", "a1", "b2", "rc1", ".post1", ".dev0", "-1", "+local.7", "a0.dev1"];

    [Fact]
    public void Thousands_of_generated_constraints_parse_and_render_as_poetry_core_renders_them()
    {
        // Arrange
        var random = new Random(20240611);
        var constraints = new List<string>();
        for (var i = 0; i < 4000; i++)
        {
            constraints.Add(Constraint(random));
        }

        // Act
        var answers = PoetryCoreReference.Ask(constraints);

        // Assert
        Assert.Equal(constraints.Count, answers.Count);
        var failures = new List<string>();
        var parsed = 0;
        for (var i = 0; i < constraints.Count; i++)
        {
            var text = constraints[i];
            var answer = answers[i];
            var ours = PoetryConstraint.TryParse(text);
            if (answer is null || ours is null)
            {
                if ((answer is null) != (ours is null))
                {
                    failures.Add($"'{text}': poetry-core {(answer is null ? "rejects" : "parses")} it, HookGuard does not");
                }

                continue;
            }

            parsed++;
            Check(failures, text, "str", answer.Str, PoetryConstraint.Render(ours));
            Check(failures, text, "ranges", answer.Ranges is null ? null : string.Join(" | ", answer.Ranges),
                ours.Count > 1 ? string.Join(" | ", ours.Select(range => range.ToString())) : null);
            if (answer.Pep508 is { } pep508 && !pep508.StartsWith("error:", StringComparison.Ordinal))
            {
                var expected = pep508 == "x" ? "" : pep508[3..^1];
                Check(failures, text, "pep508", expected, PoetryConstraint.TryRenderPep508(text));
            }

            if (answer.Python is { } marker)
            {
                Check(failures, text, "python marker", marker, PoetryConstraint.PythonMarker(ours));
            }
        }

        Assert.True(parsed > 2500, $"only {parsed} of the generated constraints parse; the generator is too wild");
        Assert.True(failures.Count == 0, $"{failures.Count} differences, first ones:\n" + string.Join("\n", failures.Take(25)));
    }

    private static void Check(List<string> failures, string text, string what, string? expected, string? actual)
    {
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            failures.Add($"'{text}' {what}: poetry-core '{expected}', HookGuard '{actual}'");
        }
    }

    private static string Constraint(Random random)
    {
        var alternatives = random.Next(10) < 7 ? 1 : random.Next(2, 4);
        var parts = new List<string>();
        for (var a = 0; a < alternatives; a++)
        {
            var terms = random.Next(10) < 6 ? 1 : random.Next(2, 4);
            var conjunction = new List<string>();
            for (var t = 0; t < terms; t++)
            {
                conjunction.Add(Term(random));
            }

            parts.Add(string.Join(random.Next(3) switch { 0 => ",", 1 => ", ", _ => " " }, conjunction));
        }

        return string.Join(random.Next(3) switch { 0 => " || ", 1 => "||", _ => " | " }, parts);
    }

    private static string Term(Random random)
    {
        switch (random.Next(20))
        {
            case 0:
                return "*";
            case 1:
                return $"{random.Next(4)}.{random.Next(4)}.*";
            case 2:
                return $"!={random.Next(4)}.{random.Next(4)}.*";
            case 3:
                return $"{random.Next(3)}.*";
            case 4:
                return $"=={random.Next(3)}.{random.Next(3)}.{random.Next(3)}.*";
        }

        var precision = random.Next(1, 5);
        var release = string.Join('.', Enumerable.Range(0, precision).Select(_ => random.Next(10) < 4 ? 0 : random.Next(1, 4)));
        return Operators[random.Next(Operators.Length)] + release + Suffixes[random.Next(Suffixes.Length)];
    }
}
