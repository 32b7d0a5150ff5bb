using System.Text.RegularExpressions;
using HookGuard.Core.Declarations;
using HookGuard.Core.Deploy;
using HookGuard.Core.Drift;
using HookGuard.Core.Packaging;
using HookGuard.Core.Toml;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace HookGuard.Core.Configuration;

/// <summary>
/// Reads <c>.hookguard.toml</c> text into a <see cref="HookGuardConfig"/> (SPEC sec. 6). Pure: the caller reads the file.
/// </summary>
/// <remarks>
/// Walks Tomlyn's syntax tree by hand instead of binding a model: every key keeps its line, so an error can point at
/// it, and no reflection is involved (the executable is published with NativeAOT).
/// </remarks>
public static partial class ConfigParser
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> only names the file in errors.</summary>
    /// <exception cref="ConfigError">Syntax error, unknown key, wrong type, bad value or duplicate project path.</exception>
    public static HookGuardConfig Parse(string text, string file = HookGuardConfig.FileName)
    {
        DocumentSyntax document;
        try
        {
            document = SyntaxParser.Parse(text, file, validate: true);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Tomlyn 2.10's lexer throws on a \u or \U escape that is a surrogate or past U+10FFFF instead of reporting
            // it (found by the fuzzer); HookGuard's own TOML parser refuses the same escape, with its line.
            throw NotValidToml(text, file, "not valid TOML: an escape that is not a Unicode scalar value");
        }
        catch (Tomlyn.TomlException)
        {
            // Tomlyn 2.10's parser throws, instead of reporting, for arrays or inline tables nested past its limit of 64
            // (found by afl-fuzz: fuzz/run.sh config). The error names the line where that depth is passed.
            throw NotValidToml(text, file, $"not valid TOML: arrays and inline tables are nested more than {TomlynMaxDepth} deep", LineDeeperThan(text, TomlynMaxDepth));
        }

        var syntaxError = document.Diagnostics.FirstOrDefault(message => message.Kind == DiagnosticMessageKind.Error);
        if (syntaxError is not null)
        {
            throw new ConfigError(file, syntaxError.Span.Start.Line + 1, null, $"not valid TOML: {syntaxError.Message}");
        }

        var reader = new Reader(file);
        var config = HookGuardConfig.Default;
        var projects = new List<ProjectConfig>();
        foreach (var keyValue in document.KeyValues)
        {
            if (KeyName(keyValue.Key) == "project")
            {
                // project = [{ path = "a" }, ...] is the same TOML as [[project]] tables, written inline.
                foreach (var inline in reader.ReadInlineProjects(keyValue))
                {
                    Add(inline);
                }

                continue;
            }

            config = reader.ReadTopLevel(config, keyValue);
        }

        foreach (var table in document.Tables)
        {
            var name = KeyName(table.Name);
            var line = Line(table);
            if (table is not TableArraySyntax || name != "project")
            {
                throw new ConfigError(file, line, name, table is TableSyntax && name == "project"
                    ? "expected an array of tables: write [[project]], one per project"
                    : "unknown table; the only table is [[project]]");
            }

            Add(reader.ReadProject(table.Items, line));
        }

        return config with { Projects = projects };

        void Add(ProjectConfig project)
        {
            var duplicate = projects.FirstOrDefault(existing => existing.Path == project.Path);
            if (duplicate is not null)
            {
                throw new ConfigError(file, project.Line, "project.path",
                    $"project '{DisplayPath(project.Path)}' is already configured on line {duplicate.Line}; configure each project once");
            }

            projects.Add(project);
        }
    }

    /// <summary>Tomlyn's nesting limit (<c>TomlSerializerOptions.MaxDepth</c>'s default), which its syntax parser applies too.</summary>
    private const int TomlynMaxDepth = 64;

    /// <summary>
    /// The error for a document Tomlyn threw on: HookGuard's own TOML parser's, with its line, when it refuses the
    /// document too; else <paramref name="reason"/> at <paramref name="line"/>.
    /// </summary>
    private static ConfigError NotValidToml(string text, string file, string reason, int line = 1)
    {
        try
        {
            TomlDocument.Parse(file, text);
        }
        catch (DeclarationFileError error)
        {
            return new ConfigError(file, error.Location.Line, null, error.Reason);
        }

        return new ConfigError(file, line, null, reason);
    }

    /// <summary>
    /// The line on which brackets and braces first nest deeper than <paramref name="depth"/>, counting them outside
    /// strings and comments the simple way (good enough to point at the place); 1 if they never do.
    /// </summary>
    private static int LineDeeperThan(string text, int depth)
    {
        var (line, open, quote, comment) = (1, 0, '\0', false);
        foreach (var character in text)
        {
            if (character == '\n')
            {
                (line, comment, quote) = (line + 1, false, '\0'); // one-line strings are all a config needs
                continue;
            }

            if (comment) continue;
            if (quote != '\0')
            {
                if (character == quote) quote = '\0';
                continue;
            }

            switch (character)
            {
                case '#': comment = true; break;
                case '"' or '\'': quote = character; break;
                case '[' or '{' when ++open > depth: return line;
                case ']' or '}': open = Math.Max(0, open - 1); break;
            }
        }

        return 1;
    }

    private static string DisplayPath(string path) => path.Length == 0 ? "." : path;

    private static int Line(SyntaxNode node) => node.Span.Start.Line + 1;

    private static string KeyName(KeySyntax? key)
    {
        if (key is null)
        {
            return "";
        }

        var parts = new List<string> { KeyPart(key.Key) };
        if (key.DotKeys is not null)
        {
            foreach (var dotted in key.DotKeys)
            {
                parts.Add(KeyPart(dotted.Key));
            }
        }

        return string.Join('.', parts);
    }

    private static string KeyPart(BareKeyOrStringValueSyntax? part) => part switch
    {
        BareKeySyntax bare => bare.Key?.Text ?? "",
        StringValueSyntax quoted => quoted.Value ?? "",
        _ => "",
    };

    /// <summary>Turns values into settings, naming the key and line of anything it cannot accept.</summary>
    private sealed class Reader(string file)
    {
        public HookGuardConfig ReadTopLevel(HookGuardConfig config, KeyValueSyntax keyValue)
        {
            var key = KeyName(keyValue.Key);
            var line = Line(keyValue);
            var value = keyValue.Value;
            return key switch
            {
                "policy" => config with { Policy = ReadPolicy(key, line, value) },
                "autostage" => config with { Autostage = ReadBoolean(key, line, value) },
                "requirements" => config with { Requirements = ReadGlobs(key, line, value) },
                "ignore" => config with { Ignore = ReadNames(key, line, value) },
                "on-missing-venv" => config with
                {
                    OnMissingVenv = ReadChoice(key, line, value, ["warn", "block"]) == "block"
                        ? MissingVenvAction.Block
                        : MissingVenvAction.Warn,
                },
                "installed-source" => config with
                {
                    InstalledSource = ReadChoice(key, line, value, ["metadata", "pip"]) == "pip"
                        ? InstalledSource.Pip
                        : InstalledSource.Metadata,
                },
                "authoritative" => config with { Authoritative = ReadAuthoritative(key, line, value) },
                "groups" => config with { Groups = ReadGroups(key, line, value) },
                "imports" => config with { Imports = ReadSeverity(key, line, value) },
                "target-check" => config with { TargetCheck = ReadSeverity(key, line, value) },
                "target-python" => config with { TargetPython = ReadTargetPython(key, line, value) },
                _ => throw Unknown(key, line,
                    "policy, autostage, requirements, ignore, on-missing-venv, installed-source, authoritative, groups, imports, target-check, target-python, [[project]]"),
            };
        }

        private Deploy.Severity ReadSeverity(string key, int line, ValueSyntax? value) =>
            ReadChoice(key, line, value, ["off", "warn", "block"]) switch
            {
                "off" => Deploy.Severity.Off,
                "block" => Deploy.Severity.Block,
                _ => Deploy.Severity.Warn,
            };

        public IEnumerable<ProjectConfig> ReadInlineProjects(KeyValueSyntax keyValue)
        {
            const string expected = "[[project]] tables (or an array of inline tables)";
            var line = Line(keyValue);
            if (keyValue.Value is not ArraySyntax array)
            {
                throw WrongType("project", line, expected, keyValue.Value);
            }

            var projects = new List<ProjectConfig>();
            foreach (var item in array.Items)
            {
                if (item.Value is not InlineTableSyntax inline)
                {
                    throw new ConfigError(file, Line(item), "project", $"expected {expected}, found an item that is {Describe(item.Value)}");
                }

                projects.Add(ReadProject(inline.Items.Select(entry => entry.KeyValue).OfType<KeyValueSyntax>(), Line(item)));
            }

            return projects;
        }

        public ProjectConfig ReadProject(IEnumerable<KeyValueSyntax> items, int tableLine)
        {
            string? path = null;
            string? venv = null;
            IReadOnlyList<string>? requirements = null;
            Policy? policy = null;
            Authoritative? authoritative = null;
            IReadOnlyList<string>? groups = null;
            string? targetPython = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var keyValue in items)
            {
                var key = KeyName(keyValue.Key);
                var qualified = "project." + key;
                var line = Line(keyValue);
                if (!seen.Add(key))
                {
                    // Tomlyn's validation already rejects this; kept so that the message stays ours if it does not.
                    throw new ConfigError(file, line, qualified, "set twice in the same [[project]]");
                }

                switch (key)
                {
                    case "path":
                        path = ReadRelativePath(qualified, line, value: keyValue.Value, allowParent: false);
                        break;
                    case "venv":
                        // The venv may live outside the project (SPEC 6 shows "../../.venvs/api") or anywhere on the disk.
                        venv = ReadVenvPath(qualified, line, keyValue.Value);
                        break;
                    case "requirements":
                        requirements = ReadGlobs(qualified, line, keyValue.Value);
                        break;
                    case "policy":
                        policy = ReadPolicy(qualified, line, keyValue.Value);
                        break;
                    case "authoritative":
                        authoritative = ReadAuthoritative(qualified, line, keyValue.Value);
                        break;
                    case "groups":
                        groups = ReadGroups(qualified, line, keyValue.Value);
                        break;
                    case "target-python":
                        targetPython = ReadTargetPython(qualified, line, keyValue.Value);
                        break;
                    default:
                        throw Unknown(qualified, line, "path, venv, requirements, policy, authoritative, groups, target-python");
                }
            }

            if (path is null)
            {
                throw new ConfigError(file, tableLine, "project.path",
                    "missing: every [[project]] needs path = \"dir/relative/to/the/repo/root\"");
            }

            return new ProjectConfig(path, venv, requirements, policy, tableLine) { Authoritative = authoritative, Groups = groups, TargetPython = targetPython };
        }

        private Authoritative ReadAuthoritative(string key, int line, ValueSyntax? value) =>
            ReadChoice(key, line, value, ["lock", "requirements"]) == "requirements" ? Authoritative.Requirements : Authoritative.Lock;

        /// <summary>
        /// <c>"3.12"</c> or <c>"3.12.1"</c>: what <c>python_version</c>/<c>python_full_version</c> say on the target. Only
        /// major and minor are compared (a patch release does not change which wheels install); the micro, when given,
        /// feeds <c>python_full_version</c> markers.
        /// </summary>
        private string ReadTargetPython(string key, int line, ValueSyntax? value)
        {
            var text = ReadString(key, line, value, "a Python version string like \"3.12\"");
            return TargetPythonVersion().IsMatch(text)
                ? text
                : throw new ConfigError(file, line, key, $"expected a Python version like \"3.12\" or \"3.12.1\" (major.minor[.micro]), found \"{text}\"");
        }

        // Group and extra names compare normalized, as PEP 685 and PEP 735 say (and as uv, Poetry and PDM do).
        private IReadOnlyList<string> ReadGroups(string key, int line, ValueSyntax? value) =>
            ReadStrings(key, line, value, "an array of group names").Select(PackageName.Normalize).Distinct().ToArray();

        private ConfigError Unknown(string key, int line, string known) =>
            new(file, line, key, $"unknown key; expected one of: {known}");

        private ConfigError WrongType(string key, int line, string expected, ValueSyntax? value) =>
            new(file, line, key, $"expected {expected}, found {Describe(value)}");

        private static string Describe(ValueSyntax? value) => value switch
        {
            StringValueSyntax => "a string",
            BooleanValueSyntax => "a boolean",
            IntegerValueSyntax => "an integer",
            FloatValueSyntax => "a number",
            ArraySyntax => "an array",
            InlineTableSyntax => "a table",
            DateTimeValueSyntax => "a date",
            _ => "nothing",
        };

        private string ReadString(string key, int line, ValueSyntax? value, string expected) =>
            value is StringValueSyntax { Value: { } text } ? text : throw WrongType(key, line, expected, value);

        private bool ReadBoolean(string key, int line, ValueSyntax? value) =>
            value is BooleanValueSyntax boolean ? boolean.Value : throw WrongType(key, line, "true or false", value);

        private string ReadChoice(string key, int line, ValueSyntax? value, string[] choices)
        {
            var expected = string.Join(" or ", choices.Select(choice => $"\"{choice}\""));
            var text = ReadString(key, line, value, expected);
            return choices.Contains(text, StringComparer.Ordinal)
                ? text
                : throw new ConfigError(file, line, key, $"expected {expected}, found \"{text}\"");
        }

        private Policy ReadPolicy(string key, int line, ValueSyntax? value) =>
            ReadChoice(key, line, value, ["freeze", "top-level"]) == "top-level" ? Policy.TopLevel : Policy.Freeze;

        private List<string> ReadStrings(string key, int line, ValueSyntax? value, string expected)
        {
            if (value is not ArraySyntax array)
            {
                throw WrongType(key, line, expected, value);
            }

            var strings = new List<string>();
            foreach (var item in array.Items)
            {
                if (item.Value is not StringValueSyntax { Value: { } text })
                {
                    throw new ConfigError(file, Line(item), key, $"expected {expected}, found an item that is {Describe(item.Value)}");
                }

                strings.Add(text);
            }

            return strings;
        }

        private IReadOnlyList<string> ReadGlobs(string key, int line, ValueSyntax? value)
        {
            const string expected = "an array of glob strings relative to the project, like [\"requirements.txt\"]";
            var globs = ReadStrings(key, line, value, expected);
            if (globs.Count == 0)
            {
                throw new ConfigError(file, line, key, $"expected at least one glob; {expected}");
            }

            return globs.Select(glob => NormalizeRelative(key, line, glob, allowParent: false)).ToArray();
        }

        private IReadOnlySet<string> ReadNames(string key, int line, ValueSyntax? value)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in ReadStrings(key, line, value, "an array of distribution names, like [\"pip\", \"setuptools\"]"))
            {
                if (!ValidName().IsMatch(name))
                {
                    throw new ConfigError(file, line, key, $"\"{name}\" is not a distribution name (PEP 508: letters, digits, '.', '-', '_')");
                }

                names.Add(PackageName.Normalize(name));
            }

            return names;
        }

        private string ReadRelativePath(string key, int line, ValueSyntax? value, bool allowParent) =>
            NormalizeRelative(key, line, ReadString(key, line, value, "a path string relative to the repository root"), allowParent);

        /// <summary>Relative to the project (may climb out of it with <c>..</c>), or absolute, kept as written.</summary>
        private string ReadVenvPath(string key, int line, ValueSyntax? value)
        {
            var text = ReadString(key, line, value, "a path string, relative to the project or absolute");
            if (text.Trim().Length == 0)
            {
                throw new ConfigError(file, line, key, "expected a path to a virtualenv, found an empty string");
            }

            return IsAbsolute(text) ? text : NormalizeRelative(key, line, text, allowParent: true);
        }

        private static bool IsAbsolute(string path) => path.StartsWith('/') || path.StartsWith('\\') || (path.Length >= 2 && path[1] == ':');

        /// <summary>Forward slashes, no <c>./</c>, no trailing slash, <c>""</c> for the root; never absolute.</summary>
        private string NormalizeRelative(string key, int line, string text, bool allowParent)
        {
            var path = text.Trim().Replace('\\', '/');
            if (IsAbsolute(path))
            {
                throw new ConfigError(file, line, key, $"\"{text}\" is absolute; expected a path relative to the repository");
            }

            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(segment => segment != ".").ToArray();
            if (!allowParent && segments.Contains(".."))
            {
                throw new ConfigError(file, line, key, $"\"{text}\" leaves the directory it is relative to; '..' is not allowed here");
            }

            return string.Join('/', segments);
        }
    }

    /// <summary>major.minor or major.minor.micro, digits only (no <c>3.12-slim</c>, no <c>python3.12</c>, no <c>3</c>).</summary>
    [GeneratedRegex("^[0-9]{1,4}\\.[0-9]{1,4}(\\.[0-9]{1,4})?$")]
    private static partial Regex TargetPythonVersion();

    /// <summary>https://peps.python.org/pep-0508/#names</summary>
    [GeneratedRegex("^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$", RegexOptions.IgnoreCase)]
    private static partial Regex ValidName();
}
