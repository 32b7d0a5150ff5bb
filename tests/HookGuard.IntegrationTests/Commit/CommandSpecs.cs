using System.Text.Json;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// The other commands around the hook (SPEC sec. 2): <c>fix</c> rewrites the work tree and stages nothing;
/// <c>status</c> shows the hook, the projects, their venvs and verdicts; <c>check</c> with <c>--format json</c>,
/// <c>--all</c> and <c>PATH</c>.
/// </summary>
public sealed class CommandSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    /// <summary>api in sync; worker declares alpha 1.0 while its venv has alpha 2.0 and beta 1.0.</summary>
    private static async Task<GuardedRepo> TwoProjectsAsync(WheelhouseVenvs venvs)
    {
        var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("api", "gamma==0.3");
        await repo.VenvAsync("worker", "alpha==2.0", "beta==1.0");
        repo.CommitWithoutHook("two projects",
            ("api/requirements.txt", "gamma==0.3\n"),
            ("worker/requirements.txt", "# jobs\nalpha==1.0\n"));
        return repo;
    }

    [Fact]
    public async Task Fix_rewrites_the_work_tree_file_and_stages_nothing()
    {
        using var repo = await TwoProjectsAsync(venvs);

        var result = repo.HookGuard("fix");

        UserFacing.AssertPassed(result);
        Assert.Contains("worker/requirements.txt: fixed", result.StandardOutput);
        Assert.Equal("# jobs\nalpha==2.0\nbeta==1.0\n", repo.WorkTreeText("worker/requirements.txt"));
        Assert.Equal("# jobs\nalpha==1.0\n", repo.IndexText("worker/requirements.txt"));
        Assert.Equal("gamma==0.3\n", repo.WorkTreeText("api/requirements.txt"));
        Assert.Equal([" M worker/requirements.txt"], repo.Status());
        Assert.Empty(repo.StagedNames());
    }

    [Fact]
    public async Task Fix_of_one_project_leaves_the_others_alone()
    {
        using var repo = await TwoProjectsAsync(venvs);
        await venvs.InstallAsync(repo.VenvPath("api"), "alpha==1.0");

        var result = repo.HookGuard("fix", "worker");

        UserFacing.AssertPassed(result);
        Assert.Equal("gamma==0.3\n", repo.WorkTreeText("api/requirements.txt"));
        Assert.Equal([" M worker/requirements.txt"], repo.Status());
    }

    [Fact]
    public async Task Fix_writes_no_unhashed_line_into_a_project_that_uses_hashes()
    {
        using var repo = await TwoProjectsAsync(venvs);
        var locked = "alpha==1.0 --hash=sha256:" + new string('c', 64) + "\n";
        repo.CommitWithoutHook("hashes", ("worker/requirements.txt", "-r locked.txt\n"), ("worker/locked.txt", locked));

        var result = repo.HookGuard("fix", "worker");

        Assert.Equal(1, result.ExitCode);
        UserFacing.AssertNoStackTrace(result);
        Assert.Contains("worker/locked.txt uses --hash", result.StandardError);
        Assert.Equal("-r locked.txt\n", repo.WorkTreeText("worker/requirements.txt"));
        Assert.Equal(locked, repo.WorkTreeText("worker/locked.txt"));
        Assert.Empty(repo.Status());
    }

    [Fact]
    public async Task Status_lists_the_hook_each_project_its_venv_and_its_verdict()
    {
        using var repo = await TwoProjectsAsync(venvs);
        repo.InstallHook();

        var result = repo.HookGuard("status");

        Assert.Equal(1, result.ExitCode);
        UserFacing.AssertNoStackTrace(result);
        var output = result.StandardOutput;
        Assert.Contains("Hook: installed at " + Path.Combine(repo.WorkTree, ".git", "hooks", "pre-commit"), output);
        Assert.Contains("Merge hook: installed at " + Path.Combine(repo.WorkTree, ".git", "hooks", "pre-merge-commit"), output);
        Assert.Contains("Project api:", output);
        Assert.Contains("Project worker:", output);
        Assert.Contains(repo.VenvPath("api") + " (found in the project)", output);
        Assert.Contains(repo.VenvPath("worker"), output);
        Assert.Contains("verdict: in sync", output);
        Assert.Contains("verdict: 2 differences", output);
        Assert.Contains("worker/requirements.txt", output);
    }

    [Fact]
    public async Task Status_tells_a_foreign_or_missing_merge_hook_apart_from_the_pre_commit_hook()
    {
        using var repo = await TwoProjectsAsync(venvs);
        repo.InstallHook();
        var mergeHook = Path.Combine(repo.WorkTree, ".git", "hooks", "pre-merge-commit");
        File.Delete(mergeHook);
        var missing = repo.HookGuard("status").StandardOutput;
        TempGitRepo.WriteScript(mergeHook, "#!/bin/sh\nexit 0\n");
        var foreign = repo.HookGuard("status").StandardOutput;

        Assert.Contains("Hook: installed at ", missing);
        Assert.Contains($"Merge hook: not installed (would go to {mergeHook}", missing);
        Assert.Contains("Hook: installed at ", foreign);
        Assert.Contains($"Merge hook: {mergeHook} exists but is not HookGuard's", foreign);
    }

    [Fact]
    public async Task Check_in_json_gives_the_findings_for_machines()
    {
        using var repo = await TwoProjectsAsync(venvs);

        var result = repo.HookGuard("check", "--all", "--format", "json");

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        Assert.False(root.GetProperty("inSync").GetBoolean());
        var projects = root.GetProperty("projects").EnumerateArray().ToDictionary(p => p.GetProperty("path").GetString()!);
        Assert.True(projects["api"].GetProperty("inSync").GetBoolean());
        var findings = projects["worker"].GetProperty("findings").EnumerateArray()
            .Select(f => (Kind: f.GetProperty("kind").GetString(), Name: f.GetProperty("name").GetString(), Installed: f.GetProperty("installedVersion").GetString()))
            .OrderBy(f => f.Name)
            .ToArray();
        Assert.Equal([("version-mismatch", "alpha", "2.0"), ("undeclared", "beta", "1.0")], findings);
        Assert.Equal(repo.VenvPath("worker"), projects["worker"].GetProperty("venv").GetString());
    }

    [Fact]
    public async Task Check_with_nothing_staged_passes_and_check_all_finds_the_drift_anywhere()
    {
        using var repo = await TwoProjectsAsync(venvs);

        var staged = repo.HookGuard("check");
        var all = repo.HookGuard("check", "--all");

        UserFacing.AssertPassed(staged);
        Assert.Equal(1, all.ExitCode);
        Assert.Contains("worker: 2 differences", all.StandardOutput);
        Assert.Contains("api: in sync", all.StandardOutput);
    }

    [Fact]
    public async Task Check_of_paths_checks_those_projects_relative_to_the_current_directory()
    {
        using var repo = await TwoProjectsAsync(venvs);
        var api = Path.Combine(repo.WorkTree, "api");

        var apiOnly = repo.HookGuardIn(api, "check", ".");
        var workerFromApi = repo.HookGuardIn(api, "check", "../worker");
        var outside = repo.HookGuard("check", "nowhere");

        UserFacing.AssertPassed(apiOnly);
        Assert.DoesNotContain("worker", apiOnly.StandardOutput);
        Assert.Equal(1, workerFromApi.ExitCode);
        Assert.Contains("worker/requirements.txt:2", workerFromApi.StandardOutput);
        Assert.Equal(2, outside.ExitCode);
        UserFacing.AssertNoStackTrace(outside);
        Assert.Contains("nowhere", outside.StandardError);
    }

    [Fact]
    public async Task Check_for_github_annotates_each_finding_at_its_file_and_line()
    {
        using var repo = await TwoProjectsAsync(venvs);

        var result = repo.HookGuard("check", "--all", "--format", "github");

        Assert.Equal(1, result.ExitCode);
        var annotations = result.StandardOutput.Split('\n').Where(line => line.StartsWith("::", StringComparison.Ordinal)).ToArray();
        Assert.Equal(2, annotations.Length);
        Assert.Contains(annotations, line => line.StartsWith("::error file=worker/requirements.txt,line=2,", StringComparison.Ordinal) && line.Contains("alpha"));
        Assert.Contains(annotations, line => line.StartsWith("::error file=worker/requirements.txt", StringComparison.Ordinal) && line.Contains("beta"));
    }

    [Fact]
    public async Task Fix_keeps_a_symbolic_link_and_rewrites_the_file_it_names()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.Write("requirements/prod.txt", "alpha==1.0\n");
        var link = Path.Combine(repo.WorkTree, "requirements.txt");
        File.CreateSymbolicLink(link, "requirements/prod.txt");
        repo.Stage("requirements.txt", "requirements/prod.txt");

        var result = repo.HookGuard("fix");

        UserFacing.AssertPassed(result);
        Assert.Equal("requirements/prod.txt", new FileInfo(link).LinkTarget);
        Assert.Equal("alpha==2.0\n", repo.WorkTreeText("requirements/prod.txt"));
        Assert.Equal(["A  requirements.txt", "AM requirements/prod.txt"], repo.Status().Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("alpha==1.0\n", repo.IndexText("requirements/prod.txt"));
    }

    [Fact]
    public async Task Fix_says_why_it_found_nothing_to_fix_when_the_requirement_file_is_not_added_yet()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.Write("requirements.txt", "alpha==1.0\n");

        var result = repo.HookGuard("fix");

        UserFacing.AssertPassed(result);
        Assert.Contains("no project to fix", result.StandardError);
        Assert.Contains("git add requirements.txt", result.StandardError);
        Assert.Equal("alpha==1.0\n", repo.WorkTreeText("requirements.txt"));
    }

    [Fact]
    public async Task Fix_of_a_path_outside_any_project_is_an_error_that_names_it()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("api", "alpha==2.0");
        repo.CommitWithoutHook("api", ("api/requirements.txt", "alpha==1.0\n"));

        var result = repo.HookGuard("fix", "docs");

        Assert.Equal(2, result.ExitCode);
        UserFacing.AssertNoStackTrace(result);
        Assert.Contains("'docs'", result.StandardError);
        Assert.Equal("alpha==1.0\n", repo.WorkTreeText("api/requirements.txt"));
    }
}
