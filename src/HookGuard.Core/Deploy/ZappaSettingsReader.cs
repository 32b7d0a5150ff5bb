using System.Text.Json;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The targets of a <c>zappa_settings.json</c>: one per stage, AWS Lambda (Linux, CPython) on the stage's
/// <c>runtime</c> (<c>python3.12</c>) and <c>architecture</c> (<c>x86_64</c>, Lambda's default, or <c>arm64</c>, which
/// Linux's <c>platform.machine()</c> spells <c>aarch64</c>).
/// </summary>
/// <remarks>
/// <para>Stage inheritance is Zappa's own (<c>ZappaCLI.stage_config</c>'s <c>get_stage_setting</c>): a stage's settings are
/// its <c>extends</c> stage's, resolved the same way, updated key by key with its own (a shallow <c>dict.update</c>); an
/// undefined or circular <c>extends</c> stops Zappa, and is reported here.</para>
/// <para>A stage without <c>runtime</c> deploys with the Python that runs Zappa (<c>get_runtime_from_python_version</c>),
/// which is the venv's: its target has no Python of its own, but is still Lambda for the markers. A runtime that is not
/// Python (<c>nodejs20.x</c>, <c>provided.al2023</c>) is not a Python target and is left out; <c>python3</c> with no minor
/// is no Lambda runtime at all, and is reported.</para>
/// <para>Read with <see cref="Utf8JsonReader"/> (NativeAOT-safe, and it gives each value's offset, hence its line). Like
/// Python's <c>json.load</c> it refuses comments and trailing commas, and a key given twice keeps its last value.</para>
/// </remarks>
public static class ZappaSettingsReader
{
    /// <summary>The file name Zappa reads by default.</summary>
    public const string FileName = "zappa_settings.json";

    private sealed record Setting(string? Text, int Line, string? Problem);

    private sealed class Stage(string name, int line)
    {
        public string Name { get; } = name;
        public int Line { get; } = line;
        public Setting? Runtime { get; set; }
        public Setting? Architecture { get; set; }
        public Setting? Extends { get; set; }
    }

    /// <param name="file">The repo-relative path, named in every location.</param>
    /// <param name="content">The file's bytes as staged.</param>
    public static TargetReading Read(string file, byte[] content)
    {
        if (content.Length > TargetText.MaxBytes)
        {
            return TargetReading.Unreadable(new SourceLocation(file, 0), TargetText.TooLarge(content.Length));
        }

        Dictionary<string, Stage> stages;
        try
        {
            var problem = ReadStages(TargetText.WithoutBom(content), out stages);
            if (problem is not null)
            {
                return TargetReading.Unreadable(new SourceLocation(file, problem.Value.Line), problem.Value.Reason);
            }
        }
        catch (JsonException error)
        {
            return TargetReading.Unreadable(new SourceLocation(file, (int)(error.LineNumber ?? 0) + 1), $"not valid JSON: {Sentence(error.Message)}");
        }
        catch (InvalidOperationException)
        {
            // Utf8JsonReader.GetString on a string that is not valid UTF-8 (json.load would not read the file either).
            return TargetReading.Unreadable(new SourceLocation(file, 0), "not valid JSON: a string that is not valid UTF-8");
        }

        var targets = new List<DeployTarget>();
        var problems = new List<TargetProblem>();
        var resolved = Resolve(stages);
        foreach (var stage in stages.Values)
        {
            var (runtime, architecture, extendsProblem) = resolved[stage];
            if (extendsProblem is { } broken)
            {
                // A stage that extends a broken one is broken the same way: say it once.
                var problem = new TargetProblem(new SourceLocation(file, broken.Line), broken.Reason);
                if (!problems.Contains(problem))
                {
                    problems.Add(problem);
                }

                continue;
            }

            var source = $"{file} (stage '{stage.Name}')";
            var platform = Platform(architecture, file, $"stage '{stage.Name}'", problems);
            if (platform is null)
            {
                continue;
            }

            if (runtime is null)
            {
                targets.Add(new DeployTarget(new SourceLocation(file, stage.Line), source, "Zappa's default runtime (the deploying Python)")
                {
                    Platform = platform,
                    Stage = stage.Name,
                });
                continue;
            }

            if (runtime.Text is not { } text)
            {
                problems.Add(new TargetProblem(new SourceLocation(file, runtime.Line), $"stage '{stage.Name}': {runtime.Problem}"));
                continue;
            }

            if (PythonRuntime(text) is not { } python)
            {
                if (text.StartsWith("python", StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add(new TargetProblem(new SourceLocation(file, runtime.Line),
                        $"stage '{stage.Name}': runtime '{text}' is no Lambda Python runtime; they are named python3.X, like python3.12"));
                }

                // nodejs20.x, java21, provided.al2023: not a Python deploy, nothing to compare with.
                continue;
            }

            targets.Add(new DeployTarget(new SourceLocation(file, runtime.Line), source, text)
            {
                Python = python,
                Platform = platform,
                Stage = stage.Name,
            });
        }

        return new TargetReading(targets, problems);
    }

    /// <summary>Lambda on the stage's architecture; null (and a problem) when it names none Lambda has.</summary>
    private static TargetPlatform? Platform(Setting? architecture, string file, string stage, List<TargetProblem> problems)
    {
        if (architecture is null)
        {
            return TargetPlatform.Lambda("x86_64");
        }

        switch (architecture.Text)
        {
            case "x86_64":
                return TargetPlatform.Lambda("x86_64");
            case "arm64":
                return TargetPlatform.Lambda("aarch64");
            default:
                problems.Add(new TargetProblem(new SourceLocation(file, architecture.Line), architecture.Text is { } text
                    ? $"{stage}: architecture '{text}' is not one Lambda runs; expected \"x86_64\" or \"arm64\""
                    : $"{stage}: {architecture.Problem}"));
                return null;
        }
    }

    /// <summary>A stage's <c>runtime</c> and <c>architecture</c> after its <c>extends</c> chain, or why the chain is broken.</summary>
    private sealed record Resolved(Setting? Runtime, Setting? Architecture, (int Line, string Reason)? Problem);

    /// <summary>
    /// Every stage's settings as Zappa's <c>get_stage_setting</c> builds them (the base's, each child's own keys over
    /// them), for the two keys a target needs. Each stage is resolved once and remembered, walking without recursion:
    /// a hostile chain of thousands of <c>extends</c> costs its length, not its square, and no stack.
    /// </summary>
    private static Dictionary<Stage, Resolved> Resolve(Dictionary<string, Stage> stages)
    {
        var resolved = new Dictionary<Stage, Resolved>(stages.Count, ReferenceEqualityComparer.Instance);
        var noSettings = new Resolved(null, null, null);
        var chain = new List<Stage>();
        var onChain = new HashSet<Stage>(ReferenceEqualityComparer.Instance);
        foreach (var start in stages.Values)
        {
            if (resolved.ContainsKey(start))
            {
                continue;
            }

            chain.Clear();
            onChain.Clear();
            var current = start;
            Resolved basis;
            while (true)
            {
                if (resolved.TryGetValue(current, out var known))
                {
                    basis = known;
                    break;
                }

                chain.Add(current);
                onChain.Add(current);
                if (current.Extends is not { Text: { Length: > 0 } } extends)
                {
                    basis = noSettings;
                    break;
                }

                if (!stages.TryGetValue(extends.Text, out var parent))
                {
                    basis = new Resolved(null, null, (extends.Line, $"stage '{current.Name}' extends '{extends.Text}', which is not a stage of this file"));
                    break;
                }

                if (onChain.Contains(parent))
                {
                    basis = new Resolved(null, null, (extends.Line, $"stage '{current.Name}' extends '{extends.Text}', which extends it back: a circular extends"));
                    break;
                }

                current = parent;
            }

            for (var index = chain.Count - 1; index >= 0; index--)
            {
                var own = chain[index];
                if (basis.Problem is null && (own.Runtime is not null || own.Architecture is not null))
                {
                    basis = new Resolved(own.Runtime ?? basis.Runtime, own.Architecture ?? basis.Architecture, null);
                }

                resolved[chain[index]] = basis;
            }
        }

        return resolved;
    }

    /// <summary>The stages of the top-level object, with the settings a target needs; a problem when the shape is wrong.</summary>
    private static (int Line, string Reason)? ReadStages(ReadOnlySpan<byte> json, out Dictionary<string, Stage> stages)
    {
        stages = new Dictionary<string, Stage>(StringComparer.Ordinal);
        var lines = new LineCounter();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        // An empty file makes Read throw, as json.load raises on it.
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return (lines.LineAt(json, reader.TokenStartIndex), "expected a JSON object of stages, like {\"production\": {\"runtime\": \"python3.12\"}}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var stage = new Stage(reader.GetString() ?? "", lines.LineAt(json, reader.TokenStartIndex));
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                // Not a stage (Zappa fails on it only when asked to deploy it); nothing to learn from it.
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                // Keys compared as UTF-8, unescaped by the reader: no string for each of the many keys not read.
                var key = reader.ValueTextEquals("runtime"u8) ? "runtime"
                    : reader.ValueTextEquals("architecture"u8) ? "architecture"
                    : reader.ValueTextEquals("extends"u8) ? "extends"
                    : null;
                reader.Read();
                if (key is null)
                {
                    reader.Skip();
                    continue;
                }

                var setting = ReadSetting(ref reader, key, lines.LineAt(json, reader.TokenStartIndex));
                switch (key)
                {
                    case "runtime":
                        stage.Runtime = setting;
                        break;
                    case "architecture":
                        stage.Architecture = setting;
                        break;
                    default:
                        stage.Extends = setting;
                        break;
                }
            }

            // A stage given twice keeps its last value, as json.load does (and keeps its place, as a dict does).
            stages[stage.Name] = stage;
        }

        // Utf8JsonReader refuses anything after the top-level value when it reads on; make it do so.
        while (reader.Read())
        {
        }

        return null;
    }

    /// <summary>A string setting; <c>architecture</c> may also be Lambda's own list form, <c>["arm64"]</c>, of one item.</summary>
    private static Setting ReadSetting(ref Utf8JsonReader reader, string key, int line)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new Setting(reader.GetString(), line, null);
        }

        if (key == "architecture" && reader.TokenType == JsonTokenType.StartArray)
        {
            var items = new List<string?>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                items.Add(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
                reader.Skip();
            }

            return items is [{ } single] ? new Setting(single, line, null) : new Setting(null, line, "architecture must be one string, \"x86_64\" or \"arm64\"");
        }

        var found = reader.TokenType switch
        {
            JsonTokenType.Number => "a number",
            JsonTokenType.True or JsonTokenType.False => "a boolean",
            JsonTokenType.Null => "null",
            JsonTokenType.StartArray => "an array",
            _ => "an object",
        };
        reader.Skip();
        return key == "extends" && found == "null"
            ? new Setting(null, line, null)
            : new Setting(null, line, $"{key} must be a string, not {found}");
    }

    /// <summary>Lines of byte offsets that only grow, counted once: linear in the file, however many stages.</summary>
    private sealed class LineCounter
    {
        private long _offset;
        private int _line = 1;

        public int LineAt(ReadOnlySpan<byte> json, long offset)
        {
            if (offset < _offset)
            {
                _offset = 0;
                _line = 1;
            }

            _line += json[(int)_offset..(int)offset].Count((byte)'\n');
            _offset = offset;
            return _line;
        }
    }

    /// <summary>The reader's message without its "LineNumber: 2 | BytePositionInLine: 5." tail: the location says it.</summary>
    private static string Sentence(string message)
    {
        var tail = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (tail < 0 ? message : message[..tail]).TrimEnd();
    }

    /// <summary>
    /// <c>"3.12"</c> from a Lambda Python runtime identifier, <c>python3.12</c>
    /// (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html); null for anything else. By hand rather than
    /// by a regular expression: it runs once per stage, and a match object per stage is most of what a file of many
    /// stages would allocate.
    /// </summary>
    private static string? PythonRuntime(string runtime)
    {
        const string prefix = "python";
        var dot = runtime.IndexOf('.');
        if (!runtime.StartsWith(prefix, StringComparison.Ordinal) || dot < 0)
        {
            return null;
        }

        var major = runtime.AsSpan(prefix.Length, dot - prefix.Length);
        var minor = runtime.AsSpan(dot + 1);
        return IsNumber(major) && IsNumber(minor) ? $"{int.Parse(major)}.{int.Parse(minor)}" : null;

        static bool IsNumber(ReadOnlySpan<char> digits) => digits.Length is > 0 and <= 3 && !digits.ContainsAnyExcept("0123456789");
    }
}
