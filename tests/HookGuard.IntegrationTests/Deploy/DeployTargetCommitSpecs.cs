using System.Text.Json;
using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Deploy;

/// <summary>
/// The deploy-target check as a user meets it (SPEC sec. 11): a real git repository, a real Python 3.11 venv built from
/// the wheelhouse, <c>hookguard check --format json</c> on what is staged, and real <c>git commit</c>s through the hook.
/// </summary>
public sealed class DeployTargetCommitSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private const string ZappaOn312 = """
        {
            "production": {
                "app_function": "app.app",
                "runtime": "python3.12",
                "s3_bucket": "deploys"
            }
        }
        """;

    private static JsonElement[] Deploy(GitCommandResult result) =>
        [.. JsonDocument.Parse(result.StandardOutput).RootElement.GetProperty("projects")[0].GetProperty("deploy").EnumerateArray()];

    [Fact]
    public async Task A_zappa_runtime_of_python_3_12_against_the_3_11_venv_is_reported_as_a_warning_that_lets_the_commit_through()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"), ("zappa_settings.json", ZappaOn312));

        var check = repo.HookGuard("check", "--format", "json");
        var commit = repo.GitCommit();

        Assert.Equal(0, check.ExitCode);
        var finding = Assert.Single(Deploy(check));
        Assert.Equal("python-mismatch", finding.GetProperty("kind").GetString());
        Assert.Equal("zappa_settings.json", finding.GetProperty("file").GetString());
        Assert.Equal(4, finding.GetProperty("line").GetInt32());
        Assert.Equal("3.12", finding.GetProperty("subject").GetString());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
        Assert.Equal("the venv runs Python 3.11, but zappa_settings.json (stage 'production') deploys to python3.12",
            finding.GetProperty("message").GetString());
        UserFacing.AssertPassed(commit);
        Assert.NotNull(repo.Head());
        Assert.Contains("python-mismatch", commit.StandardError);
    }

    [Fact]
    public async Task Under_target_check_block_the_mismatch_stops_the_commit_with_exit_1()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(
            (".hookguard.toml", "target-check = \"block\"\n"),
            ("requirements.txt", "alpha==1.0\n"),
            ("zappa_settings.json", ZappaOn312));

        var check = repo.HookGuard("check", "--format", "json");
        var commit = repo.GitCommit();

        Assert.Equal(1, check.ExitCode);
        Assert.Equal("error", Assert.Single(Deploy(check)).GetProperty("severity").GetString());
        UserFacing.AssertBlocked(commit);
        Assert.Null(repo.Head());
    }

    [Theory]
    [InlineData("zappa_settings.json", "{\"production\": {\"runtime\": \"python3.11\"}}")]
    [InlineData("runtime.txt", "python-3.11.4\n")]
    [InlineData("Dockerfile", "FROM python:3.11-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\n")]
    public async Task A_target_on_the_venvs_python_passes_without_a_deploy_finding(string file, string content)
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.WriteAndStage((".hookguard.toml", "target-check = \"block\"\n"), ("requirements.txt", "alpha==1.0\n"), (file, content));

        var check = repo.HookGuard("check", "--format", "json");

        Assert.Equal(0, check.ExitCode);
        Assert.Empty(Deploy(check));
    }

    [Fact]
    public async Task A_requirement_only_the_target_python_selects_is_a_marker_mismatch_at_its_line()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.WriteAndStage(
            (".hookguard.toml", "target-python = \"3.12\"\n"),
            ("requirements.txt", "alpha==1.0\nbeta==1.5; python_version >= \"3.12\"\n"));

        var check = repo.HookGuard("check", "--format", "json");

        // The 3.11 venv rightly lacks beta (no drift), but a deploy on 3.12 installs a package the venv never tested.
        Assert.Equal(0, check.ExitCode);
        var findings = Deploy(check);
        Assert.Equal(["python-mismatch", "marker-mismatch"], findings.Select(finding => finding.GetProperty("kind").GetString()));
        var marker = findings[1];
        Assert.Equal(("requirements.txt", 2, "beta"),
            (marker.GetProperty("file").GetString(), marker.GetProperty("line").GetInt32(), marker.GetProperty("subject").GetString()));
        Assert.Equal("'beta==1.5; python_version >= \"3.12\"' is skipped in the venv but the target (3.12, .hookguard.toml target-python) installs it",
            marker.GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_lambda_deploy_skipping_a_package_the_venv_imports_is_caught_before_the_deploy()
    {
        // The README's example: the venv (3.11) installs gamma by its marker, Lambda's python3.12 will not, and the
        // handler that imports gamma would raise ModuleNotFoundError there.
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        repo.InstallHook();
        repo.WriteAndStage(
            ("requirements.txt", "alpha==1.0\ngamma==0.3; python_version < \"3.12\"\n"),
            ("zappa_settings.json", ZappaOn312),
            ("app.py", "import alpha\nimport gamma\n"));

        var commit = repo.GitCommit();

        UserFacing.AssertPassed(commit);
        Assert.Contains("zappa_settings.json:4: python-mismatch (warning)", commit.StandardError);
        Assert.Contains("requirements.txt:2: marker-mismatch (warning)", commit.StandardError);
        Assert.Contains("skips it", commit.StandardError);
    }

    [Fact]
    public async Task Target_check_off_reports_nothing_whatever_the_files_say()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.WriteAndStage(
            (".hookguard.toml", "target-check = \"off\"\n"),
            ("requirements.txt", "alpha==1.0\n"),
            ("zappa_settings.json", "{\"production\": {\"runtime\": \"python3\"}}"));

        var check = repo.HookGuard("check", "--format", "json");

        Assert.Equal(0, check.ExitCode);
        Assert.Empty(Deploy(check));
    }

    [Fact]
    public async Task The_staged_target_file_is_read_not_the_work_tree()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"), ("runtime.txt", "python-3.11.9\n"));
        repo.Write("runtime.txt", "python-3.13.0\n");

        var check = repo.HookGuard("check", "--format", "json");

        Assert.Empty(Deploy(check));
    }

    [Fact]
    public async Task A_uv_lock_is_selected_again_for_the_target_and_a_package_it_leaves_out_is_reported_at_its_lock_line()
    {
        const string pyproject = """
            [project]
            name = "app"
            version = "0.1.0"
            requires-python = ">=3.8"
            dependencies = ["alpha==1.0", "gamma==0.3; python_full_version < '3.12'"]
            """;
        const string lockText = """
            version = 1
            revision = 3
            requires-python = ">=3.8"

            [[package]]
            name = "alpha"
            version = "1.0"
            source = { registry = "https://pypi.org/simple" }

            [[package]]
            name = "app"
            version = "0.1.0"
            source = { virtual = "." }
            dependencies = [
                { name = "alpha" },
                { name = "gamma", marker = "python_full_version < '3.12'" },
            ]

            [package.metadata]
            requires-dist = [
                { name = "alpha", specifier = "==1.0" },
                { name = "gamma", marker = "python_full_version < '3.12'", specifier = "==0.3" },
            ]

            [[package]]
            name = "gamma"
            version = "0.3"
            source = { registry = "https://pypi.org/simple" }
            """;
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        repo.WriteAndStage(("pyproject.toml", pyproject), ("uv.lock", lockText), ("zappa_settings.json", ZappaOn312));

        var check = repo.HookGuard("check", "--format", "json");

        Assert.Equal(0, check.ExitCode);
        var project = JsonDocument.Parse(check.StandardOutput).RootElement.GetProperty("projects")[0];
        Assert.Empty(project.GetProperty("findings").EnumerateArray());
        var marker = Assert.Single(Deploy(check), finding => finding.GetProperty("kind").GetString() == "marker-mismatch");
        Assert.Equal(("uv.lock", 25, "gamma"),
            (marker.GetProperty("file").GetString(), marker.GetProperty("line").GetInt32(), marker.GetProperty("subject").GetString()));
        Assert.Equal("'gamma==0.3' is installed in the venv but the target (python3.12, zappa_settings.json (stage 'production')) skips it",
            marker.GetProperty("message").GetString());
    }
}
