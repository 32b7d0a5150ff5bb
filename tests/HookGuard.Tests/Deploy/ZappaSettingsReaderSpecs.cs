using HookGuard.Core.Deploy;
using static HookGuard.Tests.Deploy.DeployFixtures;

namespace HookGuard.Tests.Deploy;

public sealed class ZappaSettingsReaderSpecs
{
    private static TargetReading Read(string json) => ZappaSettingsReader.Read("zappa_settings.json", Bytes(json));

    [Fact]
    public void A_stage_runtime_is_a_lambda_target_on_linux_x86_64_at_the_runtime_line()
    {
        const string json = """
            {
                "production": {
                    "app_function": "app.app",
                    "runtime": "python3.12",
                    "s3_bucket": "deploys"
                }
            }
            """;

        var target = Single(Read(json));

        Assert.Equal("3.12", target.Python);
        Assert.Null(target.FullVersion);
        Assert.Equal("python3.12", target.Named);
        Assert.Equal("zappa_settings.json (stage 'production')", target.Source);
        Assert.Equal(new("zappa_settings.json", 4), target.Location);
        Assert.Equal(TargetPlatform.Lambda("x86_64"), target.Platform);
        Assert.Equal("CPython", target.Implementation);
    }

    [Theory]
    [InlineData("\"arm64\"", "aarch64")]
    [InlineData("\"x86_64\"", "x86_64")]
    [InlineData("[\"arm64\"]", "aarch64")]
    public void The_architecture_is_lambdas_processor_spelled_as_linux_spells_it(string architecture, string machine)
    {
        var target = Single(Read("{\"dev\": {\"runtime\": \"python3.11\", \"architecture\": " + architecture + "}}"));

        Assert.Equal(machine, target.Platform!.PlatformMachine);
        Assert.Equal("linux", target.Platform.SysPlatform);
    }

    [Fact]
    public void Every_stage_is_a_target_and_extends_inherits_the_runtime_from_the_stage_that_names_it()
    {
        const string json = """
            {
                "common": {
                    "runtime": "python3.11",
                    "architecture": "arm64"
                },
                "dev": {
                    "extends": "common"
                },
                "production": {
                    "extends": "dev",
                    "runtime": "python3.12"
                }
            }
            """;

        var reading = Read(json);

        Assert.Empty(reading.Problems);
        Assert.Collection(reading.Targets,
            common => Assert.Equal(("3.11", 3, "aarch64"), (common.Python, common.Location.Line, common.Platform!.PlatformMachine)),
            dev =>
            {
                Assert.Equal(("3.11", 3, "aarch64"), (dev.Python, dev.Location.Line, dev.Platform!.PlatformMachine));
                Assert.Equal("zappa_settings.json (stage 'dev')", dev.Source);
            },
            production => Assert.Equal(("3.12", 11, "aarch64"), (production.Python, production.Location.Line, production.Platform!.PlatformMachine)));
    }

    [Fact]
    public void A_stage_without_runtime_deploys_with_the_venvs_python_but_still_on_lambda()
    {
        var target = Single(Read("{\n  \"dev\": {\n    \"app_function\": \"app.app\"\n  }\n}"));

        Assert.Null(target.Python);
        Assert.Equal(2, target.Location.Line);
        Assert.Equal(TargetPlatform.Lambda("x86_64"), target.Platform);
    }

    [Theory]
    [InlineData("nodejs20.x")]
    [InlineData("provided.al2023")]
    [InlineData("java21")]
    public void A_runtime_that_is_not_python_is_no_target(string runtime)
    {
        var reading = Read("{\"dev\": {\"runtime\": \"" + runtime + "\"}}");

        Assert.False(reading.Found);
    }

    [Theory]
    [InlineData("python3", "no Lambda Python runtime")]
    [InlineData("python3.x", "no Lambda Python runtime")]
    [InlineData("python", "no Lambda Python runtime")]
    public void A_python_runtime_without_a_minor_is_a_problem_naming_the_stage(string runtime, string says)
    {
        var problem = Problem(Read("{\"dev\": {\"runtime\": \"" + runtime + "\"}}"));

        Assert.Equal(new("zappa_settings.json", 1), problem.Location);
        Assert.Contains("stage 'dev'", problem.Reason);
        Assert.Contains(says, problem.Reason);
    }

    [Theory]
    [InlineData("{\"dev\": {\"runtime\": \"python3.12\",}}", 1, "not valid JSON")]
    [InlineData("{\"dev\": {\n// a comment\n\"runtime\": \"python3.12\"}}", 2, "not valid JSON")]
    [InlineData("{\"dev\": {\"runtime\": \"python3.12\"}", 1, "not valid JSON")]
    [InlineData("{\"dev\": {}} trailing", 1, "not valid JSON")]
    [InlineData("", 1, "not valid JSON")]
    [InlineData("  \n", 2, "not valid JSON")]
    [InlineData("[\"dev\"]", 1, "expected a JSON object of stages")]
    [InlineData("{\"dev\": {\"runtime\": 3.12}}", 1, "runtime must be a string, not a number")]
    [InlineData("{\"dev\": {\"runtime\": \"python3.12\", \"architecture\": \"arm\"}}", 1, "architecture 'arm'")]
    [InlineData("{\"dev\": {\"extends\": \"base\"}}", 1, "'base', which is not a stage")]
    [InlineData("{\"a\": {\"extends\": \"b\"},\n\"b\": {\"extends\": \"a\"}}", 2, "circular extends")]
    public void A_file_zappa_could_not_use_is_a_problem_with_its_line(string json, int line, string says)
    {
        var reading = Read(json);

        Assert.Empty(reading.Targets);
        var problem = reading.Problems[0];
        Assert.Equal(line, problem.Location.Line);
        Assert.Contains(says, problem.Reason);
    }

    [Fact]
    public void A_bom_and_crlf_line_endings_are_read_and_lines_still_count()
    {
        var target = Single(ZappaSettingsReader.Read("app/zappa_settings.json",
            [0xEF, 0xBB, 0xBF, .. Bytes("{\r\n  \"prod\": {\r\n    \"runtime\": \"python3.13\"\r\n  }\r\n}\r\n")]));

        Assert.Equal("3.13", target.Python);
        Assert.Equal(new("app/zappa_settings.json", 3), target.Location);
    }

    [Fact]
    public void A_stage_given_twice_keeps_its_last_value_as_json_load_does()
    {
        var target = Single(Read("{\"dev\": {\"runtime\": \"python3.10\"},\n\"dev\": {\"runtime\": \"python3.12\"}}"));

        Assert.Equal(("3.12", 2), (target.Python, target.Location.Line));
    }

    [Fact]
    public void Settings_of_any_shape_besides_the_three_it_reads_are_passed_over()
    {
        const string json = """
            {
                "dev": {
                    "environment_variables": {"A": "1", "nested": [1, {"runtime": "python2.7"}]},
                    "events": [{"function": "a.b", "expression": "rate(1 minute)"}],
                    "runtime": "python3.12"
                },
                "not_a_stage": [1, 2, 3],
                "neither": "text"
            }
            """;

        var target = Single(Read(json));

        Assert.Equal(("3.12", 5), (target.Python, target.Location.Line));
    }

    [Fact]
    public void Invalid_utf8_and_a_huge_file_are_problems_not_exceptions()
    {
        var invalid = ZappaSettingsReader.Read("zappa_settings.json", [.. Bytes("{\"dev\": {\"runtime\": \"py"), 0xFF, 0xFE, .. Bytes("\"}}")]);
        var huge = ZappaSettingsReader.Read("zappa_settings.json", Bytes("{\"a\": \"" + new string('x', TargetText.MaxBytes) + "\"}"));

        Assert.Contains("not valid JSON", Problem(invalid).Reason);
        Assert.Contains("is not read", Problem(huge).Reason);
    }

    [Fact]
    public void A_deeply_nested_setting_is_a_problem_not_a_stack_overflow()
    {
        var json = "{\"dev\": {\"x\": " + new string('[', 100_000) + new string(']', 100_000) + ", \"runtime\": \"python3.12\"}}";

        Assert.Contains("not valid JSON", Problem(Read(json)).Reason);
    }
}
