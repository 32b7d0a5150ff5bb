using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;

namespace HookGuard.Venv;

/// <summary>One distribution found on disk, before pip freeze's hiding rule is applied.</summary>
internal sealed record FoundDistribution(DistributionMetadata Metadata, string InfoPath, DirectUrl? DirectUrl)
{
    /// <summary>The normalized METADATA name: what pip freeze prints and matches its hidden names against.</summary>
    public string NormalizedName => PackageName.Normalize(Metadata.Name);

    /// <summary>
    /// The name pip identifies the distribution by while walking sys.path (first wins, invalid names ignored): the
    /// part of the info directory's name before the first '-' (pip's importlib backend
    /// <c>_get_dist_name_from_location</c>; pkg_resources parses the same from the directory name), else METADATA's.
    /// </summary>
    public string IdentityName
    {
        get
        {
            var fileName = Path.GetFileName(InfoPath);
            var extension = Path.GetExtension(fileName);
            if (extension is not (".dist-info" or ".egg-info")) return NormalizedName;
            var stem = fileName[..^extension.Length];
            var dash = stem.IndexOf('-');
            return PackageName.Normalize(dash < 0 ? stem : stem[..dash]);
        }
    }
}
