using System.Diagnostics;
using System.Text.Json.Nodes;

namespace HookGuard.Tests.Requirements;

/// <summary>
/// Runs pip's own requirements-file parser (pip._internal.req.req_file.parse_requirements, then
/// install_req_from_parsed_requirement as `pip install -r` does) over many case folders in ONE python process.
/// </summary>
internal static class PipReference
{
    /// <summary>Finds <c>python{version}</c> on PATH (pyenv shims included) or under ~/.pyenv; fails when missing.</summary>
    public static string FindPython(string version)
    {
        // pyenv's own versions first: its shims on PATH refuse a version that is not the selected one.
        var pyenv = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".pyenv", "versions");
        if (Directory.Exists(pyenv))
            foreach (var dir in Directory.GetDirectories(pyenv, version + ".*"))
                if (File.Exists(Path.Combine(dir, "bin", "python"))) return Path.Combine(dir, "bin", "python");
        foreach (var dir in (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            if (!dir.Contains("shims", StringComparison.Ordinal) && File.Exists(Path.Combine(dir, $"python{version}")))
                return Path.Combine(dir, $"python{version}");
        throw new InvalidOperationException($"python{version} is needed for the differential tests and was not found on PATH or in ~/.pyenv");
    }

    /// <summary>Input: [{dir, roots, env}]; output per case: {ok, error, entries:[{file,line,constraint,name,extras,specifier,marker,link,editable,hashes}]}.</summary>
    public static JsonArray Run(string python, JsonArray cases)
    {
        var input = Path.GetTempFileName();
        File.WriteAllText(input, cases.ToJsonString());
        try
        {
            var start = new ProcessStartInfo(python, ["-c", Script, input])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var key in start.Environment.Keys.ToList())
                if (key.StartsWith("PIP_", StringComparison.Ordinal) || key.StartsWith("PYTHON", StringComparison.Ordinal))
                    start.Environment.Remove(key);
            start.Environment["LC_ALL"] = "C.UTF-8";
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"pip reference failed: {stderr.Result}");
            return JsonNode.Parse(stdout)!.AsArray();
        }
        finally
        {
            File.Delete(input);
        }
    }

    private const string Script = """
        import json, os, re, sys, logging
        logging.disable(logging.CRITICAL)
        from pip._internal.network.session import PipSession
        from pip._internal.req.req_file import parse_requirements
        from pip._internal.req.constructors import install_req_from_parsed_requirement
        sys.setrecursionlimit(200)
        cases = json.load(open(sys.argv[1], encoding="utf-8"))
        session = PipSession()
        results = []
        base_env = dict(os.environ)
        for case in cases:
            os.chdir(case["dir"])
            os.environ.clear(); os.environ.update(base_env); os.environ.update(case.get("env", {}))
            try:
                seen = set(); entries = []
                for root in case["roots"]:
                    for pr in parse_requirements(root, session=session):
                        m = re.match(r"-[rc] (.*) \(line (\d+)\)$", pr.comes_from)
                        f, line = os.path.normpath(m.group(1)), int(m.group(2))
                        key = (f, line, pr.constraint)
                        if key in seen: continue
                        seen.add(key)
                        ireq = install_req_from_parsed_requirement(pr)
                        req = ireq.req
                        hashes = (pr.options or {}).get("hashes", {}) if not pr.is_editable else {}
                        entries.append({
                            "file": f, "line": line, "constraint": pr.constraint,
                            "name": req.name if req else None,
                            "extras": sorted(set(req.extras) | set(ireq.extras)) if req else [],
                            "specifier": sorted(str(s).replace(" ", "") for s in req.specifier) if req else [],
                            "marker": str(ireq.markers) if ireq.markers and req else None,
                            "link": ireq.link is not None,
                            "editable": bool(ireq.editable),
                            "hashes": sorted(f"{a}:{d}" for a, ds in hashes.items() for d in ds),
                            # pip 23.2 vendors packaging 21.3, which still accepts non-PEP 440 ("legacy") specifiers.
                            "legacy": bool(req) and any(type(s).__name__ == "LegacySpecifier" for s in req.specifier),
                        })
                results.append({"ok": True, "entries": entries})
            except BaseException as e:
                results.append({"ok": False, "error": f"{type(e).__name__}: {e}"[:300]})
        print(json.dumps(results))
        """;
}
