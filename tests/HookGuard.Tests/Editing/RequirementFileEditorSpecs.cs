using System.Text;
using HookGuard.Core.Editing;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Editing;

public sealed class RequirementFileEditorSpecs
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    private static ParsedRequirementFile Parse(byte[] content) => RequirementFileParser.Parse("requirements.txt", content, NoVariables);

    private static RequirementEntry Entry(ParsedRequirementFile file, string name) =>
        file.Requirements.Single(r => r.Requirement?.Name == name);

    private static string EditPin(string text, string name, string version)
    {
        var file = Parse(Encoding.UTF8.GetBytes(text));
        var result = RequirementFileEditor.Apply(file, [new UpdatePin(Entry(file, name), version)], NoVariables);
        return Encoding.UTF8.GetString(Assert.IsType<EditedFile>(result).Content);
    }

    [Theory]
    [InlineData("Flask[async] == 2.0.1 ; python_version >= '3.8'  # web\n", "Flask", "Flask[async] == 3.0.0 ; python_version >= '3.8'  # web\n")]
    [InlineData("Django>=4.2,<5  # keep LTS\n", "Django", "Django==3.0.0  # keep LTS\n")]
    [InlineData("requests ; python_version > '3'\n", "requests", "requests==3.0.0 ; python_version > '3'\n")]
    [InlineData("requests[socks]\n", "requests", "requests[socks]==3.0.0\n")]
    [InlineData("idna (>=2.5, <4)\n", "idna", "idna (==3.0.0)\n")]
    [InlineData("zope.interface===5.0 --global-option=-q\n", "zope.interface", "zope.interface==3.0.0 --global-option=-q\n")]
    [InlineData("attrs \\\n    ==23.1.0 \\\n    ; python_version > '3'\n", "attrs", "attrs \\\n    ==3.0.0 \\\n    ; python_version > '3'\n")]
    [InlineData("-e .\nsix==1.0.0\n# tail", "six", "-e .\nsix==3.0.0\n# tail")]
    public void Updates_a_pin_where_it_is_written_keeping_the_rest_of_the_line(string before, string name, string after)
    {
        // Act
        var edited = EditPin(before, name, "3.0.0");

        // Assert
        Assert.Equal(after, edited);
    }

    [Fact]
    public void An_append_that_would_become_the_files_coding_comment_is_refused()
    {
        // Found by the fuzzer: "coding: " then a lone CR; pip's coding regex reads across the line break, so the appended
        // line would name the file's encoding ("New_Dist.x") and pip would refuse the whole file.
        var file = Parse(Encoding.UTF8.GetBytes("# -*- coding: \r"));

        var result = RequirementFileEditor.Apply(file, [new AppendRequirement("New_Dist.x", "1.0")], NoVariables);

        var refused = Assert.IsType<EditRefused>(result);
        Assert.Equal(EditRefusalReason.WouldChangeMeaning, refused.Reason);
    }

    [Fact]
    public void Appends_in_pip_freeze_spelling_keeping_bom_crlf_and_the_missing_final_newline()
    {
        // Arrange
        byte[] original = [0xEF, 0xBB, 0xBF, .. "requests==2.31.0\r\n# end"u8];
        var file = Parse(original);

        // Act
        var result = Assert.IsType<EditedFile>(RequirementFileEditor.Apply(file, [new AppendRequirement("Flask", "3.0.0"), new AppendRequirement("six", "1.16.0")], NoVariables));

        // Assert
        Assert.Equal([0xEF, 0xBB, 0xBF, .. "requests==2.31.0\r\n# end\r\nFlask==3.0.0\r\nsix==1.16.0"u8], result.Content);
        Assert.Equal([new LineChange(3, null, "Flask==3.0.0"), new LineChange(4, null, "six==1.16.0")], result.Changes);
    }

    [Fact]
    public void Appends_after_a_continuation_at_the_end_of_the_file_without_joining_it()
    {
        // Arrange
        var file = Parse("--pre \\\n"u8.ToArray());

        // Act
        var result = Assert.IsType<EditedFile>(RequirementFileEditor.Apply(file, [new AppendRequirement("six", "1.16.0")], NoVariables));

        // Assert
        Assert.Equal("--pre \\\n\nsix==1.16.0\n", Encoding.UTF8.GetString(result.Content));
    }

    [Fact]
    public void Writes_utf16_files_back_in_utf16()
    {
        // Arrange
        byte[] original = [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("six==1.0\n")];
        var file = Parse(original);

        // Act
        var result = Assert.IsType<EditedFile>(RequirementFileEditor.Apply(file, [new UpdatePin(Entry(file, "six"), "1.16.0")], NoVariables));

        // Assert
        Assert.Equal([0xFF, 0xFE, .. Encoding.Unicode.GetBytes("six==1.16.0\n")], result.Content);
    }

    [Theory]
    [InlineData("six==1.0 --hash=sha256:abc\n")]
    [InlineData("--require-hashes\nsix==1.0\n")]
    public void Refuses_to_write_an_unhashed_pin_into_a_file_that_checks_hashes(string text)
    {
        // Arrange
        var file = Parse(Encoding.UTF8.GetBytes(text));

        // Act
        var pin = RequirementFileEditor.Apply(file, [new UpdatePin(Entry(file, "six"), "2.0")], NoVariables);
        var append = RequirementFileEditor.Apply(file, [new AppendRequirement("Flask", "3.0.0")], NoVariables);

        // Assert
        Assert.Equal(EditRefusalReason.HashCheckingFile, Assert.IsType<EditRefused>(pin).Reason);
        Assert.Contains("--hash", Assert.IsType<EditRefused>(append).Message);
    }

    [Theory]
    [InlineData("urllib3 @ https://example.com/urllib3-2.0.0-py3-none-any.whl\n", "urllib3", EditRefusalReason.NotPinnable)]
    [InlineData("-e git+https://github.com/a/b.git#egg=b\n", "b", EditRefusalReason.NotPinnable)]
    [InlineData("six==${SIX_VERSION}\n", "six", EditRefusalReason.VersionNotWhereWritten)]
    [InlineData("six==1.\\\n0\n", "six", EditRefusalReason.VersionNotWhereWritten)]
    public void Refuses_a_pin_it_cannot_rewrite_in_place(string text, string name, EditRefusalReason reason)
    {
        // Arrange
        Func<string, string?> variables = v => v == "SIX_VERSION" ? "1.0" : null;
        var file = RequirementFileParser.Parse("requirements.txt", Encoding.UTF8.GetBytes(text), variables);

        // Act
        var result = RequirementFileEditor.Apply(file, [new UpdatePin(file.Requirements.Single(r => r.Requirement?.Name == name), "9.9")], variables);

        // Assert
        Assert.Equal(reason, Assert.IsType<EditRefused>(result).Reason);
    }

    [Fact]
    public void Refuses_to_append_to_a_file_installed_together_with_a_hashed_file()
    {
        // Arrange
        var files = new Dictionary<string, byte[]>
        {
            ["requirements.txt"] = "-r locked.txt\nsix==1.0\n"u8.ToArray(),
            ["locked.txt"] = "attrs==23.1.0 --hash=sha256:abc\n"u8.ToArray(),
        };
        var declared = DeclaredSetResolver.Resolve(["requirements.txt"], files.GetValueOrDefault, NoVariables);

        // Act
        var result = RequirementFileEditor.Apply(declared.ParsedFiles["requirements.txt"], [new AppendRequirement("Flask", "3.0.0")], NoVariables,
            installChecksHashes: declared.UsesHashes);

        // Assert
        Assert.True(declared.UsesHashes);
        Assert.Equal(EditRefusalReason.HashCheckingFile, Assert.IsType<EditRefused>(result).Reason);
    }
}
