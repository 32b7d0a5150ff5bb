using System.Text;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Requirements;

public sealed class RequirementFileParserSpecs
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    private static ParsedRequirementFile Parse(string text, Func<string, string?>? variables = null) =>
        RequirementFileParser.Parse("requirements.txt", Encoding.UTF8.GetBytes(text), variables ?? NoVariables);

    [Fact]
    public void Joins_continuations_and_locates_the_entry_at_its_first_line()
    {
        // Act
        var file = Parse("# header\n--index-url \\\n  https://example.com/simple\n-e \\\n.\n");

        // Assert
        var option = Assert.IsType<OptionEntry>(file.Entries[0]);
        Assert.Equal("--index-url   https://example.com/simple", option.Text);
        Assert.Equal((2, 3), (option.Location.Line, option.LastLine));
        var editable = Assert.IsType<RequirementEntry>(file.Entries[1]);
        Assert.Equal((4, 5, ".", true), (editable.Location.Line, editable.LastLine, editable.Text, editable.Editable));
    }

    [Fact]
    public void Ends_a_continuation_at_a_comment_line_as_pip_does()
    {
        // Act
        var file = Parse("--pre \\\n# not joined\n--no-index\n");

        // Assert
        Assert.Equal(["--pre", "--no-index"], file.Entries.Cast<OptionEntry>().Select(o => o.Text));
    }

    [Fact]
    public void Keeps_a_continuation_at_the_end_of_the_file()
    {
        // Act
        var file = Parse("--pre \\");

        // Assert
        Assert.Equal("--pre", Assert.IsType<OptionEntry>(Assert.Single(file.Entries)).Text);
    }

    [Theory]
    [InlineData("-r base.txt", "base.txt", false)]
    [InlineData("-rbase.txt", "base.txt", false)]
    [InlineData("--requirement=base.txt", "base.txt", false)]
    [InlineData("--requirement base.txt  # why", "base.txt", false)]
    [InlineData("--requirem base.txt", "base.txt", false)]
    [InlineData("-c constraints.txt", "constraints.txt", true)]
    [InlineData("--constraint=constraints.txt", "constraints.txt", true)]
    [InlineData("-r 'dir with space/x.txt'", "dir with space/x.txt", false)]
    public void Reads_include_lines_in_every_spelling_pip_accepts(string line, string path, bool isConstraint)
    {
        // Act
        var include = Assert.IsType<IncludeEntry>(Assert.Single(Parse(line).Entries));

        // Assert
        Assert.Equal((path, isConstraint), (include.Path, include.IsConstraint));
    }

    [Fact]
    public void Expands_only_set_upper_case_braced_variables()
    {
        // Arrange
        var variables = new Dictionary<string, string> { ["DIR"] = "reqs", ["EMPTY"] = "" };

        // Act
        var file = Parse("-r ${DIR}/a.txt\n-r $DIR/b.txt\n-r ${dir}/c.txt\n-r ${EMPTY}d.txt\n-r ${UNSET}e.txt\n", v => variables.GetValueOrDefault(v));

        // Assert
        Assert.Equal(["reqs/a.txt", "$DIR/b.txt", "${dir}/c.txt", "${EMPTY}d.txt", "${UNSET}e.txt"], file.Includes.Select(i => i.Path));
    }

    [Fact]
    public void Counts_lines_as_pythons_splitlines_does()
    {
        // Act: \r\n is one break, a lone \r and a form feed are breaks too.
        var file = Parse("--pre\r\n--no-index\r-e .\f-r x.txt\n");

        // Assert
        Assert.Equal([1, 2, 3, 4], file.Entries.Select(e => e.Location.Line));
    }

    [Theory]
    [InlineData("--unknown-option", "no such option: --unknown-option")]
    [InlineData("--req x.txt", "ambiguous option: --req (--require-hashes, --requirement?)")]
    [InlineData("-r", "-r option requires 1 argument")]
    [InlineData("--no-index=1", "--no-index option does not take a value")]
    [InlineData("--use-feature=bogus", "invalid choice: 'bogus'")]
    [InlineData("-e . --hash=md5:abc", "Allowed hash algorithms for --hash are sha256, sha384, sha512.")]
    [InlineData("-e . --hash='abc", "Could not split options")]
    [InlineData("-x", "no such option: -x")]
    public void Refuses_options_pip_refuses_naming_the_line(string line, string reason)
    {
        // Act
        var error = Assert.Throws<RequirementFileError>(() => Parse("--pre\n\n" + line + "\n"));

        // Assert
        Assert.Equal(new SourceLocation("requirements.txt", 3), error.Location);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Records_require_hashes_so_that_editors_know_the_file_checks_hashes()
    {
        // Act
        var file = Parse("--require-hashes\n-e .\n");

        // Assert
        Assert.True(file.UsesHashes);
        Assert.False(Parse("--pre\n-e .\n").UsesHashes);
    }

    [Fact]
    public void Treats_an_editable_local_directory_as_unnamed()
    {
        // Act
        var entry = Assert.IsType<RequirementEntry>(Assert.Single(Parse("-e ./pkg --config-settings key=value\n").Entries));

        // Assert
        Assert.Null(entry.Requirement);
        Assert.True(entry.Editable);
        Assert.Empty(entry.Hashes);
    }

    [Fact]
    public void Refuses_an_editable_url_that_is_not_version_control()
    {
        // Act
        var error = Assert.Throws<RequirementFileError>(() => Parse("-e https://example.com/a.zip\n"));

        // Assert
        Assert.Contains("is not a valid editable requirement", error.Reason);
    }

    [Fact]
    public void Strips_backslashes_at_both_ends_of_a_continued_line_as_pip_does()
    {
        // Act: join_lines uses line.strip("\\"), and keeps the backslash that starts the closing line.
        var file = Parse("-r a\\\n\\\\b.txt\\\\\n\\c.txt\n");

        // Assert: shlex then drops the remaining backslash as an escape.
        Assert.Equal("ab.txtc.txt", Assert.IsType<IncludeEntry>(Assert.Single(file.Entries)).Path);
    }

    [Theory]
    [InlineData("./docs", LocalPathKind.Directory, "Directory './docs' is not installable")]
    [InlineData("./missing", LocalPathKind.NotADirectory, "invalid requirement './missing'")]
    public void Asks_the_local_path_oracle_what_pip_would_ask_the_disk(string line, LocalPathKind kind, string reason)
    {
        // Act
        var error = Assert.Throws<RequirementFileError>(() =>
            RequirementFileParser.Parse("requirements.txt", Encoding.UTF8.GetBytes(line), NoVariables, _ => kind));

        // Assert
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void Names_a_local_project_only_by_building_it()
    {
        // Act
        var entry = Assert.IsType<RequirementEntry>(Assert.Single(
            RequirementFileParser.Parse("requirements.txt", "./libs/a[extra] ; python_version > '3'\n"u8, NoVariables, _ => LocalPathKind.ProjectDirectory).Entries));

        // Assert
        Assert.Null(entry.Requirement);
        Assert.False(entry.Editable);
    }

    [Theory]
    [InlineData("demo @ file://build-host/src/demo")]
    [InlineData("file://${PROJECT_ROOT}/hello")]
    public void Refuses_non_local_file_urls_as_pip_does_on_posix(string line)
    {
        // Act
        var error = Assert.Throws<RequirementFileError>(() => Parse(line));

        // Assert
        Assert.Contains("non-local file URIs are not supported", error.Reason);
    }

    [Fact]
    public void Names_wheels_by_their_file_name_and_urls_by_their_egg_fragment()
    {
        // Act
        var file = Parse("./dist/demo_pkg-1.2.3-py3-none-any.whl\ngit+https://github.com/psf/requests.git@v2.31.0#egg=requests\nhttps://example.com/a.zip\n");

        // Assert
        var names = file.Requirements.Select(r => r.Requirement is null ? "<unnamed>" : $"{r.Requirement.Name}{r.Requirement.Specifier}").ToList();
        Assert.Equal(["demo-pkg==1.2.3", "requests", "<unnamed>"], names);
    }
}
