using System.Text;
using HookGuard.Core.Drift;
using HookGuard.Core.Requirements;
using static HookGuard.Tests.Drift.DriftFixtures;

namespace HookGuard.Tests.Drift;

/// <summary>The comparison fed by the real requirement-file reader, as the check command composes them.</summary>
public sealed class RequirementFilesAgainstVenvSpecs
{
    private static DeclaredSet Read(params (string Path, string Text)[] files)
    {
        var contents = files.ToDictionary(file => file.Path, file => Encoding.UTF8.GetBytes(file.Text));
        return DeclaredSetResolver.Resolve([files[0].Path], path => contents.GetValueOrDefault(path), _ => null);
    }

    [Fact]
    public void A_frozen_file_with_includes_constraints_markers_and_an_editable_project_is_in_sync_with_its_venv()
    {
        var declared = Read(
            ("svc/requirements.txt", "# app\n-r requirements/base.txt\n-c constraints.txt\n-e .\nrequests[socks]==2.31.0 \\\n    --hash=sha256:0000\npywin32==306 ; sys_platform == 'win32'\n"),
            ("svc/requirements/base.txt", "Flask==3.0.0\n"),
            ("svc/constraints.txt", "flask<4\nnumpy<2\n"));

        var report = Check(declared, VenvHolding(
            Dist("flask", "3.0.0"), Dist("requests", "2.31.0"), Editable("svc", "0.1", "file:///home/dev/repo/svc")));

        Assert.True(report.InSync, string.Join("; ", report.Findings.Select(Describe)));
    }

    [Fact]
    public void Findings_point_at_the_included_file_and_line_that_declares_them()
    {
        var declared = Read(
            ("svc/requirements.txt", "-r requirements/base.txt\n-e ./libs/shared\n"),
            ("svc/requirements/base.txt", "\n# pinned\nFlask==2.3.3\n"));

        var report = Check(declared, VenvHolding(Dist("Flask", "3.0.0"), Dist("click", "8.1.7")));

        Assert.Equal(
        [
            "NotInstalled -e ./libs/shared - svc/requirements.txt:2",
            "VersionMismatch Flask 3.0.0 svc/requirements/base.txt:3",
            "Undeclared click 8.1.7 svc/requirements.txt:0",
        ], report.Findings.Select(Describe));
    }
}
