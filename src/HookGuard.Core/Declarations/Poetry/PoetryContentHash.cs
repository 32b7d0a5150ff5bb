using System.Security.Cryptography;
using System.Text;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// <c>Locker._get_content_hash</c>: the sha256 of <c>json.dumps(relevant, sort_keys=True)</c> over the parts of
/// pyproject.toml that decide the lock, in each era's own way.
/// </summary>
internal static class PoetryContentHash
{
    // Poetry 1.x (lock-version 1.x and 2.0): [tool.poetry]'s keys, the legacy ones present even when absent (as null).
    // https://github.com/python-poetry/poetry/blob/1.3.2/src/poetry/packages/locker.py#L52 (_legacy_keys, _relevant_keys)
    private static readonly string[] LegacyKeys = ["dependencies", "source", "extras", "dev-dependencies"];
    private static readonly string[] RelevantKeys = [.. LegacyKeys, "group"];

    // Poetry 2.x (lock-version 2.1) adds [project]'s keys, and then no longer writes the absent legacy keys.
    // https://github.com/python-poetry/poetry/blob/main/src/poetry/packages/locker.py (_relevant_project_keys)
    private static readonly string[] RelevantProjectKeys = ["requires-python", "dependencies", "optional-dependencies"];

    /// <summary>
    /// The hashes the lock's era could have written for this pyproject.toml (more than one where later Poetry 2 releases
    /// may also have hashed <c>[dependency-groups]</c>); empty when Python's json would have failed (a TOML date).
    /// </summary>
    public static IReadOnlyList<string> Candidates(TomlTable pyproject, bool poetry2)
    {
        var poetry = (pyproject["tool"] as TomlTable)?["poetry"] as TomlTable;
        var project = pyproject["project"] as TomlTable;
        var relevantProject = new List<KeyValuePair<string, PythonJson.Value>>();
        if (poetry2 && project is not null)
        {
            foreach (var key in RelevantProjectKeys)
            {
                if (project[key] is { } value)
                {
                    relevantProject.Add(new(key, new PythonJson.Node(value)));
                }
            }
        }

        var relevantPoetry = new List<KeyValuePair<string, PythonJson.Value>>();
        foreach (var key in RelevantKeys)
        {
            var value = poetry?[key];
            if (value is null && (!LegacyKeys.Contains(key) || relevantProject.Count > 0))
            {
                continue;
            }

            relevantPoetry.Add(new(key, value is null ? new PythonJson.Null() : new PythonJson.Node(value)));
        }

        var candidates = new List<string>();
        if (relevantProject.Count == 0)
        {
            // "For backwards compatibility, we have to put the relevant content of the [tool.poetry] section at top level!"
            Add(candidates, new PythonJson.Object(relevantPoetry));
            return candidates;
        }

        var tool = new KeyValuePair<string, PythonJson.Value>("tool",
            new PythonJson.Object([new("poetry", new PythonJson.Object(relevantPoetry))]));
        Add(candidates, new PythonJson.Object([new("project", new PythonJson.Object(relevantProject)), tool]));
        if (pyproject["dependency-groups"] is TomlTable { Entries.Count: > 0 } groups)
        {
            // Newer Poetry 2 releases hash PEP 735 groups too; accept either rather than call a fresh lock stale.
            Add(candidates, new PythonJson.Object([
                new("project", new PythonJson.Object(relevantProject)), tool, new("dependency-groups", new PythonJson.Node(groups))]));
        }

        return candidates;
    }

    private static void Add(List<string> candidates, PythonJson.Value content)
    {
        var json = new StringBuilder();
        if (PythonJson.TryWrite(json, content, ", ", ": "))
        {
            // json.dumps(...).encode(): UTF-8, though ensure_ascii left nothing but ASCII.
            candidates.Add(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString()))));
        }
    }
}
