using HookGuard.Core.Projects;

namespace HookGuard.Tests.Projects;

public sealed class SortedPathListSpecs
{
    private readonly SortedPathList _paths = new(["a/x.txt", "a/b/y.txt", "a/b/c/z.txt", "a-b/w.txt", "a0.txt", "top.txt"]);

    [Fact]
    public void Lists_the_files_below_a_directory_and_nothing_beside_it()
    {
        Assert.Equal(["a/b/c/z.txt", "a/b/y.txt", "a/x.txt"], _paths.FilesUnder("a"));
    }

    [Fact]
    public void Lists_only_as_deep_as_asked()
    {
        Assert.Equal(["a/x.txt"], _paths.FilesUnder("a", maxDepth: 1));
        Assert.Equal(["a/b/y.txt", "a/x.txt"], _paths.FilesUnder("a", maxDepth: 2));
        Assert.Equal(["a0.txt", "top.txt"], _paths.FilesUnder("", maxDepth: 1));
    }

    [Fact]
    public void Knows_which_files_it_holds()
    {
        Assert.True(_paths.Contains("a/b/y.txt"));
        Assert.False(_paths.Contains("a/b"));
    }
}
