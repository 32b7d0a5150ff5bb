using HookGuard.Core.Imports;

namespace HookGuard.Tests.Imports;

/// <summary>The top-level names in setuptools' editable finder module (<c>_FINDER_TEMPLATE</c>).</summary>
public sealed class EditableFinderMappingSpecs
{
    [Fact]
    public void Mapping_and_namespace_keys_are_the_names_setuptools_65_writes()
    {
        var source = "import sys\nMAPPING = {'alpha': '/p/alpha', 'beta.sub': \"/p/b's\"}\nNAMESPACES = {'ns': ['/p/ns'], 'alpha.x': []}\nPATH_PLACEHOLDER = 'x'\n";

        Assert.Equal(["alpha", "beta", "ns"], EditableFinderMapping.TopLevelNames(source));
    }

    [Fact]
    public void Annotated_assignments_of_setuptools_69_are_read() =>
        Assert.Equal(["gamma"], EditableFinderMapping.TopLevelNames("MAPPING: dict[str, str] = {'gamma': 'C:\\\\src\\\\gamma'}\nNAMESPACES: dict[str, list[str]] = {}\n"));

    [Theory]
    [InlineData("")]
    [InlineData("MAPPING = dict(a='x')\n")]
    [InlineData("MAPPING = {'a': \n")]
    [InlineData("MAPPING = {'a' 'b'}\n")]
    [InlineData("MAPPINGS = {'a': 'b'}\n")]
    public void Anything_but_a_dict_literal_gives_no_names_but_the_ones_before_it(string source) =>
        Assert.DoesNotContain("b", EditableFinderMapping.TopLevelNames(source));

    [Fact]
    public void Finder_files_are_known_by_name()
    {
        Assert.True(EditableFinderMapping.IsFinderFileName("__editable___flat_proj_1_0_finder.py"));
        Assert.False(EditableFinderMapping.IsFinderFileName("__editable__.flat_proj-1.0.pth"));
    }
}
