using HookGuard.Core.Declarations;
using static HookGuard.Tests.Declarations.Uv.UvLockReaderSpecs;

namespace HookGuard.Tests.Declarations.Uv;

public sealed class UvStaleCheckSpecs
{
    private static StaleLock? StaleOf(string pyproject, string? lockText = null) =>
        Read(lockText ?? LockText, pyproject, Linux312).Stale.SingleOrDefault();

    [Fact]
    public void A_lock_whose_recorded_requirements_match_is_not_stale()
    {
        // Act
        var stale = StaleOf(PyprojectText);

        // Assert
        Assert.Null(stale);
    }

    [Fact]
    public void Requirements_compare_as_parsed_sets_not_as_strings()
    {
        // Arrange: other spelling, order, quotes, and a python_version marker that uv records as python_full_version.
        var pyproject = PyprojectText
            .Replace("\"anyio>=4\", \"colorama; sys_platform == 'win32'\"", "\"colorama ; sys_platform==\\\"win32\\\"\", \"AnyIO >= 4\"", StringComparison.Ordinal)
            .Replace("dev = [\"pytest>=8\"]", "dev = [\"pytest>=8; python_version >= '3.10'\"]", StringComparison.Ordinal);
        var lockText = LockText.Replace("dev = [{ name = \"pytest\", specifier = \">=8\" }]",
            "dev = [{ name = \"pytest\", specifier = \">=8\", marker = \"python_full_version >= '3.10'\" }]", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject, lockText);

        // Assert
        Assert.Null(stale);
    }

    [Fact]
    public void A_changed_dependency_makes_the_lock_stale_at_its_metadata_table()
    {
        // Arrange
        var pyproject = PyprojectText.Replace("anyio>=4", "anyio>=4.5", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.NotNull(stale);
        Assert.Equal("pyproject.toml", stale.DeclarationFile);
        Assert.Equal("[package.metadata]", LockText.Split('\n')[stale.Location.Line - 1].Trim());
        Assert.Equal("its recorded requirements do not match pyproject.toml: 'anyio>=4.5' is declared but not recorded", stale.Reason);
    }

    [Fact]
    public void A_removed_dependency_is_reported_as_recorded_but_no_longer_declared()
    {
        // Arrange
        var pyproject = PyprojectText.Replace(", \"colorama; sys_platform == 'win32'\"", "", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.NotNull(stale);
        Assert.EndsWith("'colorama; sys_platform == 'win32'' is recorded but no longer declared", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extra_is_compared_with_its_marker_as_uv_records_it()
    {
        // Arrange
        var pyproject = PyprojectText.Replace("trio = [\"trio>=0.25\"]", "trio = [\"trio>=0.25\"]\nasync = [\"trio>=0.25\"]", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.NotNull(stale);
        Assert.EndsWith("'trio>=0.25' (extra 'async') is declared but not recorded", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_dependency_group_makes_the_lock_stale_at_requires_dev()
    {
        // Arrange
        var pyproject = PyprojectText.Replace("docs = [\"sphinx\"]", "docs = [\"sphinx\", {include-group = \"dev\"}]", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.NotNull(stale);
        Assert.Equal("[package.metadata.requires-dev]", LockText.Split('\n')[stale.Location.Line - 1].Trim());
        Assert.EndsWith("group 'docs': 'pytest>=8' is declared but not recorded", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_requires_python_makes_the_lock_stale_at_that_line()
    {
        // Arrange
        var pyproject = PyprojectText.Replace("requires-python = \">=3.10\"", "requires-python = \">=3.11\"", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.NotNull(stale);
        Assert.Equal(3, stale.Location.Line);
        Assert.EndsWith("requires-python '>=3.10' is recorded, '>=3.11' declared", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_equivalent_requires_python_is_not_a_difference()
    {
        // Arrange
        var pyproject = PyprojectText.Replace("requires-python = \">=3.10\"", "requires-python = \">= 3.10.0\"", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.Null(stale);
    }

    [Fact]
    public void Without_a_staged_pyproject_there_is_no_stale_check()
    {
        // Act
        var set = Read(LockText, pyproject: null, Linux312);

        // Assert
        Assert.Empty(set.Stale);
    }

    [Fact]
    public void A_lock_that_does_not_hold_the_named_project_is_stale()
    {
        // Arrange
        var pyproject = PyprojectText.Replace("name = \"app\"", "name = \"renamed\"", StringComparison.Ordinal);

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.NotNull(stale);
        Assert.Contains("'renamed'", stale.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_legacy_dev_dependencies_of_tool_uv_are_the_dev_group()
    {
        // Arrange
        var pyproject = PyprojectText.Replace("dev = [\"pytest>=8\"]\n", "", StringComparison.Ordinal) + "\n[tool.uv]\ndev-dependencies = [\"pytest>=8\"]\n";

        // Act
        var stale = StaleOf(pyproject);

        // Assert
        Assert.Null(stale);
    }
}
