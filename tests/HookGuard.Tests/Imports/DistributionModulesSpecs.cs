using HookGuard.Core.Imports;

namespace HookGuard.Tests.Imports;

/// <summary>
/// Top-level names from a distribution's metadata files, as Python 3.13's
/// <c>importlib.metadata.packages_distributions()</c> derives them (the integration suite checks the same against the
/// real interpreters).
/// </summary>
public sealed class DistributionModulesSpecs
{
    private static readonly ModuleFileSuffixes Linux313 = new(3, 13, windows: false);
    private static readonly ModuleFileSuffixes Windows312 = new(3, 12, windows: true);

    private static string[] Names(IReadOnlyList<TopLevelEntry> entries) => entries.Where(e => e.ModuleName is not null).Select(e => e.ModuleName!).ToArray();

    [Fact]
    public void Top_level_txt_gives_its_words_once_each() =>
        Assert.Equal(["PIL", "_imaging", "b"], DistributionModules.FromTopLevelText("\uFEFFPIL\r\n_imaging  PIL\n\n\tb\x1c"));

    [Fact]
    public void An_empty_top_level_txt_gives_nothing_so_the_caller_infers() =>
        Assert.Empty(DistributionModules.FromTopLevelText(" \n\t\n"));

    [Fact]
    public void A_package_directory_gives_its_first_component()
    {
        var record = "pkg/__init__.py,sha256=x,0\npkg/sub/mod.py,sha256=y,10\npkg-1.0.dist-info/RECORD,,\n";

        var entries = DistributionModules.FromRecord(record, Linux313);

        Assert.Equal(["pkg"], Names(entries));
        Assert.Equal(new TopLevelEntry("pkg", "pkg", true), entries[0]);
        Assert.Equal(new TopLevelEntry("pkg-1.0.dist-info", null, true), entries[1]);
    }

    [Theory]
    [InlineData("six.py", "six")]
    [InlineData("six.pyc", "six")]
    [InlineData("fast.cpython-313-x86_64-linux-gnu.so", "fast")]
    [InlineData("fast.cpython-313t-aarch64-linux-musl.so", "fast")]
    [InlineData("fast.abi3.so", "fast")]
    [InlineData("fast.so", "fast")]
    [InlineData("COPYING", "COPYING")]          // 3.13 keeps a bare name; 3.12 drops it
    [InlineData("fast.cpython-312-x86_64-linux-gnu.so", null)] // another Python's: not importable here
    [InlineData("fast.pyd", null)]               // a Windows extension, on Linux
    [InlineData("stubs.pyi", null)]
    [InlineData("zope.interface-5.0-nspkg.pth", null)]
    [InlineData(".py", null)]
    public void A_bare_file_gives_its_module_name_or_nothing(string file, string? expected) =>
        Assert.Equal(expected, Assert.Single(DistributionModules.FromRecord(file + ",,\n", Linux313)).ModuleName);

    [Theory]
    [InlineData("fast.cp312-win_amd64.pyd", "fast")]
    [InlineData("fast.pyd", "fast")]
    [InlineData("gui.pyw", "gui")]
    [InlineData("fast.cpython-312-x86_64-linux-gnu.so", null)]
    public void A_windows_venv_knows_windows_suffixes(string file, string? expected) =>
        Assert.Equal(expected, Assert.Single(DistributionModules.FromRecord(file + ",,\n", Windows312)).ModuleName);

    [Fact]
    public void Caches_stubs_and_paths_outside_the_directory_follow_the_dot_rule()
    {
        var record = "__pycache__/six.cpython-313.pyc,,\nfoo-stubs/__init__.pyi,,\n../../../bin/tool,sha256=z,5\n./six.py,,\n";

        Assert.Equal(["__pycache__", "foo-stubs", "six"], Names(DistributionModules.FromRecord(record, Linux313)));
    }

    [Fact]
    public void Quoted_paths_and_backslashes_and_a_byte_order_mark_are_read()
    {
        var record = "\uFEFF\"a,b/__init__.py\",sha256=x,1\r\n\"say \"\"hi\"\"/x.py\",,\r\nwin\\mod.py,,\r\n\"odd\"tail.py,,\n";

        Assert.Equal(["a,b", "say \"hi\"", "win", "oddtail"], Names(DistributionModules.FromRecord(record, Linux313)));
    }

    [Fact]
    public void Rows_python_would_refuse_are_read_as_far_as_they_go()
    {
        var record = "\n\nok.py,a,b,c,d\n\"unterminated/x.py\n,,\n";

        Assert.Equal(["ok", "unterminated"], Names(DistributionModules.FromRecord(record, Linux313)));
    }

    [Fact]
    public void Installed_files_are_relative_to_the_egg_info_directory()
    {
        var text = "../legacy/__init__.py\n../legacy/__pycache__/__init__.cpython-313.pyc\n../legacy_mod.py\nPKG-INFO\n../../../../bin/legacy-tool\n/abs/path.py\n";

        var entries = DistributionModules.FromInstalledFiles(text, "legacy-1.0-py3.13.egg-info", Linux313);

        Assert.Equal(["legacy", "legacy_mod"], Names(entries));
        Assert.Contains(new TopLevelEntry("legacy-1.0-py3.13.egg-info", null, true), entries);
    }

    [Fact]
    public void Sources_txt_is_read_as_paths_relative_to_the_install_directory() =>
        Assert.Equal(["setup", "src", "proj"], Names(DistributionModules.FromSourcesText("setup.py\nsrc/proj/__init__.py\nproj.egg-info/PKG-INFO\nproj/x.py\n", Linux313)));

    [Fact]
    public void Importable_site_entries_are_identifiers_packages_and_module_files()
    {
        Assert.Equal("pkg", Linux313.ImportableName("pkg", isDirectory: true));
        Assert.Null(Linux313.ImportableName("__pycache__", isDirectory: true));
        Assert.Null(Linux313.ImportableName("pkg-1.0.dist-info", isDirectory: true));
        Assert.Null(Linux313.ImportableName("foo-stubs", isDirectory: true));
        Assert.Equal("mod", Linux313.ImportableName("mod.py", isDirectory: false));
        Assert.Equal("ext", Linux313.ImportableName("ext.cpython-313-x86_64-linux-gnu.so", isDirectory: false));
        Assert.Null(Linux313.ImportableName("distutils-precedence.pth", isDirectory: false));
        Assert.Null(Linux313.ImportableName("2to3.py", isDirectory: false));
        Assert.Equal("naïve", Linux313.ImportableName("naïve.py", isDirectory: false));
    }
}
