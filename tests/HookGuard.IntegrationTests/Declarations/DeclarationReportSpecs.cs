using System.Text.Json;
using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Declarations;

/// <summary>
/// What the other report forms and the policy say about declarations beyond requirements.txt (SPEC sec. 4.6, 4.7, 9):
/// <c>--format json</c> names the lock as the project's declaration file; policy <c>top-level</c> compares the venv with
/// a pyproject's PEP 621 <c>[project].dependencies</c>, so what a declared distribution needs need not be declared.
/// </summary>
[Collection(DeclarationsCollection.Name)]
public sealed class DeclarationReportSpecs(LockedProjects locks)
{
    [Fact]
    public async Task Check_as_json_names_the_lock_as_the_projects_declaration_file_and_the_findings_file()
    {
        var project = locks["uv"];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("services/api", "alpha==2.0", "child==1.0", "parent==1.0");
        repo.WriteAndStage(project.Files("services/api"));

        var result = repo.HookGuard("check", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        UserFacing.AssertNoStackTrace(result);
        using var document = JsonDocument.Parse(result.StandardOutput);
        var api = Assert.Single(document.RootElement.GetProperty("projects").EnumerateArray());
        Assert.Equal("services/api", api.GetProperty("path").GetString());
        Assert.False(api.GetProperty("inSync").GetBoolean());
        Assert.Equal("uv.lock", api.GetProperty("declaration").GetString());
        Assert.Equal("uv", api.GetProperty("tool").GetString());
        var files = api.GetProperty("requirementFiles").EnumerateArray().Select(file => file.GetString()).ToArray();
        Assert.Equal("services/api/uv.lock", files[0]);
        var finding = Assert.Single(api.GetProperty("findings").EnumerateArray());
        Assert.Equal("version-mismatch", finding.GetProperty("kind").GetString());
        Assert.Equal("alpha", finding.GetProperty("name").GetString());
        Assert.Equal("2.0", finding.GetProperty("installedVersion").GetString());
        Assert.Equal("services/api/uv.lock", finding.GetProperty("file").GetString());
        Assert.Equal(project.LineOf("alpha"), finding.GetProperty("line").GetInt32());
        Assert.Contains("uv sync", finding.GetProperty("fix").GetString());
    }

    [Fact]
    public async Task Status_lists_the_declaration_and_lock_files_and_which_one_is_authoritative()
    {
        var project = locks["poetry"];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("services/api", "alpha==1.0", "child==1.0", "parent==1.0");
        repo.WriteAndStage([.. project.Files("services/api"), ("services/api/requirements.txt", "alpha==1.0\n")]);

        var result = repo.HookGuard("status");

        UserFacing.AssertNoStackTrace(result);
        Assert.Contains("Project services/api:", result.StandardOutput);
        Assert.Contains("  requirement files: services/api/requirements.txt", result.StandardOutput);
        Assert.Contains("  declaration files: services/api/poetry.lock, services/api/pyproject.toml", result.StandardOutput);
        Assert.Contains("  authoritative: services/api/poetry.lock (poetry)", result.StandardOutput);
    }

    [Fact]
    public async Task Authoritative_requirements_compares_with_the_requirement_file_instead_of_the_lock()
    {
        var project = locks["uv"];
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("services/api", "alpha==2.0", "child==1.0", "parent==1.0");
        repo.WriteAndStage([
            .. project.Files("services/api"),
            ("services/api/requirements.txt", "alpha==2.0\nchild==1.0\nparent==1.0\n"),
            (".hookguard.toml", "authoritative = \"requirements\"\n"),
        ]);

        var againstRequirements = repo.HookGuard("check");

        Assert.Equal(0, againstRequirements.ExitCode);
        Assert.Contains("services/api: in sync", againstRequirements.StandardOutput);
    }

    /// <summary>A PEP 621 project declaring only <c>parent</c>, which requires <c>child</c> (Requires-Dist in its wheel).</summary>
    private static readonly (string Path, string Content)[] TopLevelProject =
    [
        (".hookguard.toml", "policy = \"top-level\"\n"),
        ("pyproject.toml", "[project]\nname = \"demo\"\nversion = \"0.1.0\"\ndependencies = [\n    \"parent==1.0\",\n]\n"),
    ];

    [Fact]
    public async Task Under_the_top_level_policy_a_dependency_of_a_declared_package_need_not_be_declared()
    {
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", "child==1.0", "parent==1.0");
        repo.InstallHook();
        repo.WriteAndStage([.. TopLevelProject, ("app.py", "import parent\n")]);

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Contains(".: in sync", result.StandardError);
        Assert.NotNull(repo.Head());
        Assert.Contains("pyproject.toml", repo.HeadFiles());
    }

    [Fact]
    public async Task Under_the_top_level_policy_an_undeclared_direct_install_blocks_naming_the_pyproject()
    {
        using var repo = new GuardedRepo(locks.Venvs);
        await repo.VenvAsync("", "child==1.0", "gamma==0.3", "parent==1.0");
        repo.InstallHook();
        repo.WriteAndStage(TopLevelProject);

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Null(repo.Head());
        var finding = LockFormatSpecs.FindingLine(result, "undeclared");
        Assert.Contains("gamma 0.3", finding);
        Assert.Contains("pyproject.toml", finding);
        Assert.DoesNotContain("child", result.StandardError);
    }
}
