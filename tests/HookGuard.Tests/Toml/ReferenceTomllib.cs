using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HookGuard.Tests.Toml;

/// <summary>
/// CPython's <c>tomllib</c> (3.11 and 3.13 under pyenv here), the reference of the TOML differential specs: one process
/// answers a whole batch of documents. Finding no such Python is a test failure, never a skip.
/// </summary>
internal sealed class ReferenceTomllib
{
    private ReferenceTomllib(string executable, string version)
    {
        Executable = executable;
        Version = version;
    }

    public string Executable { get; }

    public string Version { get; }

    public override string ToString() => $"tomllib of Python {Version} at {Executable}";

    public static ReferenceTomllib Python313 => Find("3.13");

    public static ReferenceTomllib Python311 => Find("3.11");

    /// <summary>The directory of tomllib's own valid/invalid test documents in the installed Python 3.13's test suite.</summary>
    public static string CPythonTestData(string kind)
    {
        var python = Python313;
        var directory = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(python.Executable)!)!,
            "lib", "python3.13", "test", "test_tomllib", "data", kind);
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException($"tomllib's test data is not installed at {directory} ({python})");
        }

        return directory;
    }

    private static ReferenceTomllib Find(string minor)
    {
        var root = Environment.GetEnvironmentVariable("PYENV_ROOT") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv");
        var versions = Path.Combine(root, "versions");
        var candidates = Directory.Exists(versions)
            ? Directory.GetDirectories(versions).Where(d => Path.GetFileName(d).StartsWith(minor + ".", StringComparison.Ordinal)).Order(StringComparer.Ordinal)
            : Enumerable.Empty<string>();
        foreach (var candidate in candidates)
        {
            var executable = Path.Combine(candidate, "bin", "python3");
            if (File.Exists(executable))
            {
                return new ReferenceTomllib(executable, Path.GetFileName(candidate));
            }
        }

        throw new InvalidOperationException($"No Python {minor} with tomllib was found under {versions}");
    }

    /// <summary>Answers every case: <c>{"text": ...}</c> or <c>{"path": ...}</c> (read as UTF-8 by Python itself).</summary>
    public JsonObject Answer(JsonObject cases)
    {
        var directory = Directory.CreateTempSubdirectory("hookguard-tomllib-");
        try
        {
            var script = Path.Combine(directory.FullName, "reference_tomllib.py");
            var input = Path.Combine(directory.FullName, "cases.json");
            File.WriteAllText(script, Script);
            File.WriteAllText(input, cases.ToJsonString());
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(script);
            start.ArgumentList.Add(input);
            foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("PYTHON", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["PYTHONIOENCODING"] = "utf-8";
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{this} failed with exit code {process.ExitCode}: {error.Result}");
            }

            return JsonNode.Parse(output)!.AsObject();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // Tables become lists of [key, value] pairs so that the comparison also checks key order; floats their IEEE bits;
    // dates, times and date-times Python's isoformat(), which TomlCanonical rebuilds from our kept text.
    private const string Script = """
import datetime, json, re, struct, sys, tomllib

def canon(v):
    if isinstance(v, bool): return {"bool": v}
    if isinstance(v, int): return {"int": str(v)}
    if isinstance(v, float): return {"float": "nan" if v != v else struct.pack(">d", v).hex()}
    if isinstance(v, str): return {"str": v}
    if isinstance(v, datetime.datetime): return {"datetime": v.isoformat()}
    if isinstance(v, datetime.date): return {"date": v.isoformat()}
    if isinstance(v, datetime.time): return {"time": v.isoformat()}
    if isinstance(v, list): return [canon(x) for x in v]
    if isinstance(v, dict): return {"table": [[k, canon(x)] for k, x in v.items()]}
    raise TypeError(type(v))

def answer(case):
    try:
        text = case["text"] if "text" in case else open(case["path"], "rb").read().decode()
        return {"ok": True, "value": canon(tomllib.loads(text))}
    except tomllib.TOMLDecodeError as e:
        m = re.search(r"\(at line (\d+), column \d+\)$", str(e))
        return {"ok": False, "message": str(e), "line": int(m.group(1)) if m else None}
    except (RecursionError, UnicodeDecodeError) as e:
        return {"ok": False, "message": type(e).__name__, "line": None}

cases = json.load(open(sys.argv[1], encoding="utf-8"))
print(json.dumps({k: answer(c) for k, c in cases.items()}))
""";
}
