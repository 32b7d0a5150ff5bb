using System.Text.RegularExpressions;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The target of a <c>.python-version</c> (pyenv's, also read by uv, rye and most CI setup actions): its first usable
/// line, which is the Python pyenv selects (the later lines only add commands to <c>PATH</c>).
/// </summary>
/// <remarks>
/// Usable lines, as pyenv's <c>version-file-read</c>: not blank, not a <c>#</c> comment. Understood:
/// <c>3.12</c>, <c>3.12.1</c>, prereleases and free-threaded builds (<c>3.14.0rc1</c>, <c>3.13t</c>), a pyenv-virtualenv
/// (<c>3.12.1/envs/api</c>), uv's requests (<c>cpython@3.12</c>, <c>cpython-3.12.1-linux-x86_64-gnu</c>) and PyPy
/// (<c>pypy3.10-7.3.12</c>, <c>pypy@3.10</c>: a PyPy target, which a CPython venv does not match). <c>system</c>, a bare
/// virtualenv name, conda or GraalPy distributions name no version HookGuard can compare: the file then says nothing.
/// It names no platform: the venv's is kept.
/// </remarks>
public static partial class PythonVersionFileReader
{
    public const string FileName = ".python-version";

    public static TargetReading Read(string file, byte[] content)
    {
        if (content.Length > TargetText.MaxBytes)
        {
            return TargetReading.Unreadable(new SourceLocation(file, 0), TargetText.TooLarge(content.Length));
        }

        foreach (var (line, raw) in TargetText.Lines(TargetText.Decode(content)))
        {
            var text = raw.Trim();
            if (text.Length == 0 || text.StartsWith('#'))
            {
                continue;
            }

            var match = Version().Match(text);
            if (!match.Success)
            {
                return TargetReading.None;
            }

            var python = $"{int.Parse(match.Groups["major"].Value)}.{int.Parse(match.Groups["minor"].Value)}";
            var micro = match.Groups["micro"];
            return TargetReading.Of(new DeployTarget(new SourceLocation(file, line), file, text)
            {
                Python = python,
                Verb = "names",
                FullVersion = micro.Success ? $"{python}.{int.Parse(micro.Value)}" : null,
                Implementation = match.Groups["pypy"].Success ? "PyPy" : "CPython",
            });
        }

        return TargetReading.None;
    }

    /// <summary>An optional implementation prefix, X.Y, an optional .Z, then any suffix that starts with no digit or dot.</summary>
    [GeneratedRegex("^(?:(?<pypy>pypy)[-@]?|(?:cpython|python)[-@]?)?(?<major>[0-9]{1,3})\\.(?<minor>[0-9]{1,3})(?:\\.(?<micro>[0-9]{1,4}))?(?:[^0-9.].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Version();
}
