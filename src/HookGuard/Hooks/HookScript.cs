using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace HookGuard.Hooks;

/// <summary>
/// The pre-commit hook HookGuard writes: the <c>hooks/pre-commit</c> template embedded in the executable, with the
/// recorded executable path and the check options filled in as single-quoted sh words.
/// </summary>
public static partial class HookScript
{
    /// <summary>The line that marks a hook as HookGuard's own (see the template's second line).</summary>
    public const string SignatureLine = "# hookguard-managed-hook v1";

    /// <summary>The prefix any version of the signature starts with, so a future version still recognises this one.</summary>
    private const string SignaturePrefix = "# hookguard-managed-hook";

    private const string ResourceName = "HookGuard.hooks.pre-commit";

    /// <summary>
    /// The hook's bytes for <paramref name="settings"/>: UTF-8 without BOM, LF line endings, deterministic. The
    /// <c>pre-merge-commit</c> hook is the same template, chaining its own saved hook and passing <c>--merge-commit</c>.
    /// </summary>
    public static byte[] Render(HookSettings settings, string hookName = HookInstaller.HookName)
    {
        // Git for Windows' sh understands C:/x/y but not C:\x\y inside a word it executes. Elsewhere a backslash is
        // an ordinary file-name character and must stay.
        var path = OperatingSystem.IsWindows() ? settings.ExecutablePath.Replace('\\', '/') : settings.ExecutablePath;
        var executable = ShellQuoting.SingleQuote(path);
        IEnumerable<string> checkArguments = hookName == HookInstaller.MergeHookName ? [.. settings.CheckArguments, "--merge-commit"] : settings.CheckArguments;
        var arguments = string.Concat(checkArguments.Select(argument => " " + ShellQuoting.SingleQuote(argument)));
        // One pass over the template, so a value that happens to contain a placeholder is never expanded again.
        var text = Placeholder().Replace(ForHook(Template(), hookName), match => match.Value switch
        {
            "@HOOKGUARD_EXECUTABLE@" => executable,
            "@HOOKGUARD_ARGUMENTS@" => arguments,
            _ => throw new InvalidOperationException($"Unknown placeholder {match.Value} in the hook template."),
        });
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text);
    }

    /// <summary>Whether <paramref name="hookBytes"/> is a hook HookGuard wrote (it carries the signature line near the top).</summary>
    public static bool IsHookGuardHook(ReadOnlySpan<byte> hookBytes)
    {
        var head = Encoding.UTF8.GetString(hookBytes[..Math.Min(hookBytes.Length, 1024)]);
        return head.Split('\n').Take(5).Any(line => line.TrimEnd('\r').StartsWith(SignaturePrefix, StringComparison.Ordinal));
    }

    /// <summary>The template names the hook it is (its header) and its saved predecessor; another hook gets its own names.</summary>
    private static string ForHook(string template, string hookName) => hookName == HookInstaller.HookName
        ? template
        : template
            .Replace("# git pre-commit hook written by", $"# git {hookName} hook written by", StringComparison.Ordinal)
            .Replace(HookInstaller.PreviousHookName, HookInstaller.PreviousNameOf(hookName), StringComparison.Ordinal);

    private static string Template()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The hook template resource '{ResourceName}' is missing from the executable.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // A checkout with core.autocrlf may have given the template CRLF endings; sh needs LF (SPEC sec. 3).
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }

    [GeneratedRegex("@HOOKGUARD_[A-Z]+@")]
    private static partial Regex Placeholder();
}
