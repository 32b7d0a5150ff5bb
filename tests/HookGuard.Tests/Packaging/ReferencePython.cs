using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HookGuard.Tests.Packaging;

/// <summary>
/// A Python interpreter whose pip vendors a given <c>packaging</c> version, used as the reference for
/// the differential specs. Finding none is a test failure, never a skip.
/// </summary>
internal sealed class ReferencePython
{
    /// <summary>The packaging version pip 24.2 vendors and HookGuard follows.</summary>
    public const string ModernPackaging = "24.1";

    /// <summary>The packaging version pip 23.2 vendors (pre-22 rules: LegacyVersion, pyparsing grammar).</summary>
    public const string OlderPackaging = "21.3";

    private static readonly Lazy<IReadOnlyList<ReferencePython>> Installed = new(FindAll);

    public string Executable { get; }
    public string PythonVersion { get; }
    public string PipVersion { get; }
    public string PackagingVersion { get; }

    private ReferencePython(string executable, string pythonVersion, string pipVersion, string packagingVersion)
    {
        Executable = executable;
        PythonVersion = pythonVersion;
        PipVersion = pipVersion;
        PackagingVersion = packagingVersion;
    }

    public override string ToString() => $"Python {PythonVersion} (pip {PipVersion}, packaging {PackagingVersion}) at {Executable}";

    /// <summary>The interpreter with pip's packaging 24.1 (pip 24.2 on Python 3.13 here).</summary>
    public static ReferencePython Modern => Find(ModernPackaging, preferredPython: "3.13");

    /// <summary>An interpreter with pip's packaging 21.3 (pip 23.2.1 on Python 3.12 here).</summary>
    public static ReferencePython Older => Find(OlderPackaging, preferredPython: "3.12");

    private static ReferencePython Find(string packagingVersion, string preferredPython)
    {
        var matching = Installed.Value.Where(p => p.PackagingVersion == packagingVersion).ToList();
        if (matching.Count == 0)
            throw new InvalidOperationException(
                $"No Python whose pip vendors packaging {packagingVersion} was found (looked at python3/python on PATH and "
                + $"pyenv versions). Found: {string.Join("; ", Installed.Value)}");
        return matching.FirstOrDefault(p => p.PythonVersion.StartsWith(preferredPython + ".", StringComparison.Ordinal))
            ?? matching[0];
    }

    private static IReadOnlyList<ReferencePython> FindAll()
    {
        var candidates = new List<string>();
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
            foreach (var name in new[] { "python3", "python" })
                if (directory.Length > 0 && File.Exists(Path.Combine(directory, name)))
                    candidates.Add(Path.Combine(directory, name));
        var pyenvRoots = new[]
        {
            Environment.GetEnvironmentVariable("PYENV_ROOT"),
            Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv"),
        };
        foreach (var root in pyenvRoots.Where(r => !string.IsNullOrEmpty(r)).Distinct())
        {
            var versions = Path.Combine(root!, "versions");
            if (!Directory.Exists(versions)) continue;
            foreach (var version in Directory.GetDirectories(versions).Order(StringComparer.Ordinal))
            {
                var executable = Path.Combine(version, "bin", "python");
                if (File.Exists(executable)) candidates.Add(executable);
            }
        }

        var found = new List<ReferencePython>();
        foreach (var candidate in candidates.Distinct())
        {
            var (exitCode, output, _) = Run(candidate,
                ["-c", "import sys, pip, pip._vendor.packaging as p; print(sys.version.split()[0], pip.__version__, p.__version__)"]);
            var parts = output.Trim().Split(' ');
            if (exitCode == 0 && parts.Length == 3) found.Add(new ReferencePython(candidate, parts[0], parts[1], parts[2]));
        }
        return found;
    }

    /// <summary>Runs the reference script once over a batch of cases and returns its answers.</summary>
    public JsonObject Answer(JsonObject cases)
    {
        var directory = Directory.CreateTempSubdirectory("hookguard-packaging-");
        try
        {
            var script = Path.Combine(directory.FullName, "reference_packaging.py");
            var input = Path.Combine(directory.FullName, "cases.json");
            File.WriteAllText(script, ReferenceScript.Source);
            File.WriteAllText(input, cases.ToJsonString());
            var (exitCode, output, error) = Run(Executable, [script, input]);
            if (exitCode != 0)
                throw new InvalidOperationException($"{this} failed with exit code {exitCode}: {error}");
            return JsonNode.Parse(output)!.AsObject();
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static (int ExitCode, string Output, string Error) Run(string executable, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // PIP_FIND_LINKS and friends are set on the build machines; PYTHON* could change what is imported.
        foreach (var name in start.Environment.Keys.ToList())
            if (name.StartsWith("PIP_", StringComparison.Ordinal) || name.StartsWith("PYTHON", StringComparison.Ordinal))
                start.Environment.Remove(name);
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        try
        {
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }
        catch (System.ComponentModel.Win32Exception exception)
        {
            return (-1, "", exception.Message);
        }
    }
}
