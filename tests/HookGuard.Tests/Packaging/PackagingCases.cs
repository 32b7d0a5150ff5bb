using System.Text;

namespace HookGuard.Tests.Packaging;

/// <summary>
/// Generates PEP 440/508 strings for the differential specs: mostly well-formed with every spelling PEP 440
/// allows (implicit separators, uppercase, epochs, locals, leading v, whitespace), plus mutations that break
/// them. Seeded, so a failure names a case that reproduces.
/// </summary>
internal sealed class PackagingCases(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] PreLabels = ["a", "b", "c", "rc", "alpha", "beta", "pre", "preview", "A", "RC", "Alpha", "Pre"];
    private static readonly string[] PostLabels = ["post", "rev", "r", "POST", "Rev", "R"];
    private static readonly string[] Separators = ["", "", "", ".", "-", "_"];
    private static readonly string[] Operators = ["==", "!=", "<", "<=", ">", ">=", "~=", "==="];
    private static readonly string[] Spaces = ["", "", "", " ", "  ", "\t"];

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    private bool Chance(double probability) => _random.NextDouble() < probability;

    private string Number()
    {
        var roll = _random.Next(20);
        return roll switch
        {
            0 => "0" + _random.Next(10),                    // leading zero
            1 => "123456789012345678901234567890",           // beyond 64 bits
            < 8 => "0",
            < 16 => _random.Next(1, 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => _random.Next(4, 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public string Release(int minimumParts = 1)
    {
        var parts = Enumerable.Range(0, _random.Next(minimumParts, Math.Max(minimumParts, 4) + 1)).Select(_ => Number());
        return string.Join('.', parts);
    }

    /// <summary>A PEP 440 version in any of its accepted spellings.</summary>
    public string Version(bool allowLocal = true, int minimumReleaseParts = 1)
    {
        var text = new StringBuilder();
        if (Chance(0.05)) text.Append(Pick(Spaces));
        if (Chance(0.08)) text.Append(Chance(0.5) ? 'v' : 'V');
        if (Chance(0.1)) text.Append(Number()).Append('!');
        text.Append(Release(minimumReleaseParts));
        if (Chance(0.3))
        {
            text.Append(Pick(Separators)).Append(Pick(PreLabels)).Append(Pick(Separators));
            if (Chance(0.8)) text.Append(Number());
        }
        if (Chance(0.25))
        {
            if (Chance(0.3)) text.Append('-').Append(Number());
            else
            {
                text.Append(Pick(Separators)).Append(Pick(PostLabels)).Append(Pick(Separators));
                if (Chance(0.8)) text.Append(Number());
            }
        }
        if (Chance(0.2))
        {
            text.Append(Pick(Separators)).Append(Chance(0.8) ? "dev" : "DEV").Append(Pick(Separators));
            if (Chance(0.8)) text.Append(Number());
        }
        if (allowLocal && Chance(0.15)) text.Append('+').Append(LocalLabel());
        if (Chance(0.05)) text.Append(Pick(Spaces));
        return text.ToString();
    }

    private string LocalLabel()
    {
        string[] pieces = ["ubuntu", "1", "abc", "Deb10", "0", "001", "x86", "cpu", "post", "7"];
        var count = _random.Next(1, 4);
        var text = new StringBuilder(Pick(pieces));
        for (var i = 1; i < count; i++) text.Append(Pick([".", "-", "_"])).Append(Pick(pieces));
        return text.ToString();
    }

    /// <summary>A version that is often malformed: a valid one with a character inserted, deleted or replaced.</summary>
    public string MaybeBrokenVersion()
    {
        var version = Version();
        return Chance(0.5) ? version : Mutate(version, "._-+!*vVabcdefghijklmnopqrstuvwxyz0123456789 \t,;()[]@'\"<>=~\n");
    }

    /// <summary>Versions near <paramref name="anchor"/>: same release with other suffixes, one component up or down, padding.</summary>
    public string VersionNear(string anchor)
    {
        var trimmed = anchor.Trim().TrimStart('v', 'V');
        var bang = trimmed.IndexOf('!');
        var epoch = bang >= 0 && Chance(0.8) ? trimmed[..(bang + 1)] : Chance(0.05) ? "1!" : "";
        var afterEpoch = bang >= 0 ? trimmed[(bang + 1)..] : trimmed;
        var releaseLength = 0;
        while (releaseLength < afterEpoch.Length && (char.IsAsciiDigit(afterEpoch[releaseLength]) || afterEpoch[releaseLength] == '.'))
            releaseLength++;
        var release = afterEpoch[..releaseLength].Trim('.').Split('.', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (release.Count == 0) return Version();
        switch (_random.Next(6))
        {
            case 0: release.Add("0"); break;
            case 1: if (release.Count > 1) release.RemoveAt(release.Count - 1); break;
            case 2:
            {
                var index = _random.Next(release.Count);
                var value = System.Numerics.BigInteger.Parse(release[index], System.Globalization.CultureInfo.InvariantCulture);
                value += Chance(0.5) ? 1 : (value > 0 ? -1 : 1);
                release[index] = value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                break;
            }
            case 3: release.Add(_random.Next(0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture)); break;
        }
        var text = new StringBuilder(epoch).Append(string.Join('.', release));
        if (Chance(0.3)) text.Append(Pick(["a1", "b2", "rc1", "a0", ".dev0", "rc0"]));
        if (Chance(0.25)) text.Append(Pick([".post1", ".post0", "-1"]));
        if (Chance(0.15)) text.Append(".dev1");
        if (Chance(0.2)) text.Append('+').Append(LocalLabel());
        return text.ToString();
    }

    /// <summary>A specifier set of one to three specifiers; sometimes malformed.</summary>
    public string SpecifierSet()
    {
        var count = _random.Next(1, 4);
        var pieces = new List<string>();
        for (var i = 0; i < count; i++) pieces.Add(OneSpecifier());
        var text = string.Join(Pick([",", ", ", " ,", ","]), pieces);
        if (Chance(0.03)) text += ",";
        return Chance(0.1) ? Mutate(text, "=<>!~.*+, ()abv0123456789") : text;
    }

    public string OneSpecifier()
    {
        var op = Chance(0.02) ? Pick(["=", "=>", "~", "<>", "=!"]) : Pick(Operators);
        string version;
        if (op == "===" && Chance(0.3)) version = Pick(["foobar", "1.0", "1.0.0", "1.0-legacy", "1.0+local", "V1.0", "1.0a1"]);
        else if (op is "==" or "!=" && Chance(0.35)) version = Release(1) + ".*";
        else version = Version(allowLocal: op is "==" or "!=" || Chance(0.05), minimumReleaseParts: op == "~=" && Chance(0.9) ? 2 : 1);
        return Pick(Spaces) + op + Pick(Spaces) + version + Pick(Spaces);
    }

    /// <summary>A version to test against <paramref name="specifierSet"/>: near one of its versions, or anything.</summary>
    public string CandidateFor(string specifierSet)
    {
        if (Chance(0.05)) return Pick(["foobar", "1.0-legacy", "2013b", "1.0.0.final", "", "1.0.*", "LEGACY"]);
        var pieces = specifierSet.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length == 0 || Chance(0.15)) return Version();
        var anchor = pieces[_random.Next(pieces.Length)].Trim().TrimStart('=', '!', '<', '>', '~').Trim();
        if (anchor.EndsWith(".*", StringComparison.Ordinal)) anchor = anchor[..^2];
        if (Chance(0.2)) return anchor;
        return VersionNear(anchor);
    }

    private static readonly string[] VariableSpellings =
    [
        "python_version", "python_full_version", "os_name", "os.name", "sys_platform", "sys.platform",
        "platform_release", "platform_system", "platform_version", "platform.version", "platform_machine",
        "platform.machine", "platform_python_implementation", "platform.python_implementation",
        "python_implementation", "implementation_name", "implementation_version", "extra",
    ];

    private static readonly string[] MarkerValues =
    [
        "3.8", "3.9", "3.10", "3.11", "3.12", "3.13", "2.7", "3", "3.11.7", "3.13.0", "3.13.0rc1", "3.8.*", "3.*",
        "posix", "nt", "linux", "win32", "darwin", "Linux", "Windows", "Darwin", "x86_64", "aarch64", "AMD64",
        "CPython", "PyPy", "cpython", "pypy", "5.15.0", "6.7.0-gentoo", "test", "Foo_Bar", "foo-bar", "docs",
        "", "lin", "1.0.0+local", "x", "#1 SMP", "10", "3.11.7+", "1!2.0",
    ];

    /// <summary>A marker expression; sometimes malformed.</summary>
    public string Marker(int depth = 0)
    {
        var text = new StringBuilder();
        var atoms = _random.Next(1, depth == 0 ? 4 : 3);
        for (var i = 0; i < atoms; i++)
        {
            if (i > 0) text.Append(Pick([" and ", " or ", " and ", " or ", "and", "  or\t"]));
            if (depth < 2 && Chance(0.2)) text.Append('(').Append(Pick(Spaces)).Append(Marker(depth + 1)).Append(Pick(Spaces)).Append(')');
            else text.Append(MarkerComparison());
        }
        var result = text.ToString();
        return depth == 0 && Chance(0.12) ? Mutate(result, " ()'\"=<>!~andorinotx._;") : result;
    }

    private string MarkerComparison()
    {
        var variable = Pick(VariableSpellings);
        var value = Quote(Chance(0.9) ? Pick(MarkerValues) : Pick(["a\\tb", "\\x41", "\\'", "\\u00e9", "\\q", "\\101", "a\\\\b"]));
        var op = Pick(["==", "!=", "<", "<=", ">", ">=", "~=", "===", "in", "not in", "==", ">=", "<", "not  in"]);
        var roll = _random.Next(20);
        var (left, right) = roll switch
        {
            0 => (value, Quote(Pick(MarkerValues))),          // two strings: KeyError in packaging unless the right is a variable name
            1 => (variable, Pick(VariableSpellings)),         // two variables
            < 6 => (value, variable),                         // reversed
            _ => (variable, value),
        };
        var space = op.Any(char.IsLetter) ? " " : Pick(Spaces);
        return left + space + op + (op.Any(char.IsLetter) ? " " : Pick(Spaces)) + right;
    }

    private string Quote(string value) => Chance(0.5) ? "'" + value.Replace("'", "\"", StringComparison.Ordinal) + "'" : "\"" + value.Replace("\"", "'", StringComparison.Ordinal) + "\"";

    /// <summary>A PEP 508 requirement in its various shapes; sometimes malformed.</summary>
    public string Requirement()
    {
        var text = new StringBuilder();
        if (Chance(0.1)) text.Append(Pick(Spaces));
        text.Append(Pick(["requests", "Foo_Bar", "foo.bar", "a", "A-1", "zope.interface", "python-dateutil", "x_", "9lives", "foo-"]));
        text.Append(Pick(Spaces));
        if (Chance(0.3))
        {
            var extras = Enumerable.Range(0, _random.Next(0, 3)).Select(_ => Pick(["security", "socks", "Test_Extra", "docs", "a.b"]));
            text.Append('[').Append(Pick(Spaces)).Append(string.Join(Pick([",", ", ", " , "]), extras)).Append(Pick(Spaces)).Append(']').Append(Pick(Spaces));
        }
        if (Chance(0.15))
        {
            text.Append('@').Append(Pick([" ", "", "  "])).Append(Pick(["https://example.com/a-1.0.tar.gz", "file:///tmp/x.whl", "git+https://h/r.git@v1#egg=x", "https://h/x;y"]));
            if (Chance(0.5)) text.Append(Pick([" ; ", " ;", ";", "  ; "])).Append(Marker());
        }
        else
        {
            if (Chance(0.7))
            {
                var specifier = SpecifierSet();
                text.Append(Chance(0.25) ? "(" + specifier + ")" : specifier);
            }
            if (Chance(0.35)) text.Append(Pick([" ; ", ";", "; ", " ;"])).Append(Marker());
        }
        if (Chance(0.05)) text.Append(Pick(Spaces)).Append(Pick(["\n", "#comment", " extra"]));
        var result = text.ToString();
        return Chance(0.12) ? Mutate(result, "[](),;@ =<>!~.*'\"\tabcxyz019-_") : result;
    }

    /// <summary>Random text over an alphabet of the characters the grammars care about.</summary>
    public string Noise(int maximumLength)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 \t\n\r._-+!*,;@()[]'\"<>=~\\#/:é\u00a0\u2028\u001c\0";
        var length = _random.Next(maximumLength + 1);
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append(alphabet[_random.Next(alphabet.Length)]);
        return text.ToString();
    }

    private string Mutate(string text, string alphabet)
    {
        var chars = new StringBuilder(text);
        var edits = _random.Next(1, 3);
        for (var e = 0; e < edits; e++)
        {
            var position = chars.Length == 0 ? 0 : _random.Next(chars.Length + 1);
            switch (_random.Next(3))
            {
                case 0: chars.Insert(position, alphabet[_random.Next(alphabet.Length)]); break;
                case 1: if (position < chars.Length) chars.Remove(position, 1); break;
                default: if (position < chars.Length) chars[position] = alphabet[_random.Next(alphabet.Length)]; break;
            }
        }
        return chars.ToString();
    }
}
