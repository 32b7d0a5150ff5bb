using HookGuard.Core.Imports;

namespace HookGuard.Tests.Imports;

public sealed class ModuleProvidersSpecs
{
    [Fact]
    public void A_namespace_package_lists_every_distribution_once_in_order()
    {
        var builder = new ModuleProviders.Builder();
        builder.Add("zope", new ModuleProvider("zope.interface", ModuleEvidence.TopLevelText));
        builder.Add("zope", new ModuleProvider("Zope_Event", ModuleEvidence.FileList));
        builder.Add("zope", new ModuleProvider("zope-interface", ModuleEvidence.PthDirectory));

        var providers = builder.Build().For("zope");

        Assert.Equal(["zope-interface", "zope-event"], providers.Select(p => p.NormalizedName));
        Assert.Equal("Zope_Event", providers[1].DisplayName);
    }

    [Fact]
    public void An_unowned_file_counts_only_where_nothing_else_provides_the_name()
    {
        var builder = new ModuleProviders.Builder();
        builder.Add("six", new ModuleProvider("six", ModuleEvidence.FileList));
        builder.Add("six", new ModuleProvider(null, ModuleEvidence.Unowned, "/site/six.py"));
        builder.Add("loose", new ModuleProvider(null, ModuleEvidence.Unowned, "/site/loose.py"));

        var lookup = builder.Build();

        Assert.Equal(["six"], lookup.For("six").Select(p => p.NormalizedName));
        Assert.Null(Assert.Single(lookup.For("loose")).NormalizedName);
    }

    [Fact]
    public void Names_are_case_sensitive()
    {
        var builder = new ModuleProviders.Builder();
        builder.Add("PIL", new ModuleProvider("Pillow", ModuleEvidence.TopLevelText));

        var lookup = builder.Build();

        Assert.True(lookup.Provides("PIL"));
        Assert.False(lookup.Provides("pil"));
        Assert.Empty(lookup.For("pil"));
        Assert.Empty(ModuleProviders.Empty.Names);
    }
}
