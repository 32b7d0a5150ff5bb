using HookGuard.Core.Installed;

namespace HookGuard.Tests.Installed;

public class DirectUrlParserSpecs
{
    [Fact]
    public void Reads_a_PEP_660_editable_directory()
    {
        var url = DirectUrlParser.Parse("""{"url": "file:///home/me/proj", "dir_info": {"editable": true}}""", "direct_url.json");

        Assert.Equal(new DirectUrl("file:///home/me/proj", true, null, null, null), url);
    }

    [Fact]
    public void Reads_a_local_archive_as_not_editable()
    {
        var url = DirectUrlParser.Parse("""{"archive_info": {"hashes": {"sha256": "ab"}, "hash": "sha256=ab"}, "url": "file:///tmp/foo-1.0-py3-none-any.whl"}""", "direct_url.json");

        Assert.Equal("file:///tmp/foo-1.0-py3-none-any.whl", url.Url);
        Assert.False(url.Editable);
        Assert.Equal("foo @ file:///tmp/foo-1.0-py3-none-any.whl#sha256=ab", url.PipFreezeRequirement("foo"));
    }

    [Fact]
    public void Writes_VCS_and_subdirectory_installs_as_pip_freeze_does()
    {
        var url = DirectUrlParser.Parse("""{"url": "https://g.example/a.git", "vcs_info": {"vcs": "git", "commit_id": "c0ffee"}, "subdirectory": "pkg"}""", "direct_url.json");

        Assert.Equal("A @ git+https://g.example/a.git@c0ffee#subdirectory=pkg", url.PipFreezeRequirement("A"));
    }

    [Fact]
    public void Reads_a_VCS_install()
    {
        var url = DirectUrlParser.Parse("""{"url": "https://github.com/a/b.git", "vcs_info": {"vcs": "git", "commit_id": "abc123", "requested_revision": "main"}}""", "direct_url.json");

        Assert.Equal(new DirectUrl("https://github.com/a/b.git", false, "git", "abc123", "main"), url);
    }

    [Fact]
    public void A_directory_without_the_editable_key_is_not_editable()
    {
        var url = DirectUrlParser.Parse("""{"url": "file:///p", "dir_info": {}}""", "direct_url.json");

        Assert.False(url.Editable);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"dir_info": {}}""")]
    [InlineData("""{"url": "file:///p"}""")]
    [InlineData("""{"url": "file:///p", "dir_info": {}, "archive_info": {}}""")]
    [InlineData("""{"url": "file:///p", "vcs_info": {"commit_id": "x"}}""")]
    [InlineData("""{"url": 3, "dir_info": {}}""")]
    [InlineData("""{"url": "file:///p", "archive_info": {"hash": "nohashname"}}""")]
    public void Rejects_what_pip_would_not_accept_naming_the_file(string json)
    {
        var error = Assert.Throws<VenvFormatException>(() => DirectUrlParser.Parse(json, "/v/foo.dist-info/direct_url.json"));

        Assert.Equal("/v/foo.dist-info/direct_url.json", error.File);
    }
}
