using HookGuard.Core.Deploy;
using static HookGuard.Tests.Deploy.DeployFixtures;

namespace HookGuard.Tests.Deploy;

public sealed class DockerfileReaderSpecs
{
    private static TargetReading Read(string text) => DockerfileReader.Read("Dockerfile", Bytes(text));

    [Theory]
    [InlineData("FROM python:3.12-slim", "3.12", null)]
    [InlineData("FROM python:3.12.1-slim-bookworm", "3.12", "3.12.1")]
    [InlineData("FROM docker.io/library/python:3.11", "3.11", null)]
    [InlineData("from library/python:3.13-alpine3.20", "3.13", null)]
    [InlineData("FROM python:3.12@sha256:0123456789abcdef", "3.12", null)]
    [InlineData("FROM index.docker.io/library/python:3.10.14", "3.10", "3.10.14")]
    public void The_official_python_image_names_a_linux_cpython_target(string line, string python, string? full)
    {
        var target = Single(Read("# syntax=docker/dockerfile:1\n" + line + "\nRUN pip install -r requirements.txt\n"));

        Assert.Equal((python, full, "CPython"), (target.Python, target.FullVersion, target.Implementation));
        Assert.Equal(new("Dockerfile", 2), target.Location);
        Assert.Equal(TargetPlatform.Linux(null), target.Platform);
        Assert.Equal("builds from", target.Verb);
    }

    [Theory]
    [InlineData("FROM --platform=linux/arm64 python:3.12 AS base", "aarch64")]
    [InlineData("FROM --platform=linux/amd64 python:3.12", "x86_64")]
    [InlineData("FROM --platform=linux/arm64/v8 python:3.12", "aarch64")]
    [InlineData("FROM --platform=$BUILDPLATFORM python:3.12", null)]
    public void Platform_names_the_processor_and_without_it_the_builder_is_the_venvs_machine(string line, string? machine)
    {
        var target = Single(Read(line));

        Assert.Equal(machine, target.Platform!.PlatformMachine);
    }

    [Fact]
    public void The_final_stage_is_traced_back_through_the_stages_it_names()
    {
        const string text = """
            FROM python:3.11 AS tooling
            RUN echo tools

            FROM --platform=linux/arm64 python:3.12-slim AS base
            RUN pip install -r requirements.txt

            FROM base AS app
            COPY . /app
            FROM app
            CMD ["python", "-m", "app"]
            """;

        var target = Single(Read(text));

        Assert.Equal(("3.12", 4, "aarch64"), (target.Python, target.Location.Line, target.Platform!.PlatformMachine));
    }

    [Fact]
    public void A_final_stage_that_is_not_python_falls_back_to_the_last_python_image()
    {
        const string text = """
            FROM python:3.12 AS build
            RUN python -m venv /venv && /venv/bin/pip install -r requirements.txt
            FROM gcr.io/distroless/python3-debian12
            COPY --from=build /venv /venv
            """;

        var target = Single(Read(text));

        Assert.Equal(("3.12", 1), (target.Python, target.Location.Line));
    }

    [Fact]
    public void A_global_arg_default_is_expanded_in_from_and_a_default_in_the_reference_too()
    {
        var simple = Single(Read("ARG PY=3.12\nFROM python:${PY}-slim\n"));
        var quoted = Single(Read("ARG PY=\"3.11\" VARIANT=slim\nFROM python:$PY-$VARIANT\n"));
        var fallback = Single(Read("ARG PY\nFROM python:${PY:-3.10}\n"));

        Assert.Equal("3.12", simple.Python);
        Assert.Equal("python:3.12-slim", simple.Named);
        Assert.Equal("3.11", quoted.Python);
        Assert.Equal("3.10", fallback.Python);
    }

    [Fact]
    public void An_arg_declared_after_the_first_from_does_not_reach_a_later_from()
    {
        // Docker: an ARG inside a stage is that stage's; FROM only sees the ones before the first FROM.
        var reading = Read("FROM python:3.11 AS base\nARG PY=3.12\nFROM python:${PY}\n");

        Assert.Equal("3.11", Single(reading).Python);
    }

    [Fact]
    public void Continuation_lines_comments_inside_them_crlf_and_the_escape_directive_are_read_as_buildkit_does()
    {
        var continued = Single(Read("FROM \\\r\n  # a comment inside\r\n  python:3.12 \\\r\n  AS base\r\n"));
        var backtick = Single(Read("# escape=`\nFROM `\n python:3.11\n"));

        Assert.Equal(("3.12", 1), (continued.Python, continued.Location.Line));
        Assert.Equal(("3.11", 2), (backtick.Python, backtick.Location.Line));
    }

    [Theory]
    [InlineData("FROM pypy:3.10-slim", "3.10", "PyPy")]
    [InlineData("FROM public.ecr.aws/lambda/python:3.12-arm64", "3.12", "CPython")]
    public void Pypy_and_lambda_base_images_are_read_too(string line, string python, string implementation)
    {
        var target = Single(Read(line));

        Assert.Equal((python, implementation), (target.Python, target.Implementation));
    }

    [Fact]
    public void A_lambda_base_image_is_lambda_on_the_architecture_its_tag_names()
    {
        var target = Single(Read("FROM public.ecr.aws/lambda/python:3.12-arm64"));

        Assert.Equal(TargetPlatform.Lambda("aarch64"), target.Platform);
    }

    [Fact]
    public void A_windows_tag_is_a_windows_target()
    {
        var target = Single(Read("FROM python:3.12-windowsservercore-ltsc2022"));

        Assert.Equal(TargetPlatform.Windows, target.Platform);
    }

    [Theory]
    [InlineData("FROM python")]
    [InlineData("FROM python:latest")]
    [InlineData("FROM python:3-slim")]
    [InlineData("FROM python:${UNSET}")]
    [InlineData("FROM ubuntu:24.04\nRUN apt-get install -y python3")]
    [InlineData("FROM myregistry.example:5000/python:3.12")]
    [InlineData("FROM")]
    [InlineData("")]
    [InlineData("\\")]
    [InlineData("RUN echo no from")]
    public void Images_it_cannot_read_are_passed_over_not_guessed(string text) =>
        Assert.False(Read(text).Found);

    [Fact]
    public void Thousands_of_chained_stages_cost_their_length()
    {
        // Each FROM names the stage before it: tracing back by searching earlier stages would be quadratic.
        var text = new System.Text.StringBuilder("FROM python:3.12 AS s0\n");
        for (var index = 1; index < 40_000; index++)
        {
            text.Append("FROM s").Append(index - 1).Append(" AS s").Append(index).Append('\n');
        }

        var watch = System.Diagnostics.Stopwatch.StartNew();
        var target = Single(Read(text.ToString()));

        Assert.Equal(("3.12", 1), (target.Python, target.Location.Line));
        Assert.InRange(watch.Elapsed.TotalSeconds, 0, 5);
    }
}
