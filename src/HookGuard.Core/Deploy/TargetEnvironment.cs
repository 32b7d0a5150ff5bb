using HookGuard.Core.Packaging;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The PEP 508 environment of a deploy target, built from what its source says and, for the rest, from the venv's.
/// </summary>
/// <param name="Candidates">The environments the target may be. One, unless the source names <c>X.Y</c> of another minor
/// than the venv's and no micro: then <c>python_full_version</c> is unknown, and the target is evaluated as <c>X.Y.0</c>
/// and as a late <c>X.Y.99</c>; only a verdict both give counts, so a marker on the micro (<c>python_full_version &gt;=
/// "3.12.1"</c>) is never reported on a guess.</param>
/// <param name="Unknown">Marker variables the target's source does not tell (another system's <c>platform_release</c> and
/// <c>platform_version</c>, PyPy's own <c>implementation_version</c>): a requirement whose marker reads one is not judged.</param>
public sealed record TargetEnvironment(IReadOnlyList<MarkerEnvironment> Candidates, IReadOnlySet<string> Unknown)
{
    /// <summary>
    /// The target's environment; null for a target that is only a range (<c>requires-python</c>), which names no Python
    /// to evaluate markers for.
    /// </summary>
    public static TargetEnvironment? For(DeployTarget target, MarkerEnvironment venv)
    {
        if (target.RequiresPython is not null)
        {
            return null;
        }

        var unknown = new HashSet<string>(StringComparer.Ordinal);
        var python = target.Python ?? venv.PythonVersion;
        string[] fullVersions = target.FullVersion is { } full ? [full]
            : python == venv.PythonVersion ? [venv.PythonFullVersion]
            : [python + ".0", python + ".99"];

        var isPyPy = target.Implementation == "PyPy";
        var sameImplementation = target.Implementation == venv.PlatformPythonImplementation;
        if (isPyPy && !(sameImplementation && python == venv.PythonVersion))
        {
            unknown.Add("implementation_version");
        }

        var platform = target.Platform;
        var machine = platform is null ? venv.PlatformMachine : platform.PlatformMachine ?? SameProcessor(venv.PlatformMachine, platform.SysPlatform);
        var samePlatform = platform is null
            || (platform.SysPlatform == venv.SysPlatform && platform.OsName == venv.OsName && machine == venv.PlatformMachine);
        if (!samePlatform)
        {
            unknown.Add("platform_release");
            unknown.Add("platform_version");
        }

        var candidates = fullVersions.Select(fullVersion => new MarkerEnvironment(
            PythonVersion: python,
            PythonFullVersion: fullVersion,
            OsName: platform?.OsName ?? venv.OsName,
            SysPlatform: platform?.SysPlatform ?? venv.SysPlatform,
            PlatformSystem: platform?.PlatformSystem ?? venv.PlatformSystem,
            PlatformMachine: machine,
            PlatformRelease: samePlatform ? venv.PlatformRelease : "",
            PlatformVersion: samePlatform ? venv.PlatformVersion : "",
            PlatformPythonImplementation: isPyPy ? "PyPy" : "CPython",
            ImplementationName: isPyPy ? "pypy" : "cpython",
            ImplementationVersion: isPyPy ? (sameImplementation && python == venv.PythonVersion ? venv.ImplementationVersion : "") : fullVersion))
            .ToArray();
        return new TargetEnvironment(candidates, unknown);
    }

    /// <summary>
    /// The venv's processor as <paramref name="sysPlatform"/> spells it: a container built on an Apple silicon Mac runs
    /// <c>aarch64</c> Linux, one built on a Windows PC <c>x86_64</c> Linux.
    /// </summary>
    private static string SameProcessor(string machine, string sysPlatform)
    {
        var family = machine.ToLowerInvariant() switch
        {
            "x86_64" or "amd64" => "x86_64",
            "arm64" or "aarch64" => "aarch64",
            "x86" or "i386" or "i686" => "i686",
            var other => other,
        };
        return sysPlatform == "win32"
            ? family switch { "x86_64" => "AMD64", "aarch64" => "ARM64", "i686" => "x86", _ => machine }
            : family;
    }
}
