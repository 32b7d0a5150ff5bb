using System.Text.Json.Nodes;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Requirements;

/// <summary>
/// Hundreds of generated requirement files parsed by pip itself and by HookGuard: the same files must fail, and the
/// others must give the same requirements (name, extras, specifier, marker, URL-ness, editable, hashes, constraint).
/// </summary>
public abstract class PipParserDifferentialSpecs(string pythonVersion, int seed)
{
    private const int CaseCount = 200;

    [Fact]
    public void Parses_generated_requirement_files_exactly_as_pip_does()
    {
        // Arrange
        var cases = RequirementFileCases.Generate(CaseCount, seed);
        var root = Directory.CreateTempSubdirectory("hookguard-reqfile-");
        try
        {
            var input = new JsonArray();
            foreach (var c in cases)
            {
                var dir = Path.Combine(root.FullName, $"case{c.Id}");
                WriteCase(dir, c);
                input.Add(new JsonObject
                {
                    ["dir"] = dir,
                    ["roots"] = new JsonArray([.. c.Roots.Select(r => (JsonNode)r)]),
                    ["env"] = new JsonObject([.. c.Variables.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))]),
                });
            }

            // Act
            var expected = PipReference.Run(PipReference.FindPython(pythonVersion), input);
            var actual = cases.Select(c => Describe(c, Path.Combine(root.FullName, $"case{c.Id}"))).ToList();

            // Assert
            var mismatches = new List<string>();
            var failures = 0;
            for (var i = 0; i < cases.Count; i++)
            {
                var pip = Normalize(expected[i]!.AsObject());
                if (pip.StartsWith("ERROR", StringComparison.Ordinal)) failures++;
                var ours = actual[i];
                var same = pip.StartsWith("ERROR", StringComparison.Ordinal) ? ours.StartsWith("ERROR", StringComparison.Ordinal) : pip == ours;
                if (!same) mismatches.Add($"case{i} {Show(cases[i])}\n  pip:  {pip}\n  ours: {ours}");
            }
            Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {CaseCount} differ:\n{string.Join("\n", mismatches.Take(8))}");
            Assert.True(failures > CaseCount / 20 && failures < CaseCount * 3 / 4, $"the generator should make some (not most) files pip refuses; {failures} of {CaseCount}");
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    private static void WriteCase(string dir, RequirementFileCase c)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "pyproject.toml"), "");
        foreach (var project in RequirementFileCases.LocalProjects)
        {
            Directory.CreateDirectory(Path.Combine(dir, project));
            File.WriteAllText(Path.Combine(dir, project, "pyproject.toml"), "");
        }
        foreach (var (path, bytes) in c.Files)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(dir, path))!);
            File.WriteAllBytes(Path.Combine(dir, path), bytes);
        }
    }

    private static LocalPathKind LocalPath(string path) =>
        !Directory.Exists(path) ? LocalPathKind.NotADirectory
        : File.Exists(Path.Combine(path, "setup.py")) || File.Exists(Path.Combine(path, "pyproject.toml")) ? LocalPathKind.ProjectDirectory
        : LocalPathKind.Directory;

    // pip asks the disk whether a local path is a project directory, relative to where it runs (the case folder).
    private static string Describe(RequirementFileCase c, string caseDirectory)
    {
        try
        {
            var declared = DeclaredSetResolver.Resolve(
                c.Roots, p => c.Files.GetValueOrDefault(p), v => c.Variables.GetValueOrDefault(v),
                p => LocalPath(Path.Combine(caseDirectory, p)));
            var entries = declared.Requirements.Concat(declared.Constraints)
                .Select(e => Line(e.Location.File, e.Location.Line, e.FromConstraintFile,
                    e.Requirement?.Name,
                    e.Requirement is null ? [] : e.Requirement.Extras.Order(StringComparer.Ordinal),
                    e.Requirement is null ? [] : string.Concat(e.Requirement.Specifier.ToString().Where(c => !char.IsWhiteSpace(c))).Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
                    e.Requirement?.Marker?.ToString(),
                    e.Requirement is null || e.Requirement.Url is not null,
                    e.Editable,
                    e.Hashes.Order(StringComparer.Ordinal)));
            return string.Join(" ; ", entries.Order(StringComparer.Ordinal));
        }
        catch (RequirementFileError e)
        {
            return "ERROR " + e.Message;
        }
    }

    private static string Normalize(JsonObject result)
    {
        if (!(bool)result["ok"]!) return "ERROR " + (string?)result["error"];
        // HookGuard follows packaging 22+ (pip 24.1+), which rejects the legacy specifiers older pips let through.
        var legacy = result["entries"]!.AsArray().FirstOrDefault(e => (bool?)e!["legacy"] == true);
        if (legacy is not null) return $"ERROR legacy specifier in {legacy["file"]}:{legacy["line"]}, refused since pip 24.1";
        var entries = result["entries"]!.AsArray().Select(n => n!.AsObject()).Select(e => Line(
            (string)e["file"]!, (int)e["line"]!, (bool)e["constraint"]!, (string?)e["name"],
            e["extras"]!.AsArray().Select(x => (string)x!), e["specifier"]!.AsArray().Select(x => (string)x!),
            (string?)e["marker"], (bool)e["link"]!, (bool)e["editable"]!, e["hashes"]!.AsArray().Select(x => (string)x!)));
        return string.Join(" ; ", entries.Order(StringComparer.Ordinal));
    }

    // Markers are compared without spacing and quote style, which packaging's str() rewrites.
    private static string Line(string file, int line, bool constraint, string? name, IEnumerable<string> extras, IEnumerable<string> specifier,
        string? marker, bool link, bool editable, IEnumerable<string> hashes) =>
        $"{file}:{line}{(constraint ? " -c" : "")} {name ?? "<unnamed>"}[{string.Join(',', extras)}]{string.Join(',', specifier)}" +
        $"{(marker is null ? "" : "; " + string.Concat(marker.Where(c => !char.IsWhiteSpace(c))).Replace('\'', '"'))}{(link ? " link" : "")}{(editable ? " editable" : "")}" +
        $"{(hashes.Any() ? " hashes=" + string.Join(',', hashes) : "")}";

    private static string Show(RequirementFileCase c) =>
        string.Join(" | ", c.Files.Select(f => $"{f.Key}={System.Text.Json.JsonSerializer.Serialize(Convert.ToHexString(f.Value.Take(4).ToArray()) + ":" + System.Text.Encoding.UTF8.GetString(f.Value))}"));
}

/// <summary>pip 24.2 under Python 3.13.</summary>
public sealed class PipParserDifferentialSpecsOnPython313() : PipParserDifferentialSpecs("3.13", seed: 1313);

/// <summary>pip 23.2 under Python 3.11.</summary>
public sealed class PipParserDifferentialSpecsOnPython311() : PipParserDifferentialSpecs("3.11", seed: 1111);
