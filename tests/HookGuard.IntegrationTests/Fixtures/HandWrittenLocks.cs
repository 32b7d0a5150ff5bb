using System.Text;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>A distribution a hand-written lock pins: its one wheel on the <see cref="LocalPackageIndex"/>, and what it depends on.</summary>
public sealed record LockedWheel(string Name, string Version, params string[] Dependencies)
{
    /// <summary>The file <see cref="WheelBuilder"/> wrote for it (these names need no escaping).</summary>
    public string FileName => $"{Name}-{Version}-py3-none-any.whl";
}

/// <summary>
/// The two lock formats no tool on this machine can write (uv is not installed; PEP 751 writers are newer than the
/// Pythons here), written as text the way their writers lay them out, with the hashes, sizes and URLs of the wheels the
/// <see cref="LocalPackageIndex"/> really serves, so the files are as true as the tool's would be.
/// </summary>
public static class HandWrittenLocks
{
    /// <summary>
    /// A <c>uv.lock</c> (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile; uv's writer:
    /// https://github.com/astral-sh/uv/blob/main/crates/uv-resolver/src/lock/mod.rs, <c>Lock::to_toml</c>): <c>version = 1</c>,
    /// <c>revision</c>, <c>requires-python</c>, then one <c>[[package]]</c> per distribution sorted by name, the registry
    /// ones with <c>source = { registry = URL }</c> and their <c>wheels</c>, the project itself as a virtual root
    /// (<c>source = { virtual = "." }</c>: a project without <c>[build-system]</c> is not installed) whose
    /// <c>[package.metadata] requires-dist</c> records the declaration uv locked, which is what makes a lock stale when
    /// <c>pyproject.toml</c> changes.
    /// </summary>
    /// <param name="requiresDist">The root's declared dependencies as (name, specifier), as <c>pyproject.toml</c> had them.</param>
    public static string UvLock(LocalPackageIndex index, string projectName, string projectVersion,
        IReadOnlyList<LockedWheel> packages, IReadOnlyList<(string Name, string Specifier)> requiresDist)
    {
        var text = new StringBuilder()
            .Append("version = 1\n")
            .Append("revision = 3\n")
            .Append("requires-python = \">=3.8\"\n");

        var entries = packages.Select(package => (package.Name, Root: false, Package: (LockedWheel?)package))
            .Append((Name: projectName, Root: true, Package: (LockedWheel?)null))
            .OrderBy(entry => entry.Name, StringComparer.Ordinal);
        foreach (var (name, isRoot, package) in entries)
        {
            text.Append("\n[[package]]\n").Append($"name = \"{name}\"\n");
            if (isRoot)
            {
                text.Append($"version = \"{projectVersion}\"\n").Append("source = { virtual = \".\" }\n");
                AppendDependencies(text, requiresDist.Select(requirement => requirement.Name));
                text.Append("\n[package.metadata]\nrequires-dist = [\n");
                foreach (var (requirement, specifier) in requiresDist)
                    text.Append($"    {{ name = \"{requirement}\", specifier = \"{specifier}\" }},\n");
                text.Append("]\n");
                continue;
            }

            text.Append($"version = \"{package!.Version}\"\n").Append($"source = {{ registry = \"{index.SimpleUrl}\" }}\n");
            AppendDependencies(text, package.Dependencies);
            text.Append("wheels = [\n")
                .Append($"    {{ url = \"{index.FileUrl(package.FileName)}\", hash = \"sha256:{index.Sha256(package.FileName)}\", size = {index.Size(package.FileName)} }},\n")
                .Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// A <c>pylock.toml</c> (PEP 751, https://packaging.python.org/en/latest/specifications/pylock-toml/):
    /// <c>lock-version = "1.0"</c>, <c>created-by</c>, then <c>[[packages]]</c> with <c>name</c>, <c>version</c>,
    /// <c>index</c> and one <c>[[packages.wheels]]</c> each (<c>name</c>, <c>url</c>, <c>size</c>, <c>hashes</c>).
    /// </summary>
    public static string Pylock(LocalPackageIndex index, IReadOnlyList<LockedWheel> packages)
    {
        var text = new StringBuilder()
            .Append("lock-version = \"1.0\"\n")
            .Append("requires-python = \">=3.8\"\n")
            .Append("created-by = \"hookguard-tests\"\n");
        foreach (var package in packages.OrderBy(package => package.Name, StringComparer.Ordinal))
        {
            text.Append("\n[[packages]]\n")
                .Append($"name = \"{package.Name}\"\n")
                .Append($"version = \"{package.Version}\"\n")
                .Append($"index = \"{index.SimpleUrl}\"\n");
            if (package.Dependencies.Length > 0)
                text.Append("dependencies = [").Append(string.Join(", ", package.Dependencies.Select(d => $"{{ name = \"{d}\" }}"))).Append("]\n");
            text.Append("\n[[packages.wheels]]\n")
                .Append($"name = \"{package.FileName}\"\n")
                .Append($"url = \"{index.FileUrl(package.FileName)}\"\n")
                .Append($"size = {index.Size(package.FileName)}\n")
                .Append($"hashes = {{ sha256 = \"{index.Sha256(package.FileName)}\" }}\n");
        }

        return text.ToString();
    }

    private static void AppendDependencies(StringBuilder text, IEnumerable<string> names)
    {
        var list = names.Order(StringComparer.Ordinal).ToArray();
        if (list.Length == 0) return;
        text.Append("dependencies = [\n");
        foreach (var name in list) text.Append($"    {{ name = \"{name}\" }},\n");
        text.Append("]\n");
    }
}
