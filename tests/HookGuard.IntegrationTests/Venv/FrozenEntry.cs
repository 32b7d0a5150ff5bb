using System.Text.Json;
using System.Text.RegularExpressions;
using CliWrap.Buffered;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// One line of <c>pip freeze</c>, reduced to what both sides can state: the normalized name and either
/// <c>==version</c>, <c>===legacy</c>, <c>@ url</c> (direct URL) or <c>-e version</c> (editable; pip prints the path,
/// the name and version are in the comment above it).
/// </summary>
public sealed partial record FrozenEntry(string Name, string Kind, string Value)
{
    public override string ToString() => $"{Name} {Kind} {Value}";

    /// <summary>Parses pip freeze's output.</summary>
    public static IReadOnlyList<FrozenEntry> ParseFreeze(string output)
    {
        var entries = new List<FrozenEntry>();
        string? editableComment = null;
        foreach (var rawLine in output.Split('\n'))
        {
            // pip 23.0's pkg_resources backend keeps the whitespace of a folded Name header (" folded==5").
            var line = rawLine.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                editableComment = line;
                continue;
            }
            if (line.StartsWith("-e ", StringComparison.Ordinal))
            {
                // "# Editable install with no version control (Foo==1.0)"
                var match = EditableComment().Match(editableComment ?? "");
                Assert.True(match.Success, $"no name/version comment above '{line}' in:\n{output}");
                entries.Add(new FrozenEntry(PackageName.Normalize(match.Groups["name"].Value), "-e", match.Groups["version"].Value));
            }
            else if (line.Contains(" @ ", StringComparison.Ordinal))
            {
                var at = line.IndexOf(" @ ", StringComparison.Ordinal);
                entries.Add(new FrozenEntry(PackageName.Normalize(line[..at]), "@", line[(at + 3)..]));
            }
            else if (line.IndexOf("===", StringComparison.Ordinal) is var legacy and > 0)
                entries.Add(new FrozenEntry(PackageName.Normalize(line[..legacy]), "===", line[(legacy + 3)..]));
            else if (line.IndexOf("==", StringComparison.Ordinal) is var pin and > 0)
                entries.Add(new FrozenEntry(PackageName.Normalize(line[..pin]), "==", line[(pin + 2)..]));
            else
                Assert.Fail($"unexpected pip freeze line '{line}' in:\n{output}");
            editableComment = null;
        }
        return [.. entries.OrderBy(e => e.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// What pip freeze would print for what HookGuard read. Versions are shown as pip shows them (normalized PEP 440,
    /// or <c>===raw</c> for legacy versions); <paramref name="pipVersions"/> maps raw text to that form.
    /// </summary>
    public static IReadOnlyList<FrozenEntry> FromInstalled(IEnumerable<InstalledDistribution> distributions, IReadOnlyDictionary<string, string[]> pipVersions) =>
    [
        .. distributions.Select(d =>
        {
            var shown = pipVersions[d.Version];
            if (d.Editable) return new FrozenEntry(d.NormalizedName, "-e", shown[0] == "===" ? d.Version : shown[1]);
            if (d.DirectUrl is { } url) return new FrozenEntry(d.NormalizedName, "@", url.PipFreezeRequirement(d.Name).Split(" @ ", 2)[1]);
            return new FrozenEntry(d.NormalizedName, shown[0], shown[1]);
        }).OrderBy(e => e.Name, StringComparer.Ordinal),
    ];

    /// <summary>
    /// Asks pip's vendored <c>packaging</c> (one python3 process for all versions) how pip freeze shows each
    /// version: <c>["==", str(Version(v))]</c>, or <c>["===", v]</c> when it is not PEP 440.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> PipDisplayedVersionsAsync(IEnumerable<string> versions, string workingDirectory)
    {
        const string script = """
            import json, sys
            from pip._vendor.packaging.version import Version, InvalidVersion
            out = {}
            for v in json.load(sys.stdin):
                try:
                    out[v] = ["==", str(Version(v))]
                except InvalidVersion:
                    out[v] = ["===", v]
            print(json.dumps(out))
            """;
        var input = JsonSerializer.Serialize(versions.Distinct().ToArray());
        var result = await PythonInterpreters.Clean(PythonInterpreters.Python3, ["-c", script], workingDirectory)
            .WithStandardInputPipe(CliWrap.PipeSource.FromString(input))
            .ExecuteBufferedAsync();
        Assert.True(result.ExitCode == 0, result.StandardError);
        return JsonSerializer.Deserialize<Dictionary<string, string[]>>(result.StandardOutput)!;
    }

    [GeneratedRegex(@"\((?<name>[^=()]+)===?(?<version>[^()]+)\)\s*$")]
    private static partial Regex EditableComment();
}
