using System.Security.Cryptography;
using System.Text;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pipenv;

/// <summary>
/// The <c>_meta.hash.sha256</c> pipenv 2022.12.19 records in <c>Pipfile.lock</c>: <c>Project.calculate_pipfile_hash</c>
/// (pipenv/project.py) loads the Pipfile with its vendored plette and takes <c>Pipfile.get_hash()</c>
/// (pipenv/vendor/plette/pipfiles.py), the SHA-256 of
/// <c>json.dumps({"_meta": {"sources": source, "requires": requires}, "default": packages, "develop": dev-packages,
/// ...other categories}, sort_keys=True, separators=(",", ":"))</c>.
/// </summary>
internal static class PipfileHash
{
    // plette's PIPFILE_SECTIONS plus "default"/"develop": every other top-level key is a package category and is hashed
    // under its own name (pipfiles.py, get_hash).
    private static readonly HashSet<string> NotCategories =
        new(["source", "packages", "dev-packages", "requires", "scripts", "pipfile", "pipenv", "default", "develop"], StringComparer.Ordinal);

    /// <summary>
    /// The digests a fresh lock of <paramref name="pipfile"/> may record: one, or for a Pipfile without <c>[[source]]</c>
    /// two, since pipenv before plette (the <c>pipfile</c> library, until 2022) filled in
    /// <c>https://pypi.python.org/simple</c> where plette fills in <c>https://pypi.org/simple</c>, and a lock written then
    /// is not stale. Empty when pipenv itself could not compute one (a TOML date, which json.dumps refuses).
    /// </summary>
    public static IReadOnlyList<string> Candidates(TomlTable pipfile) =>
        pipfile["source"] is not null
            ? [.. Compute(pipfile, "https://pypi.org/simple") is { } only ? [only] : Array.Empty<string>()]
            : new[] { "https://pypi.org/simple", "https://pypi.python.org/simple" }
                .Select(url => Compute(pipfile, url)).OfType<string>().ToArray();

    /// <summary>The hex digest, or null when pipenv itself could not compute one (a TOML date, which json.dumps refuses).</summary>
    public static string? Compute(TomlTable pipfile, string defaultSourceUrl = "https://pypi.org/simple")
    {
        var meta = new TomlTable(0);
        // Pipfile.load prepends DEFAULT_SOURCE_TOML (pypi, verify_ssl = true) when the file has no [[source]].
        meta.Add("sources", pipfile["source"] ?? DefaultSources(defaultSourceUrl));
        meta.Add("requires", pipfile["requires"] ?? new TomlTable(0));

        var data = new TomlTable(0);
        data.Add("_meta", meta);
        data.Add("default", pipfile["packages"] ?? new TomlTable(0));
        data.Add("develop", pipfile["dev-packages"] ?? new TomlTable(0));
        foreach (var (key, value) in pipfile.Entries)
        {
            if (!NotCategories.Contains(key))
            {
                data.Add(key, value);
            }
        }

        var json = new StringBuilder(1024);
        if (!PythonJson.TryWrite(json, data, ",", ":"))
        {
            return null;
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json.ToString())));
    }

    private static TomlArray DefaultSources(string url)
    {
        var pypi = new TomlTable(0);
        pypi.Add("name", new TomlString(0, "pypi"));
        pypi.Add("url", new TomlString(0, url));
        pypi.Add("verify_ssl", new TomlBoolean(0, true));
        var sources = new TomlArray(0);
        sources.Add(pypi);
        return sources;
    }
}
