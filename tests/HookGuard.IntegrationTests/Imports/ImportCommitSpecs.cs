using System.Text.Json;
using HookGuard.IntegrationTests.Commit;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>
/// The import check as a user meets it (SPEC sec. 11): a real hook, a real venv built from wheels, a real
/// <c>git commit</c> of Python files. The wheelhouse's <c>parent</c> requires <c>child</c>, so installing
/// <c>parent</c> puts <c>child</c> in the venv as a transitive dependency only.
/// </summary>
public sealed class ImportCommitSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    [Fact]
    public async Task Importing_a_dependency_that_is_only_pulled_in_by_another_warns_with_file_and_line_and_lets_the_commit_through()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "parent==1.0", "child==1.0");
        repo.InstallHook();
        repo.WriteAndStage(
            (".hookguard.toml", "policy = \"top-level\"\n"),
            ("requirements.txt", "parent==1.0\n"),
            ("app/handler.py", "import json\nimport parent\nfrom child import thing\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.NotNull(repo.Head());
        Assert.Contains("app/handler.py:3: import-not-declared (warning)", result.StandardError);
        Assert.Contains("child 1.0", result.StandardError);
        Assert.Contains("only there because parent requires it", result.StandardError);
        Assert.DoesNotContain("'parent'", result.StandardError);
    }

    [Fact]
    public async Task Importing_a_module_nothing_provides_blocks_the_commit_under_block_and_leaves_the_repository_as_it_was()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(
            (".hookguard.toml", "imports = \"block\"\n"),
            ("requirements.txt", "alpha==1.0\n"),
            ("lambda_function.py", "import alpha\n\nimport requests\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("lambda_function.py:3: import-unresolved (error)", result.StandardError);
        Assert.Contains("ModuleNotFoundError", result.StandardError);
        Assert.Null(repo.Head());
        Assert.Equal([".hookguard.toml", "lambda_function.py", "requirements.txt"], repo.StagedNames());
    }

    [Fact]
    public async Task First_party_standard_library_and_declared_imports_pass_without_a_word()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0", "Delta_Pkg==4.0");
        repo.InstallHook();
        repo.WriteAndStage(
            (".hookguard.toml", "imports = \"block\"\n"),
            ("requirements.txt", "alpha==1.0\nDelta_Pkg==4.0\n"),
            ("src/service/__init__.py", ""),
            ("src/service/app.py", "import os, sys, json\nfrom collections import abc\nimport alpha\nimport delta_pkg\nfrom service import helpers\nimport helpers\nfrom . import models\n"),
            ("src/service/helpers.py", "import logging\n"),
            ("tools/run.py", "import service.app\nimport app_config\n"),
            ("app_config.py", "DEBUG = False\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.DoesNotContain("import-", result.StandardError);
        Assert.DoesNotContain("Deploy check", result.StandardError);
    }

    [Fact]
    public async Task Vendored_libraries_modules_of_the_base_interpreter_and_import_error_fallbacks_pass()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(
            (".hookguard.toml", "imports = \"block\"\n"),
            ("requirements.txt", "alpha==1.0\n"),
            ("tool/core/_vendor/lark/__init__.py", ""),
            ("tool/core/version/markers.py", "from lark import Token\nimport _testcapi\ntry:\n    import threading\nexcept ImportError:\n    import dummy_threading\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.DoesNotContain("import-", result.StandardError);
    }

    [Fact]
    public async Task A_commit_judges_only_the_files_it_stages_while_check_all_judges_every_file()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.CommitWithoutHook("old code", ("requirements.txt", "alpha==1.0\n"), ("old.py", "import missing_one\n"));
        repo.InstallHook();
        repo.WriteAndStage(("new.py", "import alpha\n"));

        var commit = repo.GitCommit();
        var all = repo.HookGuard("check", "--all", "--format", "json");

        UserFacing.AssertPassed(commit);
        Assert.DoesNotContain("missing_one", commit.StandardError);
        Assert.Equal(0, all.ExitCode);
        var deploy = JsonDocument.Parse(all.StandardOutput).RootElement.GetProperty("projects")[0].GetProperty("deploy");
        var finding = Assert.Single(deploy.EnumerateArray());
        Assert.Equal("import-unresolved", finding.GetProperty("kind").GetString());
        Assert.Equal("old.py", finding.GetProperty("file").GetString());
        Assert.Equal(1, finding.GetProperty("line").GetInt32());
        Assert.Equal("warning", finding.GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_first_party_module_left_out_of_the_commit_is_unresolved_and_the_message_says_to_add_it()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.Write("helpers.py", "VALUE = 1\n");
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"), ("app.py", "import alpha\nimport helpers\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.Contains("app.py:2: import-unresolved (warning): 'helpers' is the project's helpers.py in the work tree, but it is not in the commit", result.StandardError);
    }

    [Fact]
    public async Task Imports_off_reads_no_python_file()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.InstallHook();
        repo.WriteAndStage(
            (".hookguard.toml", "imports = \"off\"\n"),
            ("requirements.txt", "alpha==1.0\n"),
            ("app.py", "import requests\n"));

        var result = repo.GitCommit();

        UserFacing.AssertPassed(result);
        Assert.DoesNotContain("requests", result.StandardError);
    }

    [Fact]
    public async Task Status_lists_the_import_findings_of_the_whole_project()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0");
        repo.CommitWithoutHook("code", ("requirements.txt", "alpha==1.0\n"), ("app.py", "import alpha\nimport requests\n"));

        var status = repo.HookGuard("status");

        Assert.Equal(0, status.ExitCode);
        Assert.Contains("  deploy: app.py:2: import-unresolved (warning):", status.StandardOutput);
    }

    [Fact]
    public async Task Autostage_stands_back_when_a_blocking_import_keeps_the_commit_blocked()
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==1.0", "gamma==0.3");
        repo.InstallHook("--autostage");
        repo.WriteAndStage(
            (".hookguard.toml", "imports = \"block\"\n"),
            ("requirements.txt", "alpha==1.0\n"),
            ("app.py", "import nowhere_to_be_found\n"));

        var result = repo.GitCommit();

        UserFacing.AssertBlocked(result);
        Assert.Contains("nothing was autostaged", result.StandardError);
        Assert.Equal("alpha==1.0\n", repo.IndexText("requirements.txt"));
        Assert.Equal("alpha==1.0\n", repo.WorkTreeText("requirements.txt"));
    }
}
