using System.Text;
using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Imports;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;
using HookGuard.Tests.Fuzzing;

namespace HookGuard.Fuzz;

/// <summary>Every parser afl-fuzz runs on, by the name <c>fuzz/run.sh</c> takes.</summary>
internal static class FuzzTargets
{
    // Made on first use: the HookGuard assemblies are instrumented, and their code may run only once SharpFuzz has
    // attached afl-fuzz's shared memory (instrumented code run before that writes through a null pointer).
    private static readonly Lazy<MarkerEnvironment> LinuxEnvironment = new(() => MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64"));
    private static MarkerEnvironment Linux312 => LinuxEnvironment.Value;
    private static readonly Func<string, string?> SomeVariables = name => name == "A" ? "x==1" : null;

    /// <summary>What <c>pyproject.toml</c>/<c>Pipfile</c> a lock's stale check reads, by the format it belongs to.</summary>
    private static readonly (DeclarationFormat Format, string File, string DeclaredBy)[] LockFormats =
    [
        (DeclarationFormat.UvLock, "uv.lock", "pyproject.toml"),
        (DeclarationFormat.PoetryLock, "poetry.lock", "pyproject.toml"),
        (DeclarationFormat.PdmLock, "pdm.lock", "pyproject.toml"),
        (DeclarationFormat.PipfileLock, "Pipfile.lock", "Pipfile"),
        (DeclarationFormat.Pylock, "pylock.toml", "pyproject.toml"),
        (DeclarationFormat.Pyproject, "pyproject.toml", ""),
        (DeclarationFormat.Pipfile, "Pipfile", ""),
    ];

    private static readonly string[] ImportSeeds =
    [
        "import os, sys as system\nfrom . import sibling\nfrom .pkg.mod import (a,\n    b as c)\nif x:\n    import yaml\ntry:\n    import ujson as json\nexcept ImportError:\n    import json\n",
        "def f():\n    from requests.adapters import HTTPAdapter\n\"\"\"import not_this\"\"\"\nx = 'import nor_this'\n__import__('dyn')\nimport a.b.c; import d\n",
        "# -*- coding: latin-1 -*-\nclass C:\n    import numpy as np\n    async def g(self):\n        import aiohttp\nfrom __future__ import annotations\n",
    ];

    public static IReadOnlyList<FuzzTarget> All { get; } =
    [
        new("requirements", bytes => ParserErrors.Declared(() => RequirementFileParser.Parse("requirements.txt", bytes, SomeVariables,
                path => path.Length % 3 == 0 ? LocalPathKind.ProjectDirectory : LocalPathKind.NotADirectory)),
            () => FuzzSeeds.RequirementFiles),
        new("metadata", bytes => ParserErrors.Declared(() => MetadataParser.Parse(Text(bytes), "METADATA")), () => Utf8(FuzzSeeds.Metadata)),
        new("pyvenv", bytes => ParserErrors.Declared(() => PyvenvConfigParser.Parse(Text(bytes), "pyvenv.cfg")), () => Utf8(FuzzSeeds.PyvenvConfigs)),
        new("direct-url", bytes => ParserErrors.Declared(() => DirectUrlParser.Parse(Text(bytes), "direct_url.json")), () => Utf8(FuzzSeeds.DirectUrls)),
        new("config", bytes => ParserErrors.Declared(() => ConfigParser.Parse(Text(bytes), ".hookguard.toml")), () => Utf8(FuzzSeeds.Configs)),
        new("toml", bytes => ParserErrors.Declared(() => TomlDocument.Parse("doc.toml", bytes)), () => Utf8(FuzzSeeds.TomlDocuments)),
        new("locks", ReadLock, LockSeeds),
        new("packaging", ParsePackaging, PackagingSeeds),
        new("imports", bytes => _ = PythonImportReader.Read(bytes), () => FuzzSeeds.RequirementFiles.Concat(Utf8(ImportSeeds))),
        new("editor", EditorRoundTrip.Run, () => FuzzSeeds.RequirementFiles),
        new("index", GitTargets.ReadIndex, GitTargets.IndexSeeds),
        new("objects", GitTargets.ReadObject, GitTargets.ObjectSeeds),
    ];

    public static IEnumerable<string> Names => All.Select(target => target.Name);

    public static FuzzTarget Find(string name) =>
        All.FirstOrDefault(target => target.Name == name)
        ?? throw new ArgumentException($"No fuzz target '{name}'. The targets: {string.Join(", ", Names)}.");

    /// <summary>
    /// The first byte picks the format (and whether the lock is read with a venv's markers); the rest is split at the
    /// first NUL into the lock and the declaration file its stale check reads (none when there is no NUL).
    /// </summary>
    private static void ReadLock(byte[] bytes)
    {
        if (bytes.Length == 0) return;
        var (format, file, declaredBy) = LockFormats[bytes[0] % LockFormats.Length];
        var rest = bytes.AsSpan(1);
        var split = rest.IndexOf((byte)0);
        var content = split < 0 ? rest.ToArray() : rest[..split].ToArray();
        byte[]? declaration = split < 0 ? null : rest[(split + 1)..].ToArray();
        var environment = bytes[0] / LockFormats.Length % 2 == 0 ? Linux312 : null;
        var input = new DeclarationInput("", file, content, path => path == declaredBy ? declaration : null, environment, null,
            new HashSet<string> { "anyio", "requests" });
        ParserErrors.Declared(() => DeclarationReaders.Read(format, input));
    }

    private static IEnumerable<byte[]> LockSeeds() =>
        LockFormats.SelectMany((format, index) => FuzzSeeds.Locks(format.File).Select(seed =>
            (byte[])[(byte)index, .. Encoding.UTF8.GetBytes(seed.Lock), 0, .. Encoding.UTF8.GetBytes(seed.Declaration)]));

    /// <summary>PEP 508 requirements, specifier sets, markers (evaluated) and versions: the input's lines, in turn.</summary>
    private static void ParsePackaging(byte[] bytes)
    {
        var lines = Text(bytes).Split('\n');
        var (requirement, specifier, marker, version) = (lines[0], At(lines, 1), At(lines, 2), At(lines, 3));
        ParserErrors.Declared(() => Requirement.Parse(requirement));
        ParserErrors.Declared(() => SpecifierSet.Parse(specifier));
        ParserErrors.Declared(() => Marker.Parse(marker).Evaluate(Linux312));
        ParserErrors.Declared(() => Marker.ParseLockFile(marker));
        ParserErrors.Declared(() => PythonVersion.Parse(version));
        ParserErrors.Declared(() => SpecifierSet.Parse(specifier).Contains(version));
    }

    private static IEnumerable<byte[]> PackagingSeeds()
    {
        var requirements = FuzzSeeds.Packaging(c => c.Requirement());
        var specifiers = FuzzSeeds.Packaging(c => c.SpecifierSet());
        var markers = FuzzSeeds.Packaging(c => c.Marker());
        var versions = FuzzSeeds.Packaging(c => c.Version());
        return Enumerable.Range(0, Math.Min(Math.Min(requirements.Length, specifiers.Length), Math.Min(markers.Length, versions.Length)))
            .Select(i => Encoding.UTF8.GetBytes($"{requirements[i]}\n{specifiers[i]}\n{markers[i]}\n{versions[i]}"));
    }

    private static string At(string[] lines, int index) => index < lines.Length ? lines[index] : "";

    /// <summary>Bytes as the adapters hand text to the parsers: decoded as UTF-8, invalid sequences replaced.</summary>
    private static string Text(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static IEnumerable<byte[]> Utf8(IEnumerable<string> texts) => texts.Select(Encoding.UTF8.GetBytes);
}
