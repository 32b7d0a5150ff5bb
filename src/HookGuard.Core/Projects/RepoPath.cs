namespace HookGuard.Core.Projects;

/// <summary>Repo-relative paths: forward slashes, no leading <c>./</c>, no trailing slash, <c>""</c> for the root.</summary>
public static class RepoPath
{
    /// <summary>Joins two repo-relative parts, either of which may be the root.</summary>
    public static string Join(string directory, string relative) =>
        directory.Length == 0 ? relative : relative.Length == 0 ? directory : directory + "/" + relative;

    /// <summary>The directory holding <paramref name="path"/>; <c>""</c> for a path at the root.</summary>
    public static string Parent(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash < 0 ? "" : path[..slash];
    }

    /// <summary><paramref name="path"/> relative to <paramref name="directory"/>, which must be it or hold it.</summary>
    public static string RelativeTo(string directory, string path) =>
        directory.Length == 0 ? path : path.Length == directory.Length ? "" : path[(directory.Length + 1)..];

    /// <summary>Normalizes a user-typed path (backslashes, <c>./</c>, trailing slashes) to the repo-relative form.</summary>
    public static string Normalize(string path) =>
        string.Join('/', path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != "."));

    /// <summary>How a project path is shown to a user and in commands: the root is <c>.</c>.</summary>
    public static string Display(string path) => path.Length == 0 ? "." : path;
}
