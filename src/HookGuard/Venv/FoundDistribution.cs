using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;

namespace HookGuard.Venv;

/// <summary>One distribution found on disk, before pip freeze's hiding rule is applied.</summary>
/// <param name="Metadata">Its METADATA (or PKG-INFO) header block.</param>
/// <param name="Location">The <c>sys.path</c> entry it was found in (pip's <c>location</c>).</param>
/// <param name="InfoName">The name of its info directory or file in <paramref name="Location"/>.</param>
/// <param name="DirectUrl">Its PEP 610 <c>direct_url.json</c>, if any.</param>
internal sealed record FoundDistribution(DistributionMetadata Metadata, string Location, string InfoName, DirectUrl? DirectUrl)
{
    /// <summary>The normalized METADATA name: what pip freeze prints and matches its hidden names against.</summary>
    public string NormalizedName => field ??= PackageName.Normalize(Metadata.Name);

    /// <summary>
    /// The name pip identifies the distribution by while walking sys.path (first wins, invalid names ignored): the
    /// part of the info directory's name before the first '-' (pip's importlib backend
    /// <c>_get_dist_name_from_location</c>; pkg_resources parses the same from the directory name), else METADATA's.
    /// </summary>
    public string IdentityName => field ??= IdentityFrom(InfoName);

    private string IdentityFrom(string fileName)
    {
        var extension = Path.GetExtension(fileName.AsSpan());
        if (!extension.SequenceEqual(".dist-info") && !extension.SequenceEqual(".egg-info")) return NormalizedName;
        var stem = fileName.AsSpan(0, fileName.Length - extension.Length);
        var dash = stem.IndexOf('-');
        return PackageName.Normalize((dash < 0 ? stem : stem[..dash]).ToString());
    }
}
