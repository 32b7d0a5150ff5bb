using HookGuard.Core.Deploy;
using static HookGuard.Tests.Deploy.DeployFixtures;

namespace HookGuard.Tests.Deploy;

public sealed class TargetFileReaderSpecs
{
    [Theory]
    [InlineData("python-3.12.1\n", "3.12", "3.12.1")]
    [InlineData("python-3.12", "3.12", null)]
    [InlineData("\n\n  python-3.11.9  \r\n", "3.11", "3.11.9")]
    public void Runtime_txt_names_a_heroku_python_on_linux_x86_64(string text, string python, string? full)
    {
        var target = Single(RuntimeTxtReader.Read("runtime.txt", Bytes(text)));

        Assert.Equal((python, full), (target.Python, target.FullVersion));
        Assert.Equal(TargetPlatform.Linux("x86_64"), target.Platform);
        Assert.Equal("runtime.txt", target.Source);
    }

    [Theory]
    [InlineData("python-3")]
    [InlineData("python-latest")]
    [InlineData("python3.12")]
    public void Runtime_txt_naming_python_without_a_version_is_a_problem(string text)
    {
        var problem = Problem(RuntimeTxtReader.Read("runtime.txt", Bytes("\n" + text)));

        Assert.Equal(new("runtime.txt", 2), problem.Location);
        Assert.Contains("python-X.Y", problem.Reason);
    }

    [Theory]
    [InlineData("r-4.3.1")]
    [InlineData("")]
    [InlineData("\n \n")]
    public void Runtime_txt_of_another_language_or_empty_says_nothing(string text) =>
        Assert.False(RuntimeTxtReader.Read("runtime.txt", Bytes(text)).Found);

    [Theory]
    [InlineData("3.12\n", "3.12", null, "CPython")]
    [InlineData("3.12.1", "3.12", "3.12.1", "CPython")]
    [InlineData("# the deploy's Python\n\n3.11.9\n3.12.4\n", "3.11", "3.11.9", "CPython")]
    [InlineData("3.13t", "3.13", null, "CPython")]
    [InlineData("3.14.0rc1", "3.14", "3.14.0", "CPython")]
    [InlineData("3.12.1/envs/api", "3.12", "3.12.1", "CPython")]
    [InlineData("cpython@3.12", "3.12", null, "CPython")]
    [InlineData("cpython-3.12.1-linux-x86_64-gnu", "3.12", "3.12.1", "CPython")]
    [InlineData("pypy3.10-7.3", "3.10", null, "PyPy")]
    [InlineData("pypy@3.10", "3.10", null, "PyPy")]
    [InlineData("\uFEFF3.12\r\n", "3.12", null, "CPython")]
    public void Python_version_takes_its_first_usable_line(string text, string python, string? full, string implementation)
    {
        var target = Single(PythonVersionFileReader.Read(".python-version", Bytes(text)));

        Assert.Equal((python, full, implementation), (target.Python, target.FullVersion, target.Implementation));
        Assert.Null(target.Platform);
    }

    [Theory]
    [InlineData("system")]
    [InlineData("system\n3.12")]
    [InlineData("anaconda3-2024.02-1")]
    [InlineData("my-virtualenv")]
    [InlineData("3")]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void Python_version_naming_no_comparable_python_says_nothing(string text) =>
        Assert.False(PythonVersionFileReader.Read(".python-version", Bytes(text)).Found);

    [Fact]
    public void Requires_python_is_a_range_at_its_line()
    {
        const string toml = "[project]\nname = \"app\"\nrequires-python = \">=3.12\"\n";

        var target = Single(RequiresPythonReader.Read("pyproject.toml", Bytes(toml)));

        Assert.Equal(new("pyproject.toml", 3), target.Location);
        Assert.True(target.RequiresPython!.Contains("3.12.1"));
        Assert.False(target.RequiresPython.Contains("3.11.7"));
        Assert.Null(target.Python);
    }

    [Theory]
    [InlineData("[project]\nname = \"app\"\n")]
    [InlineData("[tool.poetry.dependencies]\npython = \"^3.12\"\n")]
    [InlineData("")]
    public void A_pyproject_without_requires_python_says_nothing(string toml) =>
        Assert.False(RequiresPythonReader.Read("pyproject.toml", Bytes(toml)).Found);

    [Theory]
    [InlineData("[project]\nrequires-python = \">=three\"\n", 2, "not a version specifier")]
    [InlineData("[project]\nrequires-python = 3.12\n", 2, "must be a string")]
    [InlineData("[project\nrequires-python = \">=3.12\"\n", 1, "")]
    public void A_requires_python_that_cannot_be_read_is_a_problem_with_its_line(string toml, int line, string says)
    {
        var problem = Problem(RequiresPythonReader.Read("pyproject.toml", Bytes(toml)));

        Assert.Equal(line, problem.Location.Line);
        Assert.Contains(says, problem.Reason);
    }

    [Fact]
    public void Huge_files_are_a_problem_not_an_exception()
    {
        var huge = Bytes(new string('3', TargetText.MaxBytes + 1));

        Assert.Contains("is not read", Problem(RuntimeTxtReader.Read("runtime.txt", huge)).Reason);
        Assert.Contains("is not read", Problem(PythonVersionFileReader.Read(".python-version", huge)).Reason);
        Assert.Contains("is not read", Problem(DockerfileReader.Read("Dockerfile", huge)).Reason);
        Assert.Contains("is not read", Problem(RequiresPythonReader.Read("pyproject.toml", huge)).Reason);
    }
}
