using HookGuard.Core.Configuration;
using HookGuard.Core.Projects;

namespace HookGuard.Tests.Projects;

public sealed class ProjectLocationSpecs
{
    private static readonly string[] Repository =
    [
        "README.md",
        "requirements.txt",
        "app.py",
        "services/api/requirements.txt",
        "services/api/src/api/main.py",
        "services/api/src/api/deep/er/handler.py",
        "services/worker/requirements/prod.txt",
        "services/worker/requirements/dev.txt",
        "services/worker/worker.py",
        "tools/lint.sh",
        "docs/index.md",
    ];

    private static ProjectLocator Locator(HookGuardConfig? config = null, IEnumerable<string>? paths = null) =>
        new(config ?? HookGuardConfig.Default, new SortedPathList(paths ?? Repository));

    [Fact]
    public void A_staged_file_belongs_to_the_nearest_directory_holding_a_requirements_file()
    {
        var projects = Locator().ForStagedPaths(["services/api/src/api/deep/er/handler.py"]);

        var project = Assert.Single(projects);
        Assert.Equal("services/api", project.Path);
        Assert.Equal(["services/api/requirements.txt"], project.RequirementFiles);
    }

    [Fact]
    public void A_staged_file_without_a_nearer_project_belongs_to_the_root_project()
    {
        var projects = Locator().ForStagedPaths(["tools/lint.sh", "services/worker/worker.py"]);

        var project = Assert.Single(projects);
        Assert.Equal("", project.Path);
        Assert.Equal(["requirements.txt"], project.RequirementFiles);
    }

    [Fact]
    public void Files_outside_any_project_need_nothing()
    {
        var paths = Repository.Where(path => path != "requirements.txt").ToArray();

        var projects = Locator(paths: paths).ForStagedPaths(["docs/index.md", "README.md"]);

        Assert.Empty(projects);
    }

    [Fact]
    public void Each_project_is_checked_once_in_path_order()
    {
        var projects = Locator().ForStagedPaths(
        [
            "services/api/src/api/main.py", "app.py", "services/api/requirements.txt", "services/api/src/api/deep/er/handler.py",
        ]);

        Assert.Equal(["", "services/api"], projects.Select(project => project.Path));
    }

    [Fact]
    public void A_staged_requirement_file_touches_its_own_project()
    {
        var projects = Locator().ForStagedPaths(["services/api/requirements.txt"]);

        Assert.Equal("services/api", Assert.Single(projects).Path);
    }

    [Fact]
    public void A_deleted_requirement_file_touches_its_project_while_another_one_remains()
    {
        var config = HookGuardConfig.Default with { Requirements = ["requirements/*.txt"] };
        var paths = Repository.Where(path => path != "services/worker/requirements/dev.txt");

        var projects = Locator(config, paths).ForStagedPaths(["services/worker/requirements/dev.txt"]);

        var project = Assert.Single(projects);
        Assert.Equal("services/worker", project.Path);
        Assert.Equal(["services/worker/requirements/prod.txt"], project.RequirementFiles);
    }

    [Fact]
    public void A_deleted_last_requirement_file_belongs_to_the_project_above()
    {
        var paths = Repository.Where(path => path != "services/api/requirements.txt");

        var projects = Locator(paths: paths).ForStagedPaths(["services/api/requirements.txt"]);

        Assert.Equal("", Assert.Single(projects).Path);
    }

    [Fact]
    public void Globs_find_requirement_files_in_subdirectories_of_a_project()
    {
        var config = HookGuardConfig.Default with { Requirements = ["requirements.txt", "requirements/*.txt"] };

        var projects = Locator(config).ForStagedPaths(["services/worker/worker.py"]);

        var project = Assert.Single(projects);
        Assert.Equal("services/worker", project.Path);
        Assert.Equal(["services/worker/requirements/dev.txt", "services/worker/requirements/prod.txt"], project.RequirementFiles);
    }

    [Fact]
    public void A_configured_project_counts_with_its_own_globs()
    {
        var config = HookGuardConfig.Default with
        {
            Projects = [new ProjectConfig("services/worker", ".venv", ["requirements/prod.txt"], null, 1)],
        };

        var projects = Locator(config).ForStagedPaths(["services/worker/worker.py"]);

        var project = Assert.Single(projects);
        Assert.Equal("services/worker", project.Path);
        Assert.Equal(["services/worker/requirements/prod.txt"], project.RequirementFiles);
        Assert.Same(config.Projects[0], project.Configuration);
    }

    [Fact]
    public void A_configured_project_counts_even_before_it_has_a_requirement_file()
    {
        var config = HookGuardConfig.Default with { Projects = [new ProjectConfig("tools", null, null, null, 1)] };

        var projects = Locator(config).ForStagedPaths(["tools/lint.sh"]);

        var project = Assert.Single(projects);
        Assert.Equal("tools", project.Path);
        Assert.Empty(project.RequirementFiles);
    }

    [Fact]
    public void All_finds_every_project_of_the_repository()
    {
        var config = HookGuardConfig.Default with
        {
            Requirements = ["requirements.txt", "requirements/*.txt"],
            Projects = [new ProjectConfig("docs", null, null, null, 1)],
        };

        var projects = Locator(config).All();

        Assert.Equal(["", "docs", "services/api", "services/worker"], projects.Select(project => project.Path));
    }

    [Fact]
    public void Explicit_paths_name_the_project_they_lie_in_whether_directory_or_file()
    {
        var selection = Locator().ForArguments(["services/api/", "./services/api/src/api/main.py", "services\\api"]);

        Assert.Equal("services/api", Assert.Single(selection.Projects).Path);
        Assert.Empty(selection.PathsOutsideAnyProject);
    }

    [Fact]
    public void Explicit_paths_outside_any_project_are_reported_back()
    {
        var paths = Repository.Where(path => path != "requirements.txt").ToArray();

        var selection = Locator(paths: paths).ForArguments(["docs", "services/api"]);

        Assert.Equal("services/api", Assert.Single(selection.Projects).Path);
        Assert.Equal(["docs"], selection.PathsOutsideAnyProject);
    }

    [Fact]
    public void Locating_staged_projects_does_not_read_the_whole_repository()
    {
        var paths = new List<string> { "requirements.txt", "svc/requirements.txt" };
        for (var index = 0; index < 50_000; index++)
        {
            paths.Add($"big/module{index % 100}/file{index}.py");
        }

        var counting = new CountingPaths(new SortedPathList(paths));
        var config = HookGuardConfig.Default with { Requirements = ["requirements.txt", "requirements/*.txt"] };

        var projects = new ProjectLocator(config, counting).ForStagedPaths(["svc/a/b/c.py", "svc/d.py", "big/module7/file7.py"]);

        Assert.Equal(["", "svc"], projects.Select(project => project.Path));
        Assert.True(counting.PathsListed < 100, $"listed {counting.PathsListed} paths");
    }

    private sealed class CountingPaths(IRepositoryPaths inner) : IRepositoryPaths
    {
        public int PathsListed { get; private set; }

        public bool Contains(string path) => inner.Contains(path);

        public IEnumerable<string> FilesUnder(string directory, int? maxDepth = null)
        {
            foreach (var path in inner.FilesUnder(directory, maxDepth))
            {
                PathsListed++;
                yield return path;
            }
        }

        public IEnumerable<string> FilesStartingWith(string prefix)
        {
            foreach (var path in inner.FilesStartingWith(prefix))
            {
                PathsListed++;
                yield return path;
            }
        }
    }
}
