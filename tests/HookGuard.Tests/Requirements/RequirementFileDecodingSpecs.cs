using System.Text;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Requirements;

public sealed class RequirementFileDecodingSpecs
{
    [Theory]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF }, "utf-8")]
    [InlineData(new byte[] { 0xFE, 0xFF }, "utf-16-be")]
    [InlineData(new byte[] { 0xFF, 0xFE }, "utf-16")]
    public void Reads_a_byte_order_mark_and_keeps_it_for_writing_back(byte[] bom, string codec)
    {
        // Arrange
        var encoding = codec switch
        {
            "utf-8" => Encoding.UTF8,
            "utf-16-be" => Encoding.BigEndianUnicode,
            _ => Encoding.Unicode,
        };
        byte[] content = [.. bom, .. encoding.GetBytes("-e .\n# caf\u00e9\n")];

        // Act
        var (text, detected) = RequirementFileEncoding.Decode(content, "requirements.txt");

        // Assert
        Assert.Equal("-e .\n# caf\u00e9\n", text);
        Assert.Equal(codec, detected.Name);
        Assert.Equal(bom, detected.Bom);
        Assert.Equal(content, detected.Encode(text));
    }

    [Fact]
    public void Honours_a_PEP_263_coding_comment_in_the_first_two_lines()
    {
        // Arrange
        var content = Encoding.Latin1.GetBytes("\n# -*- coding: latin-1 -*-\n# caf\u00e9\n");

        // Act
        var (text, encoding) = RequirementFileEncoding.Decode(content, "r.txt");

        // Assert
        Assert.Equal("\n# -*- coding: latin-1 -*-\n# caf\u00e9\n", text);
        Assert.Equal("latin-1", encoding.Name);
        Assert.Empty(encoding.Bom);
        Assert.Equal(content, encoding.Encode(text));
    }

    [Fact]
    public void Ignores_a_coding_comment_after_the_second_line()
    {
        // Arrange
        var content = Encoding.Latin1.GetBytes("\n\n# coding: latin-1\n# caf\u00e9\n");

        // Act
        var error = Assert.Throws<RequirementFileError>(() => RequirementFileEncoding.Decode(content, "r.txt"));

        // Assert
        Assert.Contains("utf-8", error.Message);
    }

    [Fact]
    public void Refuses_an_unknown_codec_naming_the_file()
    {
        // Act
        var error = Assert.Throws<RequirementFileError>(() => RequirementFileEncoding.Decode("# coding: klingon\n"u8, "reqs/base.txt"));

        // Assert
        Assert.Equal("reqs/base.txt", error.Location.File);
        Assert.Contains("klingon", error.Reason);
    }
}
