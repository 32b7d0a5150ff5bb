using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;

namespace HookGuard.Checking;

/// <summary>TEMPORARY stand-in until the venv module map lands: a module is provided by the distribution of its name.</summary>
internal static class VenvModuleProviders
{
    public static Func<string, IReadOnlyList<string>> Read(InstalledSet installed)
    {
        var names = installed.Distributions.Concat(installed.Hidden).Select(d => d.NormalizedName).ToHashSet(StringComparer.Ordinal);
        return module => names.Contains(PackageName.Normalize(module)) ? [PackageName.Normalize(module)] : [];
    }
}
