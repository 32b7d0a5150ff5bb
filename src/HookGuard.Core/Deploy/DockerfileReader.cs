using System.Text;
using System.Text.RegularExpressions;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The target of a <c>Dockerfile</c>: the Python of the image the final stage is built from, when that is an official
/// Python image (<c>python:3.12-slim</c>, <c>docker.io/library/python:3.12</c>, <c>pypy:3.10</c>) or an AWS Lambda
/// base image (<c>public.ecr.aws/lambda/python:3.12</c>).
/// </summary>
/// <remarks>
/// <para>Read as BuildKit reads instructions (https://docs.docker.com/reference/dockerfile/): the <c># escape=</c> parser
/// directive, continuation lines (comment and blank lines inside them dropped), instructions in any case. <c>FROM</c>
/// sees only the <c>ARG</c>s declared before the first <c>FROM</c>, with their defaults (<c>ARG PY=3.12</c> then
/// <c>FROM python:${PY}</c>); <c>${PY:-3.12}</c> and <c>${PY:+x}</c> are expanded as the builder does.</para>
/// <para>Multi-stage: the final stage is the one deployed. Its <c>FROM base</c> is traced back through the stages it
/// names; if that does not end at a Python image (a <c>distroless</c> or <c>scratch</c> stage that copies a venv in), the
/// last <c>FROM</c> of a Python image is the one that built the venv. An image HookGuard cannot read (no tag, <c>3</c>
/// without a minor, <c>latest</c>, a variable without a default) is passed over, not guessed.</para>
/// <para>Platform: Linux (Windows for the <c>windowsservercore</c>/<c>nanoserver</c> tags), the processor of
/// <c>--platform=linux/arm64</c> when given, else the machine that builds it, taken to be the venv's.</para>
/// </remarks>
public static partial class DockerfileReader
{
    public const string FileName = "Dockerfile";

    private sealed record Stage(int Line, string Image, string? Platform, string? Name);

    public static TargetReading Read(string file, byte[] content)
    {
        if (content.Length > TargetText.MaxBytes)
        {
            return TargetReading.Unreadable(new SourceLocation(file, 0), TargetText.TooLarge(content.Length));
        }

        var globalArguments = new Dictionary<string, string>(StringComparer.Ordinal);
        var stages = new List<Stage>();
        foreach (var (line, keyword, text) in Instructions(TargetText.Decode(content)))
        {
            if (keyword == "ARG" && stages.Count == 0)
            {
                foreach (var (name, value) in ArgDeclarations(text, globalArguments))
                {
                    globalArguments[name] = value;
                }
            }
            else if (keyword == "FROM" && FromLine(text, globalArguments, line) is { } stage)
            {
                stages.Add(stage);
            }
        }

        if (stages.Count == 0)
        {
            return TargetReading.None;
        }

        var target = Traced(stages) ?? stages.AsEnumerable().Reverse().Select(stage => Python(file, stage, stage.Platform)).FirstOrDefault(found => found is not null);
        return target is null ? TargetReading.None : TargetReading.Of(target);

        // Each stage's parent: the latest earlier stage its image names (stage names are case-insensitive), found in one pass
        // so that a hostile file of thousands of chained stages still costs its length.
        DeployTarget? Traced(List<Stage> all)
        {
            var parents = new int[all.Count];
            var byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var index = 0; index < all.Count; index++)
            {
                parents[index] = byName.TryGetValue(all[index].Image, out var parent) ? parent : -1;
                if (all[index].Name is { } name)
                {
                    byName[name] = index;
                }
            }

            var current = all.Count - 1;
            var platform = all[current].Platform;
            while (parents[current] >= 0)
            {
                current = parents[current];
                platform ??= all[current].Platform;
            }

            return Python(file, all[current], platform);
        }
    }

    /// <summary>The target an official Python (or Lambda Python) image names; null for any other image.</summary>
    private static DeployTarget? Python(string file, Stage stage, string? platform)
    {
        var image = stage.Image;
        var digest = image.IndexOf('@');
        if (digest >= 0)
        {
            image = image[..digest];
        }

        var colon = image.LastIndexOf(':');
        if (colon < 0 || colon < image.LastIndexOf('/'))
        {
            return null;
        }

        var repository = image[..colon].ToLowerInvariant();
        var tag = image[(colon + 1)..];
        var kind = repository switch
        {
            "python" or "library/python" or "docker.io/python" or "docker.io/library/python" or "index.docker.io/library/python"
                or "registry-1.docker.io/library/python" => "python",
            "pypy" or "library/pypy" or "docker.io/pypy" or "docker.io/library/pypy" or "index.docker.io/library/pypy"
                or "registry-1.docker.io/library/pypy" => "pypy",
            "public.ecr.aws/lambda/python" or "amazon/aws-lambda-python" => "lambda",
            _ => null,
        };
        var match = kind is null ? Match.Empty : Tag().Match(tag);
        if (!match.Success)
        {
            return null;
        }

        var python = $"{int.Parse(match.Groups[1].Value)}.{int.Parse(match.Groups[2].Value)}";
        return new DeployTarget(new SourceLocation(file, stage.Line), file, stage.Image)
        {
            Python = python,
            Verb = "builds from",
            FullVersion = match.Groups[3].Success ? $"{python}.{int.Parse(match.Groups[3].Value)}" : null,
            Implementation = kind == "pypy" ? "PyPy" : "CPython",
            Platform = kind == "lambda" ? TargetPlatform.Lambda(LambdaMachine(tag, platform))
                : tag.Contains("windowsservercore", StringComparison.OrdinalIgnoreCase) || tag.Contains("nanoserver", StringComparison.OrdinalIgnoreCase)
                    ? TargetPlatform.Windows
                    : TargetPlatform.Linux(Machine(platform)),
        };
    }

    /// <summary>The Lambda images tag their architecture (<c>3.12-arm64</c>); untagged, the platform or x86_64.</summary>
    private static string LambdaMachine(string tag, string? platform) =>
        tag.EndsWith("-arm64", StringComparison.OrdinalIgnoreCase) ? "aarch64"
        : tag.EndsWith("-x86_64", StringComparison.OrdinalIgnoreCase) ? "x86_64"
        : Machine(platform) ?? "x86_64";

    /// <summary><c>platform.machine()</c> on Linux for an OCI platform (<c>linux/arm64/v8</c>); null when unknown.</summary>
    private static string? Machine(string? platform)
    {
        var parts = platform?.ToLowerInvariant().Split('/');
        return parts is not ["linux", var architecture, ..] ? null : architecture switch
        {
            "amd64" => "x86_64",
            "arm64" => "aarch64",
            "386" => "i686",
            "arm" => parts.Length > 2 && parts[2] == "v6" ? "armv6l" : "armv7l",
            "ppc64le" => "ppc64le",
            "s390x" => "s390x",
            "riscv64" => "riscv64",
            _ => null,
        };
    }

    /// <summary><c>FROM [--platform=P] image [AS name]</c>, with the global ARGs expanded; null when no image is named.</summary>
    private static Stage? FromLine(string rest, Dictionary<string, string> arguments, int line)
    {
        string? platform = null;
        var words = rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var index = 0;
        for (; index < words.Length && words[index].StartsWith("--", StringComparison.Ordinal); index++)
        {
            if (words[index].StartsWith("--platform=", StringComparison.OrdinalIgnoreCase))
            {
                platform = Expand(words[index]["--platform=".Length..], arguments);
            }
        }

        if (index >= words.Length)
        {
            return null;
        }

        var image = Expand(words[index], arguments);
        var name = index + 2 < words.Length && words[index + 1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? words[index + 2] : null;
        return new Stage(line, image, platform, name);
    }

    /// <summary><c>ARG A=1 B="2" C</c>: each name with its default (expanded with the ARGs before it); no default is empty.</summary>
    private static IEnumerable<(string Name, string Value)> ArgDeclarations(string rest, Dictionary<string, string> arguments)
    {
        foreach (var word in rest.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = word.IndexOf('=');
            yield return equals < 0 ? (word, "") : (word[..equals], Expand(Unquote(word[(equals + 1)..]), arguments));
        }
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;

    /// <summary><c>$NAME</c>, <c>${NAME}</c>, <c>${NAME:-default}</c>, <c>${NAME:+alternative}</c>; unknown names are empty.</summary>
    private static string Expand(string text, Dictionary<string, string> arguments) =>
        Variable().Replace(Unquote(text), match =>
        {
            var name = match.Groups["bare"].Success ? match.Groups["bare"].Value : match.Groups["name"].Value;
            var value = arguments.GetValueOrDefault(name, "");
            return match.Groups["op"].Value switch
            {
                ":-" => value.Length > 0 ? value : match.Groups["word"].Value,
                ":+" => value.Length > 0 ? match.Groups["word"].Value : "",
                _ => value,
            };
        });

    /// <summary>The instructions, each with its first line, upper-cased keyword and the rest joined across continuations.</summary>
    private static IEnumerable<(int Line, string Keyword, string Arguments)> Instructions(string text)
    {
        var escape = '\\';
        var lines = TargetText.Lines(text).ToList();
        var start = 0;

        // Parser directives: only at the very top, before any comment, blank line or instruction.
        for (; start < lines.Count; start++)
        {
            var directive = Directive().Match(lines[start].Text);
            if (!directive.Success)
            {
                break;
            }

            if (directive.Groups[1].Value.Equals("escape", StringComparison.OrdinalIgnoreCase) && directive.Groups[2].Value is "`" or "\\")
            {
                escape = directive.Groups[2].Value[0];
            }
        }

        var builder = new StringBuilder();
        var firstLine = 0;
        for (var index = start; index < lines.Count; index++)
        {
            var (number, raw) = lines[index];
            var trimmed = raw.TrimStart();
            if (trimmed.StartsWith('#') || (builder.Length > 0 && trimmed.Length == 0))
            {
                continue;
            }

            if (builder.Length == 0)
            {
                if (trimmed.Length == 0)
                {
                    continue;
                }

                firstLine = number;
            }

            var end = raw.TrimEnd();
            if (end.Length > 0 && end[^1] == escape)
            {
                builder.Append(end, 0, end.Length - 1).Append(' ');
                continue;
            }

            builder.Append(raw);
            var instruction = builder.ToString().Trim();
            builder.Clear();
            var space = instruction.IndexOfAny([' ', '\t']);
            yield return space < 0
                ? (firstLine, instruction.ToUpperInvariant(), "")
                : (firstLine, instruction[..space].ToUpperInvariant(), instruction[(space + 1)..].Trim());
        }

        if (builder.Length > 0)
        {
            var instruction = builder.ToString().Trim();
            var space = instruction.IndexOfAny([' ', '\t']);
            if (space > 0)
            {
                yield return (firstLine, instruction[..space].ToUpperInvariant(), instruction[(space + 1)..].Trim());
            }
        }
    }

    /// <summary>The python images' tags: <c>3.12</c>, <c>3.12.1</c>, <c>3.12-slim</c>, <c>3.12.1-slim-bookworm</c>, <c>3.13.0rc1</c>.</summary>
    [GeneratedRegex("^([0-9]{1,3})\\.([0-9]{1,3})(?:\\.([0-9]{1,4}))?(?:[^0-9.].*)?$")]
    private static partial Regex Tag();

    [GeneratedRegex("\\$(?:(?<bare>[A-Za-z_][A-Za-z0-9_]*)|\\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(?:(?<op>:[-+])(?<word>[^}]*))?\\})")]
    private static partial Regex Variable();

    [GeneratedRegex("^#[ \\t]*([A-Za-z]+)[ \\t]*=[ \\t]*(\\S*)[ \\t]*$")]
    private static partial Regex Directive();
}
