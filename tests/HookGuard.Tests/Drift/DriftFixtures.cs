using HookGuard.Core.Drift;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Drift;

/// <summary>Declared and installed sets written by hand, as the requirement-file and venv readers would give them.</summary>
internal static class DriftFixtures
{
    public const string ProjectDirectory = "/home/dev/repo/svc";

    public static readonly MarkerEnvironment Python311Linux = new(
        "3.11", "3.11.7", "posix", "linux", "Linux", "x86_64", "6.1.0", "#1 SMP", "CPython", "cpython", "3.11.7");

    public static RequirementEntry Line(int line, string text, string file = "svc/requirements.txt") =>
        new(new SourceLocation(file, line), Requirement.Parse(text), text, false, []);

    public static RequirementEntry Unnamed(int line, string text, bool editable = true, string file = "svc/requirements.txt") =>
        new(new SourceLocation(file, line), null, text, editable, []);

    public static DeclaredSet Declared(params RequirementEntry[] entries) =>
        new(entries.Select(entry => entry.Location.File).Prepend("svc/requirements.txt").Distinct().ToArray(), entries);

    public static InstalledDistribution Dist(string name, string version, params string[] requiresDist) =>
        new(name, version, "/home/dev/repo/svc/.venv/lib/python3.11/site-packages", null, requiresDist);

    public static InstalledDistribution Editable(string name, string version, string directoryUrl) =>
        new(name, version, "/home/dev/repo/svc/.venv/lib/python3.11/site-packages",
            new DirectUrl(directoryUrl, Editable: true, null, null, null), []);

    public static InstalledSet VenvHolding(params InstalledDistribution[] distributions) =>
        new("svc/.venv", Python311Linux, distributions);

    public static DriftReport Check(DeclaredSet declared, InstalledSet installed, Policy policy = Policy.Freeze, params string[] ignore) =>
        DriftChecker.Compare(declared, installed, policy, new HashSet<string>(ignore), new ProjectIdentity("svc", ProjectDirectory));

    public static string Describe(Finding finding) =>
        $"{finding.Kind} {finding.Name} {finding.InstalledVersion ?? "-"} {finding.Location}";
}
