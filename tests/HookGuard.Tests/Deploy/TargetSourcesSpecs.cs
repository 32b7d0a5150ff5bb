using HookGuard.Core.Configuration;
using HookGuard.Core.Deploy;
using static HookGuard.Tests.Deploy.DeployFixtures;

namespace HookGuard.Tests.Deploy;

public sealed class TargetSourcesSpecs
{
    private static readonly Dictionary<string, string> EveryFile = new()
    {
        ["zappa_settings.json"] = "{\"prod\": {\"runtime\": \"python3.13\"}}",
        ["runtime.txt"] = "python-3.12.1",
        [".python-version"] = "3.11",
        ["Dockerfile"] = "FROM python:3.10",
        ["pyproject.toml"] = "[project]\nrequires-python = \">=3.9\"\n",
    };

    private static (TargetReading Reading, List<string> Read) Find(
        IReadOnlyDictionary<string, string> files, string projectPath = "", HookGuardConfig? config = null)
    {
        var read = new List<string>();
        var reading = TargetSources.Find(projectPath, config ?? HookGuardConfig.Default, path =>
        {
            read.Add(path);
            return files.TryGetValue(path, out var text) ? Bytes(text) : null;
        });
        return (reading, read);
    }

    [Theory]
    [InlineData("zappa_settings.json", "3.13")]
    [InlineData("runtime.txt", "3.12")]
    [InlineData(".python-version", "3.11")]
    [InlineData("Dockerfile", "3.10")]
    public void The_first_source_in_the_specifications_order_wins(string first, string python)
    {
        var order = new[] { "zappa_settings.json", "runtime.txt", ".python-version", "Dockerfile", "pyproject.toml" };
        var files = EveryFile.Where(pair => Array.IndexOf(order, pair.Key) >= Array.IndexOf(order, first))
            .ToDictionary(pair => pair.Key, pair => pair.Value);

        var (reading, read) = Find(files);

        Assert.Equal(python, Single(reading).Python);
        Assert.Equal(first, read[^1]);
    }

    [Fact]
    public void Requires_python_is_the_last_source()
    {
        var (reading, _) = Find(new Dictionary<string, string> { ["pyproject.toml"] = EveryFile["pyproject.toml"] });

        Assert.NotNull(Single(reading).RequiresPython);
    }

    [Fact]
    public void Configured_target_python_beats_every_file_and_reads_none()
    {
        var config = ConfigParser.Parse("target-python = \"3.9.18\"\n");

        var (reading, read) = Find(EveryFile, config: config);

        var target = Single(reading);
        Assert.Equal(("3.9", "3.9.18", ".hookguard.toml"), (target.Python, target.FullVersion, target.Location.File));
        Assert.Empty(read);
    }

    [Fact]
    public void A_projects_own_target_python_points_at_its_table()
    {
        var config = ConfigParser.Parse("target-python = \"3.9\"\n\n[[project]]\npath = \"api\"\ntarget-python = \"3.12\"\n");

        var (reading, _) = Find(EveryFile, "api", config);

        Assert.Equal(("3.12", 3), (Single(reading).Python, Single(reading).Location.Line));
    }

    [Fact]
    public void Files_are_read_from_the_project_directory()
    {
        var files = EveryFile.ToDictionary(pair => "services/api/" + pair.Key, pair => pair.Value);

        var (reading, _) = Find(files, "services/api");

        Assert.Equal(new("services/api/zappa_settings.json", 1), Single(reading).Location);
    }

    [Fact]
    public void A_source_that_says_nothing_passes_to_the_next()
    {
        var files = new Dictionary<string, string>
        {
            ["zappa_settings.json"] = "{\"prod\": {\"runtime\": \"nodejs20.x\"}}",
            ["runtime.txt"] = "r-4.3",
            [".python-version"] = "system",
            ["Dockerfile"] = "FROM python:3.10",
        };

        var (reading, _) = Find(files);

        Assert.Equal("3.10", Single(reading).Python);
    }

    [Fact]
    public void A_source_that_names_a_target_it_cannot_say_stops_the_search_with_its_problem()
    {
        var files = new Dictionary<string, string>(EveryFile) { ["zappa_settings.json"] = "{\"prod\": {\"runtime\": \"python3\"}}" };

        var (reading, _) = Find(files);

        Assert.Empty(reading.Targets);
        Assert.Equal("zappa_settings.json", Assert.Single(reading.Problems).Location.File);
    }

    [Fact]
    public void A_python_version_above_the_project_is_the_last_resort_up_to_the_root()
    {
        var files = new Dictionary<string, string> { [".python-version"] = "3.12", ["services/.python-version"] = "system" };

        var (reading, read) = Find(files, "services/api");

        Assert.Equal(new(".python-version", 1), Single(reading).Location);
        Assert.Equal(["services/.python-version", ".python-version"], read[^2..]);
    }

    [Fact]
    public void Nothing_found_is_no_target_after_a_few_reads()
    {
        var (reading, read) = Find(new Dictionary<string, string>(), "a/b");

        Assert.False(reading.Found);
        Assert.Equal(7, read.Count);
    }
}
