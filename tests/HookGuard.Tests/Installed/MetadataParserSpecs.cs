using HookGuard.Core.Installed;

namespace HookGuard.Tests.Installed;

public class MetadataParserSpecs
{
    [Fact]
    public void Reads_name_version_and_raw_requires_dist()
    {
        const string text = "Metadata-Version: 2.1\nName: Foo_Bar.Baz\nVersion: 1.0.0-RC1\nRequires-Dist: requests (>=2.0)\nRequires-Dist: idna; python_version < \"3.8\"\n\nBody\n";

        var metadata = MetadataParser.Parse(text, "METADATA");

        Assert.Equal("Foo_Bar.Baz", metadata.Name);
        Assert.Equal("1.0.0-RC1", metadata.Version);
        Assert.Equal(["requests (>=2.0)", "idna; python_version < \"3.8\""], metadata.RequiresDist);
    }

    [Fact]
    public void Stops_at_the_first_blank_line_so_the_body_is_never_read()
    {
        const string text = "Name: foo\nVersion: 1\n\nThis is not a header\nRequires-Dist: not-a-dependency\n";

        var metadata = MetadataParser.Parse(text, "METADATA");

        Assert.Empty(metadata.RequiresDist);
    }

    [Fact]
    public void Unfolds_continuation_lines_and_ignores_header_case()
    {
        const string text = "name: foo\nversion:\n  2.0\nSummary: a long\n\tsummary\nrequires-dist: bar\n   >=1\n";

        var metadata = MetadataParser.Parse(text, "PKG-INFO");

        Assert.Equal("2.0", metadata.Version);
        Assert.Equal(["bar >=1"], metadata.RequiresDist);
    }

    [Fact]
    public void Accepts_CRLF_line_endings_and_a_byte_order_mark()
    {
        var metadata = MetadataParser.Parse("\uFEFFName: foo\r\nVersion: 3\r\n\r\nbody", "METADATA");

        Assert.Equal(("foo", "3"), (metadata.Name, metadata.Version));
    }

    [Fact]
    public void The_first_Name_wins_like_email_Message_get()
    {
        var metadata = MetadataParser.Parse("Name: first\nName: second\nVersion: 1\n", "METADATA");

        Assert.Equal("first", metadata.Name);
    }

    [Theory]
    [InlineData("Name: foo\nthis line has no colon\nVersion: 1\n", 2)]
    [InlineData("  folded before any header\nName: foo\nVersion: 1\n", 1)]
    [InlineData("Name: foo\nBad Header: x\nVersion: 1\n", 2)]
    public void Rejects_a_line_that_is_not_a_header_naming_file_and_line(string text, int line)
    {
        var error = Assert.Throws<VenvFormatException>(() => MetadataParser.Parse(text, "/venv/foo.dist-info/METADATA"));

        Assert.Equal("/venv/foo.dist-info/METADATA", error.File);
        Assert.Equal(line, error.Line);
        Assert.StartsWith($"/venv/foo.dist-info/METADATA:{line}:", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Version: 1\n")]
    [InlineData("Name: foo\n")]
    [InlineData("Name: \nVersion: 1\n")]
    [InlineData("\nName: foo\nVersion: 1\n")]
    public void Rejects_metadata_without_a_name_or_a_version(string text)
    {
        Assert.Throws<VenvFormatException>(() => MetadataParser.Parse(text, "METADATA"));
    }

    [Fact]
    public void Reads_no_further_than_the_header_block()
    {
        var reader = new StringReader("Name: foo\nVersion: 1\n\nline after the headers\n");

        MetadataParser.Parse(reader, "METADATA");

        Assert.Equal("line after the headers", reader.ReadLine());
    }
}
