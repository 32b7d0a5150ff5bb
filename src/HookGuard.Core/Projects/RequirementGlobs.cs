using Microsoft.Extensions.FileSystemGlobbing;

namespace HookGuard.Core.Projects;

/// <summary>
/// The requirement-file globs of a project (<c>requirements = [...]</c>, relative to the project directory), matched in
/// memory against path lists with <see cref="Matcher"/>, never against the disk (Husky.Net's habit).
/// </summary>
public sealed class RequirementGlobs
{
    private static readonly char[] Wildcards = ['*', '?', '[', '{'];

    private readonly IReadOnlyList<Glob> _globs;

    public RequirementGlobs(IReadOnlyList<string> patterns)
    {
        Patterns = patterns;
        _globs = patterns.Select(Glob.From).ToArray();
    }

    public IReadOnlyList<string> Patterns { get; }

    /// <summary>Whether a path, relative to the project directory, is one of its requirement files.</summary>
    public bool Matches(string relativePath)
    {
        return _globs.Any(glob => glob.Matches(relativePath));
    }

    /// <summary>The requirement files of <paramref name="directory"/> (repo-relative paths), ordered as the globs list them, each once.</summary>
    public IReadOnlyList<string> FindIn(string directory, IRepositoryPaths paths)
    {
        var found = new List<string>();
        foreach (var glob in _globs)
        {
            if (glob.IsLiteral)
            {
                var path = RepoPath.Join(directory, glob.Pattern);
                if (paths.Contains(path) && !found.Contains(path))
                {
                    found.Add(path);
                }

                continue;
            }

            // Only the part of the tree below the glob's literal prefix can match; without "**" only so deep.
            var candidates = paths.FilesUnder(RepoPath.Join(directory, glob.LiteralPrefix), glob.MaxDepthBelowPrefix);
            foreach (var path in candidates)
            {
                if (glob.Matches(RepoPath.RelativeTo(directory, path)) && !found.Contains(path))
                {
                    found.Add(path);
                }
            }
        }

        return found;
    }

    private sealed record Glob(string Pattern, bool IsLiteral, string LiteralPrefix, int? MaxDepthBelowPrefix)
    {
        private Matcher? _matcher;

        public bool Matches(string relativePath)
        {
            if (IsLiteral)
            {
                return string.Equals(Pattern, relativePath, StringComparison.Ordinal);
            }

            if (_matcher is null)
            {
                _matcher = new Matcher(StringComparison.Ordinal);
                _matcher.AddInclude(Pattern);
            }

            return _matcher.Match(relativePath).HasMatches;
        }

        public static Glob From(string pattern)
        {
            var segments = pattern.Split('/');
            var firstWild = Array.FindIndex(segments, segment => segment.IndexOfAny(Wildcards) >= 0);
            if (firstWild < 0)
            {
                return new Glob(pattern, IsLiteral: true, pattern, 0);
            }

            var prefix = string.Join('/', segments[..firstWild]);
            int? depth = segments.Contains("**") || segments.Any(segment => segment.Contains("**"))
                ? null
                : segments.Length - firstWild;
            return new Glob(pattern, IsLiteral: false, prefix, depth);
        }
    }
}
