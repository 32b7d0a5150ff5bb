using HookGuard.Core.Drift;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Reporting;

/// <summary>Verdicts built by hand, so the report specs do not depend on how they are computed.</summary>
internal static class SampleReports
{
    public static RequirementEntry Entry(string file, int line, string text, Requirement? requirement, bool editable = false) =>
        new(new SourceLocation(file, line), requirement, text, editable, []);

    public static Requirement Named(string name) => new(name, [], SpecifierSet.Any, null, null);

    public static DriftReport Drifting() => new(
        "services/api",
        "services/api/.venv",
        ["services/api/requirements.txt"],
        [
            new Finding(FindingKind.VersionMismatch, "flask", "3.0.0",
                Entry("services/api/requirements.txt", 3, "flask==2.0.1 --hash=sha256:abc", Named("flask")),
                new SourceLocation("services/api/requirements.txt", 3)),
            new Finding(FindingKind.NotInstalled, "numpy", null,
                Entry("services/api/requirements.txt", 5, "numpy", Named("numpy")),
                new SourceLocation("services/api/requirements.txt", 5)),
            new Finding(FindingKind.Undeclared, "requests", "2.31.0", null,
                new SourceLocation("services/api/requirements.txt", 0)),
        ]) { Policy = Policy.TopLevel };

    public static DriftReport InSync() => new("", ".venv", ["requirements.txt"], []);
}
