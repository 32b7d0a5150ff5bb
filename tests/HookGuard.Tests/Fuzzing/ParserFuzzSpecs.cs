using System.Text;
using CsCheck;
using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// Every pure parser, given random bytes and mutated valid documents (<see cref="HostileBytes"/>), returns a result or
/// its typed, located error (<see cref="ParserContract"/>), never another exception. <see cref="FuzzBudget"/> sets how
/// many inputs each gets.
/// </summary>
public sealed class ParserFuzzSpecs
{
    private static readonly MarkerEnvironment Linux312 = MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64");
    private static readonly Func<string, string?> SomeVariables = name => name == "A" ? "x==1" : null;

    private static void Fuzz<T>(Gen<T> inputs, Action<T> property) =>
        inputs.Sample(property, iter: FuzzBudget.Iterations, threads: 1);

    [Fact]
    public void Requirement_files_parse_or_fail_with_a_located_error() =>
        Fuzz(HostileBytes.From(FuzzSeeds.RequirementFiles), bytes =>
            ParserContract.Holds("requirements.txt", () => RequirementFileParser.Parse("requirements.txt", bytes, SomeVariables,
                path => path.Length % 3 == 0 ? LocalPathKind.ProjectDirectory : LocalPathKind.NotADirectory)));

    [Fact]
    public void Python_sources_give_a_best_effort_import_list_and_never_throw() =>
        Fuzz(HostileBytes.From(FuzzSeeds.RequirementFiles), bytes =>
            Assert.NotNull(HookGuard.Core.Imports.PythonImportReader.Read(bytes)));

    [Fact]
    public void Metadata_headers_parse_or_fail_with_a_located_error() =>
        Fuzz(HostileBytes.TextFrom(FuzzSeeds.Metadata), text =>
            ParserContract.Holds("METADATA", () => MetadataParser.Parse(text, "METADATA")));

    [Fact]
    public void Pyvenv_cfg_parses_or_fails_with_a_located_error() =>
        Fuzz(HostileBytes.TextFrom(FuzzSeeds.PyvenvConfigs), text =>
            ParserContract.Holds("pyvenv.cfg", () => PyvenvConfigParser.Parse(text, "pyvenv.cfg")));

    [Fact]
    public void Direct_url_json_parses_or_fails_with_a_located_error() =>
        Fuzz(HostileBytes.TextFrom(FuzzSeeds.DirectUrls), text =>
            ParserContract.Holds("direct_url.json", () => DirectUrlParser.Parse(text, "direct_url.json")));

    [Fact]
    public void Hookguard_toml_parses_or_fails_with_a_located_error() =>
        Fuzz(HostileBytes.TextFrom(FuzzSeeds.Configs), text =>
            ParserContract.Holds(".hookguard.toml", () => ConfigParser.Parse(text, ".hookguard.toml")));

    [Fact]
    public void Toml_documents_parse_or_fail_with_a_located_error() =>
        Fuzz(HostileBytes.From([.. FuzzSeeds.TomlDocuments.Select(FuzzSeeds.Utf8)]), bytes =>
            ParserContract.Holds("doc.toml", () => TomlDocument.Parse("doc.toml", bytes)));

    [Theory]
    [InlineData(DeclarationFormat.UvLock, "uv.lock", "pyproject.toml")]
    [InlineData(DeclarationFormat.PoetryLock, "poetry.lock", "pyproject.toml")]
    [InlineData(DeclarationFormat.PdmLock, "pdm.lock", "pyproject.toml")]
    [InlineData(DeclarationFormat.PipfileLock, "Pipfile.lock", "Pipfile")]
    [InlineData(DeclarationFormat.Pylock, "pylock.toml", "pyproject.toml")]
    [InlineData(DeclarationFormat.Pyproject, "pyproject.toml", "")]
    [InlineData(DeclarationFormat.Pipfile, "Pipfile", "")]
    public void Declaration_files_read_or_fail_with_a_located_error(DeclarationFormat format, string file, string declaredBy)
    {
        var seeds = FuzzSeeds.Locks(file);
        var locks = HostileBytes.From([.. seeds.Select(s => FuzzSeeds.Utf8(s.Lock))]);
        var declarations = HostileBytes.From([.. seeds.Select(s => FuzzSeeds.Utf8(s.Declaration))]);
        // Half the runs mangle the lock beside a valid declaration, half a valid lock beside a mangled declaration (the
        // stale check reads it), and a few have no declaration file at all.
        var inputs = Gen.Select(Gen.Int[0, 9], Gen.OneOf(seeds), locks, declarations,
            (choice, seed, mangledLock, mangledDeclaration) => choice switch
            {
                < 5 => (mangledLock, (byte[]?)FuzzSeeds.Utf8(seed.Declaration)),
                < 9 => (FuzzSeeds.Utf8(seed.Lock), (byte[]?)mangledDeclaration),
                _ => (mangledLock, (byte[]?)null),
            });
        Fuzz(inputs, pair =>
        {
            var (content, declaration) = pair;
            foreach (var environment in new[] { Linux312, null })
            {
                var input = new DeclarationInput("", file, content, path => path == declaredBy ? declaration : null, environment, null,
                    new HashSet<string> { "anyio", "requests" });
                ParserContract.Holds(file, () => DeclarationReaders.Read(format, input));
            }
        });
    }

    [Fact]
    public void Requirements_specifiers_markers_and_versions_parse_or_fail_with_a_packaging_error()
    {
        var requirements = HostileBytes.TextFrom(FuzzSeeds.Packaging(c => c.Requirement()));
        var specifiers = HostileBytes.TextFrom(FuzzSeeds.Packaging(c => c.SpecifierSet()));
        var markers = HostileBytes.TextFrom(FuzzSeeds.Packaging(c => c.Marker()));
        var versions = HostileBytes.TextFrom(FuzzSeeds.Packaging(c => c.Version()));
        var environment = Linux312;
        Fuzz(Gen.Select(requirements, specifiers, markers, versions), texts =>
        {
            var (requirement, specifier, marker, version) = texts;
            ParserContract.Holds("", () => Requirement.Parse(requirement));
            ParserContract.Holds("", () => SpecifierSet.Parse(specifier));
            ParserContract.Holds("", () => Marker.Parse(marker).Evaluate(environment));
            ParserContract.Holds("", () => Marker.ParseLockFile(marker));
            ParserContract.Holds("", () => PythonVersion.Parse(version));
            ParserContract.Holds("", () => SpecifierSet.Parse(specifier).Contains(version));
        });
    }
}
