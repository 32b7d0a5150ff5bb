using System.Security.Cryptography;
using System.Text;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pdm;

/// <summary>
/// <c>[metadata].content_hash</c> of a lock_version 4.0 <c>pdm.lock</c>, as pdm 2.2.1 computes it in
/// <c>Project.get_content_hash</c> (pdm/project/core.py): the digest of
/// <c>json.dumps({"sources", "dependencies", "dev-dependencies", "optional-dependencies", "requires-python", "overrides"},
/// sort_keys=True)</c> (json's default separators <c>", "</c> and <c>": "</c>), each taken from <c>[project]</c> or
/// <c>[tool.pdm]</c> with an empty default.
/// </summary>
/// <remarks>
/// Later pdm releases hash other fields (<c>overrides</c> became <c>[tool.pdm.resolution]</c>, and dependency groups
/// joined), and a lock does not record which release wrote it, so only lock_version 4.0, which pdm 2.2.x writes, is
/// checked; HookGuard reports no stale lock it cannot prove stale.
/// </remarks>
internal static class PdmContentHash
{
    /// <summary>The hex digest with <paramref name="algorithm"/> (<c>sha256</c> or <c>md5</c>), or null when unknown.</summary>
    public static string? Compute(TomlTable pyproject, string algorithm)
    {
        var project = pyproject["project"] as TomlTable;
        var settings = (pyproject["tool"] as TomlTable)?["pdm"] as TomlTable;
        var data = new TomlTable(0);
        data.Add("sources", settings?["source"] ?? new TomlArray(0));
        data.Add("dependencies", project?["dependencies"] ?? new TomlArray(0));
        data.Add("dev-dependencies", settings?["dev-dependencies"] ?? new TomlTable(0));
        data.Add("optional-dependencies", project?["optional-dependencies"] ?? new TomlTable(0));
        data.Add("requires-python", project?["requires-python"] ?? new TomlString(0, ""));
        data.Add("overrides", settings?["overrides"] ?? new TomlTable(0));

        var json = new StringBuilder(1024);
        if (!PythonJson.TryWrite(json, data, ", ", ": "))
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
}
