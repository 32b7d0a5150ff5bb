using System.Text;
using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Projects;

namespace HookGuard.Tests.Declarations;

public sealed class DeclarationDiscoverySpecs
{
    private static readonly Dictionary<string, string> Files = new(StringComparer.Ordinal)
    {
        ["services/uv-app/pyproject.toml"] = "[project]\nname = \"uv-app\"\ndependencies = [\"requests\"]\n",
        ["services/uv-app/uv.lock"] = "version = 1\n",
        ["services/uv-app/src/app.py"] = "",
        ["services/poetry-app/pyproject.toml"] = "[tool.poetry]\nname = \"p\"\n",
        ["services/poetry-app/main.py"] = "",
        ["services/pipenv-app/Pipfile.lock"] = "{}",
        ["services/pipenv-app/Pipfile"] = "[packages]\n",
        ["services/pipenv-app/app.py"] = "",
        ["services/pylock-app/pylock.prod.toml"] = "lock-version = \"1.0\"\n",
        ["services/pylock-app/pylock.other/notes.md"] = "",
        ["services/pylock-app/app.py"] = "",
        ["tools/pyproject.toml"] = "[tool.black]\nline-length = 100\n",
        ["tools/lint.py"] = "",
        ["requirements.txt"] = "flask\n",
    };

    private static ProjectLocator Locator() =>
        new(HookGuardConfig.Default, new SortedPathList(Files.Keys), path => Files.TryGetValue(path, out var text) ? Encoding.UTF8.GetBytes(text) : null);

    [Fact]
    public void A_directory_with_a_pyproject_that_declares_a_project_and_its_lock_is_a_project()
    {
        var project = Assert.Single(Locator().ForStagedPaths(["services/uv-app/src/app.py"]));

        Assert.Equal("services/uv-app", project.Path);
        Assert.Empty(project.RequirementFiles);
        Assert.Equal(
            [("services/uv-app/uv.lock", DeclarationFormat.UvLock), ("services/uv-app/pyproject.toml", DeclarationFormat.Pyproject)],
            project.Declarations.Select(file => (file.Path, file.Format)));
    }

    [Fact]
    public void A_poetry_pyproject_alone_makes_a_project()
    {
        var project = Assert.Single(Locator().ForStagedPaths(["services/poetry-app/main.py"]));

        Assert.Equal("services/poetry-app", project.Path);
    }

    [Fact]
    public void A_pipfile_and_its_lock_make_a_project()
    {
        var project = Assert.Single(Locator().ForStagedPaths(["services/pipenv-app/app.py"]));

        Assert.Equal(
            [DeclarationFormat.PipfileLock, DeclarationFormat.Pipfile],
            project.Declarations.Select(file => file.Format));
    }

    [Fact]
    public void A_named_pylock_file_makes_a_project_but_a_directory_named_like_one_does_not_count()
    {
        var project = Assert.Single(Locator().ForStagedPaths(["services/pylock-app/app.py"]));

        Assert.Equal(["services/pylock-app/pylock.prod.toml"], project.Declarations.Select(file => file.Path));
    }

    [Fact]
    public void A_pyproject_that_only_configures_tools_is_no_project_so_its_files_belong_to_the_project_above()
    {
        var project = Assert.Single(Locator().ForStagedPaths(["tools/lint.py"]));

        Assert.Equal("", project.Path);
        Assert.Equal(["requirements.txt"], project.RequirementFiles);
    }

    [Fact]
    public void Every_project_is_listed_with_all_its_declaration_formats()
    {
        var projects = Locator().All();

        Assert.Equal(
            ["", "services/pipenv-app", "services/poetry-app", "services/pylock-app", "services/uv-app"],
            projects.Select(project => project.Path));
    }

    [Theory]
    [InlineData("[project]\nname = \"x\"\n", true)]
    [InlineData("  [project.optional-dependencies]\n", true)]
    [InlineData("[tool.poetry.dependencies]\n", true)]
    [InlineData("[dependency-groups]\ndev = []\n", true)]
    [InlineData("[build-system]\nrequires = []\n[tool.ruff]\n", false)]
    [InlineData("[projects]\n[tool.poetry-dynamic-versioning]\n", false)]
    [InlineData("# [project]\n", false)]
    public void A_pyproject_declares_a_project_when_it_has_a_project_or_poetry_table(string text, bool declares)
    {
        Assert.Equal(declares, PyprojectTables.DeclaresProject(Encoding.UTF8.GetBytes(text)));
    }
}
