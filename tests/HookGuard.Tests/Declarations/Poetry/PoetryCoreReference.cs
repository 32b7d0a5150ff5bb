using System.Diagnostics;
using System.Text.Json;

namespace HookGuard.Tests.Declarations.Poetry;

/// <summary>
/// poetry-core as Debian's Poetry 1.3.2 vendors it (poetry-core 1.4.0, /usr/lib/python3/dist-packages/poetry/core), run
/// once per batch in one Python process. Not finding it is a test failure, never a skip.
/// </summary>
internal static class PoetryCoreReference
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import json, sys
        sys.path.insert(0, "/usr/lib/python3/dist-packages")
        import poetry.core
        from poetry.core.constraints.version import parse_constraint, VersionUnion
        from poetry.core.packages.dependency import Dependency
        from poetry.core.packages.utils.utils import create_nested_marker
        assert poetry.core.__version__ == "1.4.0", poetry.core.__version__
        out = []
        for text in json.load(sys.stdin):
            try:
                constraint = parse_constraint(text)
            except Exception as e:
                out.append(None)
                continue
            entry = {"str": str(constraint), "ranges": None, "pep508": None, "python": None}
            if isinstance(constraint, VersionUnion):
                entry["ranges"] = [str(r) for r in constraint.ranges]
            try:
                entry["pep508"] = Dependency("x", text).base_pep_508_name
            except Exception as e:
                entry["pep508"] = "error: " + type(e).__name__
            if not constraint.is_empty():
                entry["python"] = create_nested_marker("python_version", constraint)
            out.append(entry)
        json.dump(out, sys.stdout)
        """;

    /// <summary>One answer per constraint: null where poetry-core cannot parse it.</summary>
    public static IReadOnlyList<Answer?> Ask(IReadOnlyList<string> constraints)
    {
        if (!File.Exists(Python) || !Directory.Exists("/usr/lib/python3/dist-packages/poetry/core"))
        {
            throw new InvalidOperationException("The reference poetry-core (Debian's python3-poetry-core, in Poetry 1.3.2) is not installed");
        }

        var start = new ProcessStartInfo(Python, ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(JsonSerializer.Serialize(constraints, ReferenceJson.Default.IReadOnlyListString));
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"poetry-core reference failed: {error.Result}");
        }

        return JsonSerializer.Deserialize(output, ReferenceJson.Default.IReadOnlyListAnswer)!;
    }

    /// <summary>What poetry-core says of one constraint.</summary>
    internal sealed record Answer(
        [property: System.Text.Json.Serialization.JsonPropertyName("str")] string Str,
        [property: System.Text.Json.Serialization.JsonPropertyName("ranges")] IReadOnlyList<string>? Ranges,
        [property: System.Text.Json.Serialization.JsonPropertyName("pep508")] string? Pep508,
        [property: System.Text.Json.Serialization.JsonPropertyName("python")] string? Python);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<string>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(IReadOnlyList<PoetryCoreReference.Answer?>))]
internal sealed partial class ReferenceJson : System.Text.Json.Serialization.JsonSerializerContext;
