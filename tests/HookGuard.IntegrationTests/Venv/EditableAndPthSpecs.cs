using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// Editable installs and .pth path entries, laid out by hand the way the tools leave them (no build backend is
/// installable offline into a fresh venv): a PEP 660 editable (dist-info with direct_url.json dir_info.editable
/// and setuptools' <c>__editable__.*.pth</c>), a legacy <c>setup.py develop</c> (project/NAME.egg-info,
/// site-packages/NAME.egg-link, easy-install.pth), a distribution that is only reachable through a .pth entry, and
/// the same project twice on sys.path (the first wins).
/// </summary>
public class EditableAndPthSpecs(EditableAndPthSpecs.Shape venvs) : IClassFixture<EditableAndPthSpecs.Shape>
{
    public sealed class Shape : VenvDifferentialFixture
    {
        protected override async Task ShapeAsync(PythonVenv venv)
        {
            venv.BuildWheel("dup", "1.0");
            await venv.InstallAsync("dup");
            var site = venv.SitePackages;

            // PEP 660, as setuptools >= 64 leaves it.
            var modern = Path.Combine(venv.Root, "projects", "modern-edit");
            PythonVenv.WriteFile(Path.Combine(modern, "modern_edit", "__init__.py"), "");
            PythonVenv.WriteFile(Path.Combine(site, "Modern_Edit-0.3.dist-info", "METADATA"), PythonVenv.Metadata("Modern_Edit", "0.3"));
            PythonVenv.WriteFile(Path.Combine(site, "Modern_Edit-0.3.dist-info", "direct_url.json"),
                $$"""{"dir_info": {"editable": true}, "url": "{{new Uri(modern).AbsoluteUri}}"}""");
            PythonVenv.WriteFile(Path.Combine(site, "Modern_Edit-0.3.dist-info", "INSTALLER"), "pip\n");
            PythonVenv.WriteFile(Path.Combine(site, "__editable__.Modern_Edit-0.3.pth"), modern + "\n");

            // Legacy 'setup.py develop' / 'pip install -e' with setuptools < 64.
            var legacy = Path.Combine(venv.Root, "projects", "legacy");
            PythonVenv.WriteFile(Path.Combine(legacy, "Legacy_Proj.egg-info", "PKG-INFO"), PythonVenv.Metadata("Legacy_Proj", "2.0.1", "1.2"));
            PythonVenv.WriteFile(Path.Combine(site, "Legacy-Proj.egg-link"), legacy + "\n.");
            PythonVenv.WriteFile(Path.Combine(site, "easy-install.pth"), legacy + "\n");

            // Only reachable through a .pth path entry; plus 'dup' again, at a version that must lose.
            var extra = Path.Combine(venv.Root, "extra");
            PythonVenv.WriteFile(Path.Combine(extra, "pth_only-4.0.dist-info", "METADATA"), PythonVenv.Metadata("pth_only", "4.0"));
            PythonVenv.WriteFile(Path.Combine(extra, "dup-2.0.dist-info", "METADATA"), PythonVenv.Metadata("dup", "2.0"));
            // A hidden .pth: read up to 3.12.1, skipped from 3.13 on.
            var hidden = Path.Combine(venv.Root, "hidden");
            PythonVenv.WriteFile(Path.Combine(hidden, "via_hidden_pth-1.0.dist-info", "METADATA"), PythonVenv.Metadata("via_hidden_pth", "1.0"));
            PythonVenv.WriteFile(Path.Combine(site, ".hidden.pth"), hidden + "\n");
            PythonVenv.WriteFile(Path.Combine(site, "zz-extra.pth"),
                "# a comment\nimport sys; sys.flags\n\n" + Path.Combine(venv.Root, "does-not-exist") + "\n../../../../extra\n");
        }
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void I_read_the_same_distributions_as_pip_freeze(string python)
    {
        var outcome = venvs[python];

        Assert.Equal(outcome.PipFreeze, outcome.HookGuard);
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void Both_kinds_of_editable_install_are_editable(string python)
    {
        var editable = venvs[python].Installed.Distributions.Where(d => d.Editable).Select(d => d.NormalizedName);

        Assert.Equal(["legacy-proj", "modern-edit"], editable.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public void The_first_distribution_on_sys_path_wins(string python)
    {
        var dup = venvs[python].Installed.Distributions.Single(d => d.NormalizedName == "dup");

        Assert.Equal("1.0", dup.Version);
    }

    [Theory]
    [InlineData("3.8", true)]
    [InlineData("3.11", true)]
    [InlineData("3.13", false)]
    public void A_hidden_pth_file_counts_only_before_Python_3_13(string python, bool counted)
    {
        var installed = venvs[python].Installed.Distributions;

        Assert.Equal(counted, installed.Any(d => d.NormalizedName == "via-hidden-pth"));
    }
}
