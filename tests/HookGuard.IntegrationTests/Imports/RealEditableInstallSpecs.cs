using System.Text.Json;
using CliWrap.Buffered;
using HookGuard.Core.Imports;
using HookGuard.Core.Packaging;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>
/// Real PEP 660 editable installs, made offline by pip with the real setuptools 67.6.1 and wheel 0.43 from CPython's
/// test data (<c>--no-build-isolation</c>): a flat project with two packages (setuptools writes its editable finder
/// with a MAPPING) and a src-layout project (a .pth naming <c>src</c>). The lookup must give every pair
/// <c>packages_distributions()</c> gives, and adds only the finder module itself, which RECORD claims but
/// top_level.txt does not list.
/// </summary>
public sealed class RealEditableInstallSpecs
{
    [Theory]
    [InlineData("3.12")]
    [InlineData("3.13")]
    public async Task Setuptools_editables_resolve_like_packages_distributions(string python)
    {
        using var venv = await PythonVenv.CreateAsync(python, withPip: true);
        var testData = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(PythonInterpreters.ForVersion("3.13"))!)!, "lib", "python3.13", "test", "wheeldata");
        await venv.InstallAsync(Path.Combine(testData, "setuptools-67.6.1-py3-none-any.whl"), Path.Combine(testData, "wheel-0.43.0-py3-none-any.whl"));
        var flat = Path.Combine(venv.Root, "flat");
        PythonVenv.WriteFile(Path.Combine(flat, "alpha", "__init__.py"), "");
        PythonVenv.WriteFile(Path.Combine(flat, "beta", "__init__.py"), "");
        PythonVenv.WriteFile(Path.Combine(flat, "pyproject.toml"),
            "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n[project]\nname = \"flat-proj\"\nversion = \"1.0\"\n[tool.setuptools]\npackages = [\"alpha\", \"beta\"]\n");
        var src = Path.Combine(venv.Root, "srcp");
        PythonVenv.WriteFile(Path.Combine(src, "src", "gamma", "__init__.py"), "");
        PythonVenv.WriteFile(Path.Combine(src, "pyproject.toml"),
            "[build-system]\nrequires = [\"setuptools\"]\nbuild-backend = \"setuptools.build_meta\"\n[project]\nname = \"src-proj\"\nversion = \"1.0\"\n");
        var install = await PythonInterpreters.Clean(venv.Python,
            ["-m", "pip", "install", "--no-index", "--no-build-isolation", "--disable-pip-version-check", "-e", flat, "-e", src], venv.Root).ExecuteBufferedAsync();
        Assert.True(install.ExitCode == 0, install.StandardError);
        Assert.True(File.Exists(Path.Combine(venv.SitePackages, "__editable___flat_proj_1_0_finder.py")), "setuptools did not write its finder");

        var ours = VenvModules.Read(VenvReader.Read(venv.Path, venv.Environment));
        var reference = await PackagesDistributionsAsync(venv);

        var oursPairs = ours.Names.SelectMany(name => ours.For(name).Select(p => (name, p.NormalizedName ?? "<unowned>"))).ToHashSet();
        Assert.Empty(reference.Except(oursPairs));
        Assert.Equal([("__editable___flat_proj_1_0_finder", "flat-proj")], oursPairs.Except(reference));
        Assert.Contains(("alpha", "flat-proj"), reference);
        Assert.Equal([("flat-proj", ModuleEvidence.TopLevelText)], ours.For("beta").Select(p => (p.NormalizedName!, p.Evidence)));
        Assert.Equal([("src-proj", ModuleEvidence.TopLevelText)], ours.For("gamma").Select(p => (p.NormalizedName!, p.Evidence)));
    }

    private static async Task<HashSet<(string, string)>> PackagesDistributionsAsync(PythonVenv venv)
    {
        var result = await PythonInterpreters.Clean(venv.Python,
            ["-c", "import importlib.metadata as m, json; print(json.dumps(m.packages_distributions()))"], venv.Root).ExecuteBufferedAsync();
        Assert.True(result.ExitCode == 0, result.StandardError);
        using var json = JsonDocument.Parse(result.StandardOutput);
        return json.RootElement.EnumerateObject()
            .SelectMany(p => p.Value.EnumerateArray().Select(d => (p.Name, PackageName.Normalize(d.GetString()!))))
            .ToHashSet();
    }
}
