using System.Text.Json;
using CliWrap.Buffered;
using HookGuard.Core.Imports;
using HookGuard.Core.Packaging;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>
/// <see cref="VenvModules"/> against the venv's own <c>importlib.metadata.packages_distributions()</c>, on Pythons
/// 3.10 to 3.13 (a missing one fails). Each venv has its own pip (and setuptools where ensurepip brings it), the real
/// wheel 0.43 (flit-built: no top_level.txt) and setuptools 67.6.1 from CPython's test data, and wheels built here:
/// a package, a single module, a top_level.txt that leaves a module out, a namespace package shared by two
/// distributions, extension-module file names, a distribution whose import name differs from its name (PIL), a
/// stubs-only package, a bare top-level file, a hatchling-style editable (.pth to a source directory), a setuptools
/// editable finder, and a module file no distribution owns.
/// </summary>
/// <remarks>
/// Every (name, distribution) pair packages_distributions gives must be in HookGuard's lookup. HookGuard's extra pairs
/// are exactly the deliberate ones: what packages_distributions cannot see on any version (<see cref="AlwaysExtra"/>),
/// plus what older rules drop (3.12: bare files; 3.11: anything but .py files; 3.10: every inferred name).
/// </remarks>
public sealed class ModuleProvidersDifferentialSpecs(ModuleProvidersDifferentialSpecs.Venvs venvs) : IClassFixture<ModuleProvidersDifferentialSpecs.Venvs>
{
    private const string Unowned = "<unowned>";

    private static readonly string[] PythonList = ["3.10", "3.11", "3.12", "3.13"];

    public static TheoryData<string> Pythons => new(PythonList);

    /// <summary>Pairs only HookGuard finds, on every Python.</summary>
    private static readonly (string Name, string Provider)[] AlwaysExtra =
    [
        ("undeclared_extra", "declared"),   // in RECORD, not in top_level.txt
        ("pth_edit_pkg", "pth-edit"),       // in the source directory its _pth_edit.pth adds
        ("finder_pkg", "finder-edit"),      // a key of its editable finder's MAPPING
        ("loose_module", Unowned),          // a bare .py in site-packages
        ("solo_egg", "solo-egg"),           // beside a single-file egg-info of its name, which lists no files
    ];

    public sealed class Venvs : IAsyncLifetime
    {
        private readonly Dictionary<string, (PythonVenv Venv, Dictionary<string, HashSet<string>> Reference, ModuleProviders Ours)> _byVersion = new(StringComparer.Ordinal);

        public (PythonVenv Venv, Dictionary<string, HashSet<string>> Reference, ModuleProviders Ours) this[string version] => _byVersion[version];

        public async Task InitializeAsync()
        {
            var built = await Task.WhenAll(PythonList.Select(async version =>
            {
                var venv = await PythonVenv.CreateAsync(version, withPip: true);
                await ShapeAsync(venv);
                var reference = await PackagesDistributionsAsync(venv);
                var ours = VenvModules.Read(VenvReader.Read(venv.Path, venv.Environment));
                return (version, venv, reference, ours);
            }));
            foreach (var (version, venv, reference, ours) in built) _byVersion[version] = (venv, reference, ours);
        }

        private static async Task ShapeAsync(PythonVenv venv)
        {
            var tag = venv.PythonVersion.Replace(".", "", StringComparison.Ordinal);
            var projects = Path.Combine(venv.Root, "projects");
            var wheels = new List<string>
            {
                ModuleWheels.Build(venv.Wheels, "pkg-dir", "1.0", [("pkgdir/__init__.py", ""), ("pkgdir/sub/__init__.py", "")]),
                ModuleWheels.Build(venv.Wheels, "single-mod", "1.0", [("single_mod.py", "X = 1\n")]),
                ModuleWheels.Build(venv.Wheels, "declared", "1.0", [("declared_pkg/__init__.py", ""), ("undeclared_extra.py", "")], topLevel: "declared_pkg\n"),
                ModuleWheels.Build(venv.Wheels, "ns-one", "1.0", [("nspkg/one/__init__.py", "")]),
                ModuleWheels.Build(venv.Wheels, "ns_two", "1.0", [("nspkg/two/__init__.py", "")]),
                ModuleWheels.Build(venv.Wheels, "extmod", "1.0",
                    [($"fastmod.cpython-{tag}-x86_64-linux-gnu.so", "not really ELF"), ("fastmod_abi.abi3.so", "x"), ("wrongabi.cpython-39-x86_64-linux-gnu.so", "x")]),
                ModuleWheels.Build(venv.Wheels, "Pillow-like", "1.0", [("PIL/__init__.py", "")], topLevel: "PIL\n"),
                ModuleWheels.Build(venv.Wheels, "foo-stubs", "1.0", [("foo-stubs/__init__.pyi", "")]),
                ModuleWheels.Build(venv.Wheels, "bare-file", "1.0", [("bare_file_pkg/__init__.py", ""), ("COPYING", "text")]),
                // hatchling's editable: the wheel holds only a .pth naming the project's source directory.
                ModuleWheels.Build(venv.Wheels, "pth-edit", "1.0", [("_pth_edit.pth", Path.Combine(projects, "pth-edit", "src") + "\n")]),
                // setuptools' PEP 660 editable in its finder mode (the template's MAPPING; install() is all site.py calls).
                ModuleWheels.Build(venv.Wheels, "finder-edit", "1.0",
                [
                    ("__editable__.finder_edit-1.0.pth", "import __editable___finder_edit_1_0_finder; __editable___finder_edit_1_0_finder.install()"),
                    ("__editable___finder_edit_1_0_finder.py",
                        FinderSource(Path.Combine(projects, "finder", "finder_pkg"))),
                ]),
            };
            PythonVenv.WriteFile(Path.Combine(projects, "pth-edit", "src", "pth_edit_pkg", "__init__.py"), "");
            PythonVenv.WriteFile(Path.Combine(projects, "finder", "finder_pkg", "__init__.py"), "");
            var testData = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(PythonInterpreters.ForVersion("3.13"))!)!, "lib", "python3.13", "test", "wheeldata");
            wheels.Add(Path.Combine(testData, "wheel-0.43.0-py3-none-any.whl"));
            if (venv.PythonVersion is "3.12" or "3.13") wheels.Add(Path.Combine(testData, "setuptools-67.6.1-py3-none-any.whl"));
            await venv.InstallAsync([.. wheels]);
            PythonVenv.WriteFile(Path.Combine(venv.SitePackages, "loose_module.py"), "");
            PythonVenv.WriteFile(Path.Combine(venv.SitePackages, "solo_egg-1.0.egg-info"), PythonVenv.Metadata("Solo-Egg", "1.0", "1.1"));
            PythonVenv.WriteFile(Path.Combine(venv.SitePackages, "solo_egg", "__init__.py"), "");
            // 'setup.py install' by pip: an egg-info whose installed-files.txt is relative to itself (read from 3.12 on).
            var eggInfo = Path.Combine(venv.SitePackages, $"legacy_egg-1.0-py{venv.PythonVersion}.egg-info");
            PythonVenv.WriteFile(Path.Combine(eggInfo, "PKG-INFO"), PythonVenv.Metadata("legacy-egg", "1.0", "1.2"));
            PythonVenv.WriteFile(Path.Combine(eggInfo, "installed-files.txt"), "../legacy_egg/__init__.py\n../legacy_egg_mod.py\nPKG-INFO\n");
            PythonVenv.WriteFile(Path.Combine(venv.SitePackages, "legacy_egg", "__init__.py"), "");
            PythonVenv.WriteFile(Path.Combine(venv.SitePackages, "legacy_egg_mod.py"), "");
        }

        /// <summary>The parts of setuptools' _FINDER_TEMPLATE that matter: MAPPING, NAMESPACES, a meta-path finder, install().</summary>
        private static string FinderSource(string packageDirectory) => $$"""
            import sys
            from importlib.util import spec_from_file_location
            from pathlib import Path

            MAPPING: dict[str, str] = {'finder_pkg': {{PythonRepr(packageDirectory)}}}
            NAMESPACES: dict[str, list[str]] = {}


            class _EditableFinder:
                @classmethod
                def find_spec(cls, fullname, path=None, target=None):
                    if fullname in MAPPING:
                        return spec_from_file_location(fullname, Path(MAPPING[fullname], "__init__.py"))
                    return None


            def install():
                if _EditableFinder not in sys.meta_path:
                    sys.meta_path.append(_EditableFinder)

            """;

        private static string PythonRepr(string text) => "'" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal) + "'";

        /// <summary>The reference, with distribution names normalized.</summary>
        private static async Task<Dictionary<string, HashSet<string>>> PackagesDistributionsAsync(PythonVenv venv)
        {
            var result = await PythonInterpreters.Clean(venv.Python,
                ["-c", "import importlib.metadata as m, json; print(json.dumps(m.packages_distributions()))"], venv.Root).ExecuteBufferedAsync();
            Assert.True(result.ExitCode == 0, result.StandardError);
            using var json = JsonDocument.Parse(result.StandardOutput);
            var reference = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
                reference[property.Name] = property.Value.EnumerateArray().Select(d => PackageName.Normalize(d.GetString()!)).ToHashSet(StringComparer.Ordinal);
            return reference;
        }

        public Task DisposeAsync()
        {
            foreach (var (venv, _, _) in _byVersion.Values) venv.Dispose();
            return Task.CompletedTask;
        }
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Every_pair_packages_distributions_gives_is_in_the_lookup(string python)
    {
        var (_, reference, ours) = venvs[python];

        var missing = Pairs(reference).Except(Pairs(ours)).ToList();

        Assert.Empty(missing);
        Assert.NotEmpty(reference); // pip at least: a reference that says nothing proves nothing
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void The_lookup_adds_exactly_the_deliberate_pairs(string python)
    {
        var (_, reference, ours) = venvs[python];
        var expected = AlwaysExtra.ToHashSet();
        var oursPairs = Pairs(ours).ToHashSet();
        if (python == "3.12") expected.Add(("COPYING", "bare-file")); // 3.12 drops bare files getmodulename does not know
        if (python == "3.11")
        {
            // 3.11 infers only from files ending in .py.
            expected.UnionWith([("fastmod", "extmod"), ("fastmod_abi", "extmod"), ("foo-stubs", "foo-stubs"), ("COPYING", "bare-file"),
                ("__pycache__", "single-mod"), ("__pycache__", "finder-edit"),
                ("legacy_egg", "legacy-egg"), ("legacy_egg_mod", "legacy-egg")]); // and no installed-files.txt, only SOURCES.txt
        }
        if (python == "3.10")
        {
            // 3.10 reads top_level.txt only: every name HookGuard infers from a file list is extra there.
            expected.UnionWith(oursPairs.Where(pair => ours.For(pair.Name).Any(p => p.NormalizedName == pair.Provider && p.Evidence == ModuleEvidence.FileList)));
            Assert.Contains(("pkgdir", "pkg-dir"), expected);
            Assert.Contains(("wheel", "wheel"), expected);
        }

        var extra = oursPairs.Except(Pairs(reference)).ToHashSet();

        Assert.Equal(expected.Order(), extra.Order());
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void Names_come_with_how_they_are_known(string python)
    {
        var ours = venvs[python].Ours;

        Assert.Equal([("pillow-like", ModuleEvidence.TopLevelText)], ours.For("PIL").Select(p => (p.NormalizedName!, p.Evidence)));
        Assert.Equal(["ns-one", "ns-two"], ours.For("nspkg").Select(p => p.NormalizedName!).Order());
        Assert.Equal(ModuleEvidence.FileList, Assert.Single(ours.For("fastmod")).Evidence);
        Assert.Empty(ours.For("wrongabi")); // another Python's extension module does not import
        Assert.Equal(ModuleEvidence.RecordBeyondTopLevel, Assert.Single(ours.For("undeclared_extra")).Evidence);
        var pth = Assert.Single(ours.For("pth_edit_pkg"));
        Assert.Equal((ModuleEvidence.PthDirectory, "pth-edit"), (pth.Evidence, pth.NormalizedName));
        Assert.Equal(ModuleEvidence.EditableFinder, Assert.Single(ours.For("finder_pkg")).Evidence);
        var loose = Assert.Single(ours.For("loose_module"));
        Assert.Equal((ModuleEvidence.Unowned, (string?)null), (loose.Evidence, loose.NormalizedName));
        Assert.Equal(["pip"], ours.For("pip").Select(p => p.NormalizedName!));
        Assert.Equal(["setuptools"], ours.For("setuptools").Select(p => p.NormalizedName!)); // hidden by pip freeze, importable all the same
        Assert.Empty(ours.For("pil")); // names are case-sensitive
        Assert.Equal([("solo-egg", ModuleEvidence.NameMatch)], ours.For("solo_egg").Select(p => (p.NormalizedName!, p.Evidence)));
        Assert.Equal([("legacy-egg", ModuleEvidence.FileList)], ours.For("legacy_egg_mod").Select(p => (p.NormalizedName!, p.Evidence)));
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public void An_installed_set_without_info_names_or_site_directories_gives_the_same_lookup(string python)
    {
        // What Checking/PipInstalledReader gives: pip inspect names no info directory and no site directory.
        var venv = venvs[python].Venv;
        var installed = VenvReader.Read(venv.Path, venv.Environment);
        var bare = installed with
        {
            Distributions = installed.Distributions.Select(d => d with { InfoName = null }).ToList(),
            Hidden = installed.Hidden.Select(d => d with { InfoName = null }).ToList(),
            SiteDirectories = [],
        };

        Assert.Equal(Pairs(venvs[python].Ours).Order(), Pairs(VenvModules.Read(bare)).Order());
    }

    [Theory]
    [MemberData(nameof(Pythons))]
    public async Task The_venvs_python_imports_what_the_lookup_adds(string python)
    {
        var venv = venvs[python].Venv;
        var names = AlwaysExtra.Select(pair => pair.Name).ToList();

        var result = await PythonInterpreters.Clean(venv.Python, ["-c", "import sys, importlib; [importlib.import_module(n) for n in sys.argv[1:]]", .. names], venv.Root)
            .ExecuteBufferedAsync();

        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    private static IEnumerable<(string Name, string Provider)> Pairs(Dictionary<string, HashSet<string>> reference) =>
        reference.SelectMany(entry => entry.Value.Select(dist => (entry.Key, dist)));

    private static IEnumerable<(string Name, string Provider)> Pairs(ModuleProviders providers) =>
        providers.Names.SelectMany(name => providers.For(name).Select(p => (name, p.NormalizedName ?? Unowned)));
}
