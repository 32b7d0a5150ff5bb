using Microsoft.Extensions.FileSystemGlobbing;
using HookGuard.Core.Configuration;
using HookGuard.Core.Projects;

namespace HookGuard.Tests.Projects;

/// <summary>
/// The locator answers from binary searches over the path list; a brute-force reading of SPEC 4.2 (scan every path for
/// every ancestor) must give the same projects on many generated repositories.
/// </summary>
public sealed class ProjectLocationAgreesWithBruteForceSpecs
{
    private static readonly string[] Names = ["a", "b", "a-b", "a0", "requirements", "src", "x.py", "requirements.txt", "dev.txt", "requirements-dev.txt", "constraints.in"];

    [Fact]
    public void Staged_paths_find_the_same_projects_as_a_scan_of_the_whole_repository()
    {
        var random = new Random(4_2);
        var globs = new[] { "requirements.txt", "requirements/*.txt", "**/constraints.in" };
        for (var repository = 0; repository < 300; repository++)
        {
            var paths = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomPath(random)).Distinct().ToArray();
            var staged = paths.Where(_ => random.Next(3) == 0).Append(RandomPath(random)).ToArray();
            var config = HookGuardConfig.Default with { Requirements = globs.Take(random.Next(1, 4)).ToArray() };

            var located = new ProjectLocator(config, new SortedPathList(paths)).ForStagedPaths(staged);

            var expected = staged.Select(path => BruteForceNearest(RepoPath.Parent(path), paths, config.Requirements))
                .OfType<string>().Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(expected, located.Select(project => project.Path));
            foreach (var project in located)
            {
                Assert.Equal(
                    paths.Where(path => IsRequirementFileOf(project.Path, path, config.Requirements)).Order(StringComparer.Ordinal),
                    project.RequirementFiles.Order(StringComparer.Ordinal));
            }
        }
    }

    [Fact]
    public void All_finds_the_same_projects_as_a_scan_of_every_directory()
    {
        var random = new Random(7);
        for (var repository = 0; repository < 200; repository++)
        {
            var paths = Enumerable.Range(0, random.Next(1, 40)).Select(_ => RandomPath(random)).Distinct().ToArray();
            var config = HookGuardConfig.Default with { Requirements = ["requirements.txt", "requirements/*.txt"] };

            var located = new ProjectLocator(config, new SortedPathList(paths)).All();

            var directories = paths.SelectMany(Ancestors).Distinct();
            var expected = directories.Where(directory => paths.Any(path => IsRequirementFileOf(directory, path, config.Requirements)))
                .Order(StringComparer.Ordinal);
            Assert.Equal(expected, located.Select(project => project.Path));
        }
    }

    private static string RandomPath(Random random) =>
        string.Join('/', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Names[random.Next(Names.Length)]));

    private static IEnumerable<string> Ancestors(string path)
    {
        var directory = path;
        do
        {
            directory = RepoPath.Parent(directory);
            yield return directory;
        }
        while (directory.Length > 0);
    }

    private static string? BruteForceNearest(string directory, string[] paths, IReadOnlyList<string> globs)
    {
        for (var current = directory; ; current = RepoPath.Parent(current))
        {
            if (paths.Any(path => IsRequirementFileOf(current, path, globs)))
            {
                return current;
            }

            if (current.Length == 0)
            {
                return null;
            }
        }
    }

    private static bool IsRequirementFileOf(string directory, string path, IReadOnlyList<string> globs)
    {
        if (directory.Length > 0 && !path.StartsWith(directory + "/", StringComparison.Ordinal))
        {
            return false;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddIncludePatterns(globs);
        return matcher.Match(RepoPath.RelativeTo(directory, path)).HasMatches;
    }
}
