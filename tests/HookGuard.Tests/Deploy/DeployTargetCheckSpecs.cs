using HookGuard.Core.Configuration;
using HookGuard.Core.Deploy;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Tests.Declarations.Uv;
using static HookGuard.Tests.Deploy.DeployFixtures;

namespace HookGuard.Tests.Deploy;

public sealed class DeployTargetCheckSpecs
{
    private static IReadOnlyList<DeployFinding> Check(
        Dictionary<string, string> files,
        MarkerEnvironment venv,
        string requirements = "",
        string config = "",
        Func<MarkerEnvironment, DeclaredSet>? readForTarget = null,
        DeclaredSet? declared = null)
    {
        var all = new Dictionary<string, string>(files) { ["requirements.txt"] = requirements };
        Func<string, byte[]?> readFile = path => all.TryGetValue(path, out var text) ? Bytes(text) : null;
        declared ??= DeclaredSetResolver.Resolve(["requirements.txt"], readFile, _ => null);
        return DeployTargetCheck.Findings("", ConfigParser.Parse(config), readFile, venv, declared, readForTarget);
    }

    private static Dictionary<string, string> Zappa(string stages) => new() { ["zappa_settings.json"] = "{\n" + stages + "\n}" };

    [Fact]
    public void A_zappa_runtime_of_another_minor_is_a_python_mismatch_at_the_runtime_line_naming_the_stage()
    {
        var findings = Check(Zappa("\"production\": {\n  \"runtime\": \"python3.12\"\n}"), Linux311);

        var finding = Assert.Single(findings);
        Assert.Equal(DeployFindingKind.PythonMismatch, finding.Kind);
        Assert.Equal(new("zappa_settings.json", 3), finding.Location);
        Assert.Equal("3.12", finding.Subject);
        Assert.Equal("the venv runs Python 3.11, but zappa_settings.json (stage 'production') deploys to python3.12", finding.Message);
        Assert.False(finding.Blocks);
    }

    [Fact]
    public void Under_block_the_finding_blocks_and_under_off_nothing_is_even_read()
    {
        var blocking = Check(Zappa("\"p\": {\"runtime\": \"python3.12\"}"), Linux311, config: "target-check = \"block\"");
        var reads = 0;
        var off = DeployTargetCheck.Findings("", ConfigParser.Parse("target-check = \"off\""), _ =>
        {
            reads++;
            return null;
        }, Linux311, new DeclaredSet([], []), null);

        Assert.True(Assert.Single(blocking).Blocks);
        Assert.Empty(off);
        Assert.Equal(0, reads);
    }

    [Theory]
    [InlineData("zappa_settings.json", "{\"p\": {\"runtime\": \"python3.11\"}}")]
    [InlineData("runtime.txt", "python-3.11.2")]
    [InlineData(".python-version", "3.11.0")]
    [InlineData("Dockerfile", "FROM python:3.11.9-slim")]
    [InlineData("pyproject.toml", "[project]\nrequires-python = \">=3.10,<3.12\"")]
    public void The_same_minor_passes_whatever_the_patch(string file, string text) =>
        Assert.Empty(Check(new() { [file] = text }, Linux311));

    [Fact]
    public void Each_stage_of_another_python_is_reported_and_one_that_matches_is_not()
    {
        var findings = Check(Zappa("\"dev\": {\"runtime\": \"python3.11\"},\n\"staging\": {\"runtime\": \"python3.12\"},\n\"prod\": {\"extends\": \"staging\"}"), Linux311);

        Assert.Collection(findings,
            staging => Assert.Contains("(stage 'staging') deploys to python3.12", staging.Message),
            prod => Assert.Contains("(stage 'prod') deploys to python3.12", prod.Message));
        Assert.All(findings, finding => Assert.Equal(new("zappa_settings.json", 3), finding.Location));
    }

    [Fact]
    public void A_pypy_target_does_not_match_a_cpython_venv_of_the_same_version()
    {
        var finding = Assert.Single(Check(new() { [".python-version"] = "pypy3.11-7.3.19" }, Linux311));

        Assert.Equal("pypy3.11", finding.Subject);
        Assert.Equal("the venv runs CPython 3.11, but .python-version names pypy3.11-7.3.19 (PyPy 3.11)", finding.Message);
    }

    [Fact]
    public void A_venv_outside_requires_python_is_a_mismatch_naming_the_range()
    {
        var finding = Assert.Single(Check(new() { ["pyproject.toml"] = "[project]\nname = \"app\"\nrequires-python = \">=3.12\"\n" }, Linux311));

        Assert.Equal((new SourceLocation("pyproject.toml", 3), ">=3.12"), (finding.Location, finding.Subject));
        Assert.Equal("the venv runs Python 3.11.7, which pyproject.toml requires-python '>=3.12' does not allow", finding.Message);
    }

    [Fact]
    public void The_configured_target_python_is_compared_too()
    {
        var finding = Assert.Single(Check(new(), Linux311, config: "target-python = \"3.13\""));

        Assert.Equal("the venv runs Python 3.11, but .hookguard.toml target-python is 3.13", finding.Message);
    }

    [Fact]
    public void A_target_file_that_cannot_be_read_is_reported_not_skipped()
    {
        var finding = Assert.Single(Check(new() { ["zappa_settings.json"] = "{\"p\": {\"runtime\": \"python3\"}}" }, Linux311));

        Assert.Equal(DeployFindingKind.PythonMismatch, finding.Kind);
        Assert.StartsWith("cannot tell the deploy target's Python from zappa_settings.json: ", finding.Message);
    }

    [Fact]
    public void A_line_the_venv_installs_and_the_target_skips_by_python_version_is_a_marker_mismatch_at_its_line()
    {
        const string requirements = "flask==3.0.0\ntomli==2.0.1; python_version < \"3.11\"\nexceptiongroup==1.2.0 ; python_version < \"3.12\"\n";

        var findings = Check(Zappa("\"production\": {\"runtime\": \"python3.12\"}"), Linux311, requirements);

        var marker = Assert.Single(findings, finding => finding.Kind == DeployFindingKind.MarkerMismatch);
        Assert.Equal(new("requirements.txt", 3), marker.Location);
        Assert.Equal("exceptiongroup", marker.Subject);
        Assert.Equal("'exceptiongroup==1.2.0 ; python_version < \"3.12\"' is installed in the venv but the target "
            + "(python3.12, zappa_settings.json (stage 'production')) skips it", marker.Message);
    }

    [Fact]
    public void A_line_only_the_target_installs_is_reported_the_other_way_round()
    {
        var findings = Check(Zappa("\"production\": {\"runtime\": \"python3.12\"}"), Linux311, "pkg==1.0; python_version >= \"3.12\"\n");

        var marker = Assert.Single(findings, finding => finding.Kind == DeployFindingKind.MarkerMismatch);
        Assert.Contains("is skipped in the venv but the target (python3.12, zappa_settings.json (stage 'production')) installs it", marker.Message);
    }

    [Fact]
    public void A_mac_venv_against_lambda_diverges_on_sys_platform_even_on_the_same_python()
    {
        const string requirements = "pyobjc==10.0; sys_platform == \"darwin\"\nuvloop==0.19; sys_platform != \"win32\"\ninotify==0.2; sys_platform == \"linux\"\n";

        var findings = Check(Zappa("\"dev\": {\"app_function\": \"app.app\"}"), Mac311, requirements);

        Assert.Equal(["pyobjc", "inotify"], findings.Select(finding => finding.Subject));
        Assert.All(findings, finding => Assert.Equal(DeployFindingKind.MarkerMismatch, finding.Kind));
    }

    [Fact]
    public void An_arm64_stage_diverges_on_platform_machine()
    {
        var findings = Check(Zappa("\"graviton\": {\"runtime\": \"python3.11\", \"architecture\": \"arm64\"}"), Linux311,
            "intel-openmp==2024.0; platform_machine == \"x86_64\"\n");

        Assert.Equal("intel-openmp", Assert.Single(findings).Subject);
    }

    [Fact]
    public void A_container_built_on_an_apple_silicon_mac_is_aarch64_linux()
    {
        var findings = Check(new() { ["Dockerfile"] = "FROM python:3.11-slim" }, Mac311,
            "graviton-only==1.0; platform_machine == \"aarch64\"\nmac-only==1.0; platform_machine == \"arm64\"\n");

        Assert.Equal(["graviton-only", "mac-only"], findings.Select(finding => finding.Subject));
        Assert.Contains("is skipped in the venv but the target (python:3.11-slim, Dockerfile) installs it", findings[0].Message);
        Assert.Contains("is installed in the venv but the target (python:3.11-slim, Dockerfile) skips it", findings[1].Message);
    }

    [Fact]
    public void A_marker_on_an_unknown_micro_or_release_is_not_judged_on_a_guess()
    {
        const string requirements = "a==1; python_full_version >= \"3.12.1\"\nb==1; platform_release >= \"5\"\nc==1; python_full_version >= \"3.12.0\"\n";

        var findings = Check(Zappa("\"p\": {\"runtime\": \"python3.12\"}"), Linux311, requirements);

        Assert.Equal(["c"], findings.Where(finding => finding.Kind == DeployFindingKind.MarkerMismatch).Select(finding => finding.Subject));
    }

    [Fact]
    public void Stages_with_the_same_environment_give_one_finding_per_line_naming_them_all()
    {
        var findings = Check(Zappa("\"dev\": {\"runtime\": \"python3.12\"},\n\"prod\": {\"runtime\": \"python3.12\"}"), Linux311,
            "tomli==2.0.1; python_version < \"3.12\"\n");

        var marker = Assert.Single(findings, finding => finding.Kind == DeployFindingKind.MarkerMismatch);
        Assert.EndsWith("the target (python3.12, zappa_settings.json (stages 'dev', 'prod')) skips it", marker.Message);
    }

    [Fact]
    public void A_requires_python_target_has_no_markers_to_evaluate()
    {
        var findings = Check(new() { ["pyproject.toml"] = "[project]\nrequires-python = \">=3.11\"\n" }, Linux311, "tomli==2; python_version < \"3.11\"\n");

        Assert.Empty(findings);
    }

    [Fact]
    public void A_lock_is_read_again_for_the_target_and_the_selections_compared()
    {
        var venv = UvLockReaderSpecs.Linux310;
        var forVenv = UvLockReaderSpecs.Read(UvLockReaderSpecs.LockText, UvLockReaderSpecs.PyprojectText, venv);
        var environments = new List<MarkerEnvironment>();

        var findings = Check(Zappa("\"p\": {\"runtime\": \"python3.12\"}"), venv, declared: forVenv, readForTarget: environment =>
        {
            environments.Add(environment);
            return UvLockReaderSpecs.Read(UvLockReaderSpecs.LockText, UvLockReaderSpecs.PyprojectText, environment);
        });

        var marker = Assert.Single(findings, finding => finding.Kind == DeployFindingKind.MarkerMismatch);
        Assert.Equal("exceptiongroup", marker.Subject);
        Assert.Equal("uv.lock", marker.Location.File);
        Assert.Equal("'exceptiongroup==1.2.2' is installed in the venv but the target (python3.12, zappa_settings.json (stage 'p')) skips it", marker.Message);
        Assert.Equal(["3.12.0", "3.12.99"], environments.Select(environment => environment.PythonFullVersion));
        Assert.All(environments, environment => Assert.Equal("linux", environment.SysPlatform));
    }

    [Fact]
    public void A_lock_for_a_windows_container_selects_what_the_linux_venv_does_not()
    {
        var venv = UvLockReaderSpecs.Linux312;
        var forVenv = UvLockReaderSpecs.Read(UvLockReaderSpecs.LockText, UvLockReaderSpecs.PyprojectText, venv);

        var findings = Check(new() { ["Dockerfile"] = "FROM python:3.12.4-windowsservercore" }, venv, declared: forVenv,
            readForTarget: environment => UvLockReaderSpecs.Read(UvLockReaderSpecs.LockText, UvLockReaderSpecs.PyprojectText, environment));

        var marker = Assert.Single(findings);
        Assert.Equal("colorama", marker.Subject);
        Assert.Contains("is skipped in the venv but the target (python:3.12.4-windowsservercore, Dockerfile) installs it", marker.Message);
    }

    [Fact]
    public void No_target_file_means_no_finding()
    {
        Assert.Empty(Check(new(), Linux311, "tomli==2; python_version < \"3.12\"\n"));
    }
}
