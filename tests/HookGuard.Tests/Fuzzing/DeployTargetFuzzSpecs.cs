using CsCheck;
using HookGuard.Core.Deploy;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// The deploy-target readers on random and mutated input (<see cref="HostileBytes"/>): they never throw, not even their
/// own typed error (a target file the check cannot read is a finding, not a failed commit), and every problem names
/// the file and a line that exists.
/// </summary>
public sealed class DeployTargetFuzzSpecs
{
    private static readonly string[] Seeds =
    [
        "{\n  \"dev\": {\"extends\": \"base\", \"runtime\": \"python3.12\"},\n  \"base\": {\"architecture\": [\"arm64\"], \"x\": [1, {\"y\": null}]}\n}\n",
        "python-3.12.1\n",
        "# comment\n3.12.1/envs/api\npypy3.10-7.3\n",
        "# escape=`\nARG PY=3.12\nFROM --platform=linux/arm64 python:${PY:-3.11}-slim AS base\nRUN x `\n  y\nFROM base\n",
        "[project]\nname = \"app\"\nrequires-python = \">=3.10,<3.13\"\n",
    ];

    private static readonly (string File, Func<string, byte[], TargetReading> Read)[] Readers =
    [
        ("zappa_settings.json", ZappaSettingsReader.Read),
        ("runtime.txt", RuntimeTxtReader.Read),
        (".python-version", PythonVersionFileReader.Read),
        ("Dockerfile", DockerfileReader.Read),
        ("pyproject.toml", RequiresPythonReader.Read),
    ];

    [Fact]
    public void Every_target_reader_returns_targets_or_located_problems_and_never_throws() =>
        HostileBytes.From([.. Seeds.Select(FuzzSeeds.Utf8)]).Sample(bytes =>
        {
            var lines = bytes.Count(b => b == (byte)'\n') + 1;
            foreach (var (file, read) in Readers)
            {
                var reading = read(file, bytes);
                Assert.All(reading.Problems, problem =>
                {
                    Assert.Equal(file, problem.Location.File);
                    Assert.InRange(problem.Location.Line, 0, lines);
                    Assert.False(string.IsNullOrWhiteSpace(problem.Reason));
                });
                Assert.All(reading.Targets, target => Assert.InRange(target.Location.Line, 1, lines));
            }
        }, iter: FuzzBudget.Iterations, threads: 1);
}
