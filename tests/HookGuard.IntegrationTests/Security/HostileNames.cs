using System.Text;

namespace HookGuard.IntegrationTests.Security;

/// <summary>
/// Names that would run code if any shell, anywhere on HookGuard's path, read them as code instead of data, and the
/// check that none did: every one of them runs <c>touch PWNED</c> in whatever directory that shell runs in.
/// </summary>
internal static class HostileNames
{
    /// <summary>The marker file any injected command would create.</summary>
    public const string Marker = "PWNED";

    /// <summary>
    /// One path component holding every way into a shell word: a leading <c>-rf</c> (an option, to a program that
    /// takes it as one), <c>$()</c>, backquotes, <c>;</c>, both quotes, a backslash, a newline (a second line of a hook,
    /// or of a report), spaces and non-ASCII. (No backslash: the config reads it as a path separator, as on Windows.)
    /// </summary>
    public const string Component = "-rf $(touch PWNED) `touch PWNED`; touch PWNED; 'q' \"dq\" \nünïcødé ∂";

    /// <summary>
    /// Fails naming every <see cref="Marker"/> file under <paramref name="roots"/>: proof that no command injected
    /// through a name ran, in any working directory the processes under test could have had.
    /// </summary>
    public static void AssertNoMarkerUnder(params string[] roots)
    {
        var found = roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, Marker, new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 }))
            .ToArray();
        Assert.True(found.Length == 0, "an injected command ran: " + string.Join(", ", found));
    }

    /// <summary><paramref name="value"/> as a TOML basic string (quotes, backslashes and control characters escaped).</summary>
    public static string TomlString(string value)
    {
        var text = new StringBuilder("\"");
        foreach (var character in value)
        {
            text.Append(character switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                _ when char.IsControl(character) => $"\\u{(int)character:X4}",
                _ => character.ToString(),
            });
        }

        return text.Append('"').ToString();
    }
}
