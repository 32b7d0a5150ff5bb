using System.Text.RegularExpressions;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The target of a Heroku-style <c>runtime.txt</c>: <c>python-3.12.1</c> (also read by Binder and other buildpack hosts).
/// Heroku's dynos are Linux on x86_64. A <c>runtime.txt</c> that names another language (<c>r-4.3</c>) says nothing
/// about Python; one that starts with <c>python-</c> but names no <c>X.Y</c> is reported, since the buildpack refuses it.
/// </summary>
public static partial class RuntimeTxtReader
{
    public const string FileName = "runtime.txt";

    public static TargetReading Read(string file, byte[] content)
    {
        if (content.Length > TargetText.MaxBytes)
        {
            return TargetReading.Unreadable(new SourceLocation(file, 0), TargetText.TooLarge(content.Length));
        }

        foreach (var (line, raw) in TargetText.Lines(TargetText.Decode(content)))
        {
            var text = raw.Trim();
            if (text.Length == 0)
            {
                continue;
            }

            var match = HerokuPython().Match(text);
            if (match.Success)
            {
                var python = $"{int.Parse(match.Groups[1].Value)}.{int.Parse(match.Groups[2].Value)}";
                return TargetReading.Of(new DeployTarget(new SourceLocation(file, line), file, text)
                {
                    Python = python,
                    FullVersion = match.Groups[3].Success ? $"{python}.{int.Parse(match.Groups[3].Value)}" : null,
                    Platform = TargetPlatform.Linux("x86_64"),
                });
            }

            return text.StartsWith("python", StringComparison.OrdinalIgnoreCase)
                ? TargetReading.Unreadable(new SourceLocation(file, line),
                    $"'{text}' names no Python version; runtime.txt says python-X.Y or python-X.Y.Z, like python-3.12.1")
                : TargetReading.None;
        }

        return TargetReading.None;
    }

    [GeneratedRegex("^python-([0-9]{1,3})\\.([0-9]{1,3})(?:\\.([0-9]{1,4}))?$")]
    private static partial Regex HerokuPython();
}
