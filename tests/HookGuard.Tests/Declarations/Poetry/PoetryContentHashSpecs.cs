using System.Text;
using HookGuard.Core.Declarations;
using HookGuard.Core.Declarations.Poetry;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Declarations.Poetry;

/// <summary>
/// poetry.lock's content-hash, against hashes the real Poetry wrote. Made with Debian's Poetry 1.3.2 (lock-version 2.0),
/// offline: tiny wheels served as a PEP 503 index by `python3 -m http.server --bind 127.0.0.1 18765`, each project's
/// `[[tool.poetry.source]]` pointing at it (default = true), then `HOME=$tmp POETRY_CACHE_DIR=$tmp/cache poetry lock
/// --no-update -n` in the project's directory (PIP_* unset).
/// </summary>
public sealed class PoetryContentHashSpecs
{
    // Poetry 1.3.2: a description with non-ASCII (not hashed), an extra, an optional group, a python marker, a source.
    private const string ProjectOne = """
        [tool.poetry]
        name = "lab-one"
        version = "0.1.0"
        description = "Zürich ✓ test"
        authors = ["A <a@example.com>"]

        [tool.poetry.dependencies]
        python = "^3.8"
        alpha = "^1.0"
        beta = { version = ">=0.2", optional = true }
        gamma = { version = "*", markers = "sys_platform != 'win32'" }

        [tool.poetry.extras]
        fast = ["beta"]

        [tool.poetry.group.test.dependencies]
        delta = "~1.2"

        [tool.poetry.group.docs]
        optional = true

        [tool.poetry.group.docs.dependencies]
        epsilon = { version = "0.9.0", python = ">=3.8,<3.13" }

        [[tool.poetry.source]]
        name = "lab"
        url = "http://127.0.0.1:18765/simple/"
        default = true

        [build-system]
        requires = ["poetry-core"]
        build-backend = "poetry.core.masonry.api"
        """;

    // Poetry 1.3.2: multiple constraints by python, legacy dev-dependencies.
    private const string ProjectTwo = """
        [tool.poetry]
        name = "lab-two"
        version = "1.0"
        description = ""
        authors = []

        [tool.poetry.dependencies]
        python = ">=3.9"
        alpha = [
          { version = "^1.0", python = "<3.11" },
          { version = "^2.0", python = ">=3.11" },
        ]
        gamma = "3.0.0"

        [tool.poetry.dev-dependencies]
        delta = "1.2.*"

        [[tool.poetry.source]]
        name = "lab"
        url = "http://127.0.0.1:18765/simple/"
        default = true
        """;

    // Poetry 1.3.2: a union, a platform, a quoted key, and a source name with a backslash and non-BMP text (ensure_ascii
    // escapes it as a surrogate pair), a false boolean.
    private const string ProjectThree = """
        [tool.poetry]
        name = "lab-three"
        version = "1.0"
        description = "x"
        authors = []

        [tool.poetry.dependencies]
        python = "~3.11 || ^3.12"
        alpha = { version = "^1.5 || ^2.1", allow-prereleases = false }
        "Delta" = { version = "==1.2.3", extras = [], platform = "linux" }

        [tool.poetry.group.weird.dependencies]
        epsilon = { version = "0.9.0", markers = "python_version >= \"3.8\"" }

        [[tool.poetry.source]]
        name = "läb\\🙂"
        url = "http://127.0.0.1:18765/simple/"
        default = true
        secondary = false
        """;

    [Theory]
    [InlineData(ProjectOne, "d2aaa5108e109125b9f668ff8dee66e4933be8fcf4b4d97083b4efdcbddc9919")]
    [InlineData(ProjectTwo, "859349400c61e1f7738b64f759531710cdd6c5c9bdd66e6804afdab4c1d945bf")]
    [InlineData(ProjectThree, "d1116be48dce397864d3b00096750e848063e22793160e8ad6bc0dfecf057d62")]
    public void The_content_hash_is_the_one_Poetry_wrote_for_the_same_pyproject(string pyproject, string poetryWrote)
    {
        // Arrange
        var document = HookGuard.Core.Toml.TomlDocument.Parse("pyproject.toml", pyproject);

        // Act
        var hashes = PoetryContentHash.Candidates(document, poetry2: false);

        // Assert
        Assert.Equal([poetryWrote], hashes);
    }

    [Theory]
    [InlineData(ProjectOne, "d2aaa5108e109125b9f668ff8dee66e4933be8fcf4b4d97083b4efdcbddc9919")]
    [InlineData(ProjectThree, "d1116be48dce397864d3b00096750e848063e22793160e8ad6bc0dfecf057d62")]
    public void A_lock_whose_hash_Poetry_wrote_is_not_stale_and_an_edited_pyproject_makes_it_stale(string pyproject, string poetryWrote)
    {
        // Arrange
        var lockText = $"""
            [[package]]
            name = "alpha"
            version = "1.5.0"
            optional = false
            python-versions = "*"

            [metadata]
            lock-version = "2.0"
            python-versions = "^3.8"
            content-hash = "{poetryWrote}"
            """;
        var edited = pyproject.Replace("[tool.poetry.dependencies]", "[tool.poetry.dependencies]\nzeta = \"*\"", StringComparison.Ordinal);

        // Act
        var fresh = PoetryLockReader.Read(PoetryLockReaderSpecs.Input(lockText, pyproject));
        var stale = PoetryLockReader.Read(PoetryLockReaderSpecs.Input(lockText, edited));

        // Assert
        Assert.Empty(fresh.Stale);
        var finding = Assert.Single(stale.Stale);
        Assert.Equal(new HookGuard.Core.Requirements.SourceLocation("poetry.lock", 10), finding.Location);
        Assert.Equal("pyproject.toml", finding.DeclarationFile);
        Assert.Equal("its content-hash does not match pyproject.toml", finding.Reason);
    }

    [Fact]
    public void Floats_are_written_as_Python_writes_their_repr()
    {
        // Arrange
        double[] values = [1.0, 0.1, 1e16, 1.5e16, 1e-5, 0.0001, 123456789012345.6, 1e22, 2.5e-7, -3.25, 5e-324, 1.7976931348623157e308, 100.0, 0.30000000000000004];

        // Act
        var written = values.Select(PythonJson.FloatRepr).ToArray();

        // Assert (each expected text is Python 3.11's repr of the value)
        Assert.Equal(["1.0", "0.1", "1e+16", "1.5e+16", "1e-05", "0.0001", "123456789012345.6", "1e+22", "2.5e-07", "-3.25", "5e-324", "1.7976931348623157e+308", "100.0", "0.30000000000000004"], written);
    }
}
