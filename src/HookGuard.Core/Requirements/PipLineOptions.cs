using System.Text;

namespace HookGuard.Core.Requirements;

/// <summary>What pip's per-line option parser recorded for one logical line (only the options that matter here).</summary>
internal sealed record PipLineOptions(
    IReadOnlyList<string> Requirements,
    IReadOnlyList<string> Constraints,
    IReadOnlyList<string> Editables,
    IReadOnlyList<string> Hashes,
    bool RequireHashes)
{
    /// <summary>A line pip would refuse, with optparse's reason.</summary>
    public sealed class Invalid(string reason) : Exception(reason);

    private enum Target { Requirement, Constraint, Editable, Hash, RequireHashes, ConfigSetting, FormatControl, Feature, Other }

    private sealed record OptionSpec(string[] Names, bool TakesValue, Target Target);

    // pip/_internal/req/req_file.py SUPPORTED_OPTIONS + SUPPORTED_OPTIONS_REQ, built from cmdoptions (pip 23.2 and 24.2 agree).
    private static readonly OptionSpec[] Specs =
    [
        new(["-i", "--index-url", "--pypi-url"], true, Target.Other),
        new(["--extra-index-url"], true, Target.Other),
        new(["--no-index"], false, Target.Other),
        new(["-c", "--constraint"], true, Target.Constraint),
        new(["-r", "--requirement"], true, Target.Requirement),
        new(["-e", "--editable"], true, Target.Editable),
        new(["-f", "--find-links"], true, Target.Other),
        new(["--no-binary"], true, Target.FormatControl),
        new(["--only-binary"], true, Target.FormatControl),
        new(["--prefer-binary"], false, Target.Other),
        new(["--require-hashes"], false, Target.RequireHashes),
        new(["--pre"], false, Target.Other),
        new(["--trusted-host"], true, Target.Other),
        new(["--use-feature"], true, Target.Feature),
        new(["--global-option"], true, Target.Other),
        new(["--hash"], true, Target.Hash),
        new(["-C", "--config-settings"], true, Target.ConfigSetting),
    ];

    private static readonly string[] LongNames = Specs.SelectMany(s => s.Names).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    private static readonly string[] Features = ["fast-deps", "truststore", "no-binary-enable-wheel-cache"];
    private static readonly string[] StrongHashes = ["sha256", "sha384", "sha512"];

    /// <summary>
    /// pip's <c>break_args_options</c>: the requirement is every space-separated token before the first one starting
    /// with '-' (only ' ' separates: a tab does not), the options are the rest. Returns the length of the requirement
    /// part and where the option part starts.
    /// </summary>
    public static (int ArgumentsLength, int OptionsStart) BreakArgsOptions(string line)
    {
        // Scans the tokens in place (no Split): this runs for every line of every requirement file on every commit.
        var position = 0;
        while (true)
        {
            var space = line.IndexOf(' ', position);
            var end = space < 0 ? line.Length : space;
            if (end > position && line[position] == '-') return (Math.Max(position - 1, 0), position);
            if (space < 0) return (line.Length, line.Length);
            position = space + 1;
        }
    }

    /// <summary>A line with no options at all: most lines of most files.</summary>
    public static PipLineOptions None { get; } = new([], [], [], [], false);

    /// <summary>Parses the option part of a line as pip does: <c>shlex.split</c> then optparse with pip's option table.</summary>
    /// <exception cref="Invalid">The options are malformed or unknown.</exception>
    public static PipLineOptions Parse(string options)
    {
        var args = new Queue<string>(ShlexSplit(options));
        var requirements = new List<string>();
        var constraints = new List<string>();
        var editables = new List<string>();
        var hashes = new List<string>();
        var requireHashes = false;

        // optparse.OptionParser._process_args, interspersed positional arguments allowed (and ignored by pip).
        while (args.Count > 0)
        {
            var arg = args.Peek();
            if (arg == "--") break;
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                args.Dequeue();
                string? explicitValue = null;
                var equals = arg.IndexOf('=');
                if (equals >= 0)
                {
                    explicitValue = arg[(equals + 1)..];
                    arg = arg[..equals];
                }
                var name = MatchLongOption(arg);
                var spec = Specs.Single(s => s.Names.Contains(name));
                string? value = null;
                if (spec.TakesValue)
                {
                    if (explicitValue is not null) value = explicitValue;
                    else if (args.Count > 0) value = args.Dequeue();
                    else throw new Invalid($"{name} option requires 1 argument");
                }
                else if (explicitValue is not null)
                {
                    throw new Invalid($"{name} option does not take a value");
                }
                Apply(spec, name, value);
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                args.Dequeue();
                // Every short option pip accepts in a requirements file takes a value: "-rfile" or "-r file".
                var name = arg[..2];
                var spec = Specs.FirstOrDefault(s => s.Names.Contains(name, StringComparer.Ordinal))
                    ?? throw new Invalid($"no such option: {name}");
                string value;
                if (arg.Length > 2) value = arg[2..];
                else if (args.Count > 0) value = args.Dequeue();
                else throw new Invalid($"{name} option requires 1 argument");
                Apply(spec, name, value);
            }
            else
            {
                args.Dequeue();
            }
        }

        return new PipLineOptions(requirements, constraints, editables, hashes, requireHashes);

        void Apply(OptionSpec spec, string name, string? value)
        {
            switch (spec.Target)
            {
                case Target.Requirement: requirements.Add(value!); break;
                case Target.Constraint: constraints.Add(value!); break;
                case Target.Editable: editables.Add(value!); break;
                case Target.RequireHashes: requireHashes = true; break;
                case Target.Hash:
                    // cmdoptions._handle_merge_hash
                    var colon = value!.IndexOf(':');
                    if (colon < 0)
                        throw new Invalid($"Arguments to {name} must be a hash name followed by a value, like --hash=sha256:abcde...");
                    if (!StrongHashes.Contains(value[..colon], StringComparer.Ordinal))
                        throw new Invalid($"Allowed hash algorithms for {name} are {string.Join(", ", StrongHashes)}.");
                    hashes.Add(value);
                    break;
                case Target.ConfigSetting:
                    // cmdoptions._handle_config_settings
                    if (!value!.Contains('='))
                        throw new Invalid($"Arguments to {name} must be of the form KEY=VAL");
                    break;
                case Target.FormatControl:
                    // FormatControl.handle_mutual_excludes
                    if (value!.StartsWith('-'))
                        throw new Invalid("--no-binary / --only-binary option requires 1 argument.");
                    break;
                case Target.Feature:
                    if (!Features.Contains(value, StringComparer.Ordinal))
                        throw new Invalid($"option {name}: invalid choice: '{value}' (choose from {string.Join(", ", Features.Select(f => $"'{f}'"))})");
                    break;
            }
        }
    }

    // optparse._match_abbrev: an exact name, else a unique prefix of one.
    private static string MatchLongOption(string written)
    {
        if (LongNames.Contains(written, StringComparer.Ordinal)) return written;
        var candidates = LongNames.Where(n => n.StartsWith(written, StringComparison.Ordinal)).ToArray();
        return candidates.Length switch
        {
            1 => candidates[0],
            0 => throw new Invalid($"no such option: {written}"),
            _ => throw new Invalid($"ambiguous option: {written} ({string.Join(", ", candidates)}?)"),
        };
    }

    /// <summary>Python's <c>shlex.split(s)</c>: POSIX mode, no comments.</summary>
    internal static List<string> ShlexSplit(string text)
    {
        var tokens = new List<string>();
        var token = new StringBuilder();
        var inToken = false;   // a token has started (possibly empty but quoted)
        char? quote = null;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i++];
            if (quote is null)
            {
                if (c is ' ' or '\t' or '\r' or '\n')
                {
                    if (inToken) tokens.Add(token.ToString());
                    token.Clear();
                    inToken = false;
                }
                else if (c is '\'' or '"')
                {
                    quote = c;
                    inToken = true;
                }
                else if (c == '\\')
                {
                    if (i >= text.Length) throw new Invalid($"Could not split options: {text}");
                    token.Append(text[i++]);
                    inToken = true;
                }
                else
                {
                    token.Append(c);
                    inToken = true;
                }
            }
            else if (c == quote)
            {
                quote = null;
            }
            else if (c == '\\' && quote == '"')
            {
                if (i >= text.Length) throw new Invalid($"Could not split options: {text}");
                var next = text[i++];
                if (next != '"' && next != '\\') token.Append('\\');
                token.Append(next);
            }
            else
            {
                token.Append(c);
            }
        }
        if (quote is not null) throw new Invalid($"Could not split options: {text}");
        if (inToken) tokens.Add(token.ToString());
        return tokens;
    }
}
