using System.Security.Cryptography;
using System.Text;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pdm;

/// <summary>
/// <c>[metadata].content_hash</c> of a <c>pdm.lock</c>: the digest of <c>json.dumps(data, sort_keys=True)</c> (json's default
/// separators <c>", "</c> and <c>": "</c>) over the parts of <c>pyproject.toml</c> that need a relock when they change, each
/// from <c>[project]</c> or <c>[tool.pdm]</c> with an empty default. Which parts depends on the pdm release
/// (<see cref="PdmHashRecipe"/>), and a lock does not record its release, only its lock_version.
/// </summary>
internal static class PdmContentHash
{
    /// <summary>The hex digest with <paramref name="algorithm"/> (<c>sha256</c> or <c>md5</c>), or null when unknown.</summary>
    public static string? Compute(TomlTable pyproject, string algorithm, PdmHashRecipe recipe)
    {
        var project = pyproject["project"] as TomlTable;
        var settings = (pyproject["tool"] as TomlTable)?["pdm"] as TomlTable;
        var data = new List<KeyValuePair<string, PythonJson.Value>>
        {
            new("sources", Node(settings?["source"] ?? new TomlArray(0))),
            new("dependencies", Node(project?["dependencies"] ?? new TomlArray(0))),
            new("optional-dependencies", Node(project?["optional-dependencies"] ?? new TomlTable(0))),
            new("requires-python", Node(project?["requires-python"] ?? new TomlString(0, ""))),
        };
        if (recipe is PdmHashRecipe.Overrides or PdmHashRecipe.ResolutionOverrides)
        {
            // pdm 2.2 (pdm/project/core.py, Project.get_content_hash); later, PyProject.content_hash with
            // resolution_overrides, which reads [tool.pdm.overrides] else [tool.pdm.resolution.overrides].
            var overrides = settings?["overrides"]
                            ?? (recipe == PdmHashRecipe.ResolutionOverrides ? ((settings?["resolution"] as TomlTable)?["overrides"]) : null);
            data.Add(new("dev-dependencies", Node(settings?["dev-dependencies"] ?? new TomlTable(0))));
            data.Add(new("overrides", Node(overrides ?? new TomlTable(0))));
        }
        else
        {
            // Later releases (pdm/project/project_file.py, PyProject.content_hash): [tool.pdm.resolution] whole, and the
            // dev groups as pdm reads them, PEP 735 [dependency-groups] and [tool.pdm.dev-dependencies] in one table.
            data.Add(new("dev-dependencies", DevGroups(pyproject["dependency-groups"] as TomlTable, settings?["dev-dependencies"] as TomlTable)));
            data.Add(new("resolution", Node(settings?["resolution"] ?? new TomlTable(0))));
        }

        var json = new StringBuilder(1024);
        if (!PythonJson.TryWrite(json, new PythonJson.Object(data), ", ", ": "))
        {
            return null;
        }

        var bytes = Encoding.UTF8.GetBytes(json.ToString());
        return algorithm switch
        {
            "sha256" => Convert.ToHexStringLower(SHA256.HashData(bytes)),
            "md5" => Convert.ToHexStringLower(MD5.HashData(bytes)),
            _ => null,
        };
    }

    private static PythonJson.Node Node(TomlNode node) => new(node);

    /// <summary>Each group's items, [dependency-groups] first, under the group's name as written.</summary>
    private static PythonJson.Object DevGroups(TomlTable? dependencyGroups, TomlTable? devDependencies)
    {
        var groups = new Dictionary<string, TomlArray>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var table in new[] { dependencyGroups, devDependencies })
        {
            foreach (var (name, items) in table?.Entries ?? [])
            {
                if (!groups.TryGetValue(name, out var merged))
                {
                    groups[name] = merged = new TomlArray(items.Line);
                    order.Add(name);
                }

                foreach (var item in (items as TomlArray)?.Items ?? [])
                {
                    merged.Add(item);
                }
            }
        }

        return new PythonJson.Object(order.Select(name => new KeyValuePair<string, PythonJson.Value>(name, Node(groups[name]))).ToList());
    }
}

/// <summary>The ways pdm has hashed <c>pyproject.toml</c> for <c>content_hash</c>, each reproducing real locks.</summary>
internal enum PdmHashRecipe
{
    /// <summary>pdm 2.2 (lock_version 4.0): <c>dev-dependencies</c> and <c>overrides</c> of <c>[tool.pdm]</c>.</summary>
    Overrides,

    /// <summary>The same with <c>[tool.pdm.resolution.overrides]</c> as the fallback (real locks of 4.2 to 4.4.1).</summary>
    ResolutionOverrides,

    /// <summary>Later pdm (real locks of 4.4.2 and 4.5): <c>resolution</c> whole, and the dev groups with PEP 735's.</summary>
    Resolution,
}
