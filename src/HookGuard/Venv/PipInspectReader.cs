using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using CliWrap;
using CliWrap.Buffered;
using HookGuard.Cli;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;

namespace HookGuard.Venv;

/// <summary>
/// The opt-in installed-set source for exotic environments (<c>installed-source = "pip"</c>, SPEC 4.4): asks the
/// venv's own pip with <c>pip inspect --local</c> (pip 22.2 and later), which reports the same distributions
/// <c>pip freeze</c> walks, their <c>Requires-Dist</c>, <c>direct_url.json</c> and the interpreter's real marker
/// environment. This runs code from the venv, which is why it is not the default.
/// </summary>
public static class PipInspectReader
{
    public static InstalledSet Read(string venvPath, Func<string, string?> environment)
    {
        var python = OperatingSystem.IsWindows()
            ? Path.Combine(venvPath, "Scripts", "python.exe")
            : Path.Combine(venvPath, "bin", "python");
        if (!File.Exists(python))
        {
            throw new UserError($"{venvPath}: installed-source = \"pip\" needs the venv's interpreter, but {python} does not exist.");
        }

        var result = Run(python);
        PipInspectDocument document;
        try
        {
            document = JsonSerializer.Deserialize(result, PipInspectJsonContext.Default.PipInspectDocument)
                ?? throw new JsonException("empty document");
        }
        catch (JsonException e)
        {
            throw new UserError($"{python} -m pip inspect printed something that is not its JSON report: {e.Message}");
        }

        var markers = document.Environment ?? throw new UserError($"{python} -m pip inspect gave no 'environment' (pip 22.2 or later is needed).");
        var pythonVersion = PyvenvConfig.ParseMajorMinor(markers.PythonVersion ?? "")
            ?? throw new UserError($"{python} -m pip inspect reported no usable python_version.");
        var hiddenNames = PipFreezeHiddenNames.For(document.PipVersion, pythonVersion);
        var visible = new List<InstalledDistribution>();
        var hidden = new List<InstalledDistribution>();
        foreach (var item in document.Installed ?? [])
        {
            if (item.Metadata is not { Name: { } name, Version: { } version })
            {
                continue;
            }

            var directUrl = item.DirectUrl is { } raw ? DirectUrlParser.Parse(raw.GetRawText(), $"{item.MetadataLocation}/direct_url.json") : null;
            var distribution = new InstalledDistribution(name, version, item.MetadataLocation ?? "", directUrl, item.Metadata.RequiresDist ?? []);
            (hiddenNames.Contains(distribution.NormalizedName) ? hidden : visible).Add(distribution);
        }

        return new InstalledSet(Path.GetFullPath(venvPath), ToMarkerEnvironment(markers), visible) { Hidden = hidden };
    }

    private static string Run(string python)
    {
        BufferedCommandResult result;
        try
        {
            result = CliWrap.Cli.Wrap(python)
                .WithArguments(["-m", "pip", "inspect", "--local"])
                // pip touches no git repository, but nothing of the hook's git environment needs to reach it either.
                .WithEnvironmentVariables(variables => variables
                    .Set("GIT_DIR", null).Set("GIT_INDEX_FILE", null).Set("GIT_WORK_TREE", null)
                    .Set("PIP_DISABLE_PIP_VERSION_CHECK", "1"))
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(Encoding.UTF8, Encoding.UTF8)
                .GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new UserError($"Cannot run {python}: {e.Message}");
        }

        if (result.ExitCode != 0)
        {
            throw new UserError($"{python} -m pip inspect --local failed (exit {result.ExitCode}): {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }

    private static MarkerEnvironment ToMarkerEnvironment(PipInspectEnvironment e) => new(
        e.PythonVersion ?? "", e.PythonFullVersion ?? "", e.OsName ?? "", e.SysPlatform ?? "", e.PlatformSystem ?? "",
        e.PlatformMachine ?? "", e.PlatformRelease ?? "", e.PlatformVersion ?? "", e.PlatformPythonImplementation ?? "",
        e.ImplementationName ?? "", e.ImplementationVersion ?? "");
}

internal sealed record PipInspectDocument(
    [property: JsonPropertyName("pip_version")] string? PipVersion,
    [property: JsonPropertyName("installed")] IReadOnlyList<PipInspectItem>? Installed,
    [property: JsonPropertyName("environment")] PipInspectEnvironment? Environment);

internal sealed record PipInspectItem(
    [property: JsonPropertyName("metadata")] PipInspectMetadata? Metadata,
    [property: JsonPropertyName("metadata_location")] string? MetadataLocation,
    [property: JsonPropertyName("direct_url")] JsonElement? DirectUrl);

internal sealed record PipInspectMetadata(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("version")] string? Version,
    [property: JsonPropertyName("requires_dist")] IReadOnlyList<string>? RequiresDist);

internal sealed record PipInspectEnvironment(
    [property: JsonPropertyName("python_version")] string? PythonVersion,
    [property: JsonPropertyName("python_full_version")] string? PythonFullVersion,
    [property: JsonPropertyName("os_name")] string? OsName,
    [property: JsonPropertyName("sys_platform")] string? SysPlatform,
    [property: JsonPropertyName("platform_system")] string? PlatformSystem,
    [property: JsonPropertyName("platform_machine")] string? PlatformMachine,
    [property: JsonPropertyName("platform_release")] string? PlatformRelease,
    [property: JsonPropertyName("platform_version")] string? PlatformVersion,
    [property: JsonPropertyName("platform_python_implementation")] string? PlatformPythonImplementation,
    [property: JsonPropertyName("implementation_name")] string? ImplementationName,
    [property: JsonPropertyName("implementation_version")] string? ImplementationVersion);

[JsonSerializable(typeof(PipInspectDocument))]
internal sealed partial class PipInspectJsonContext : JsonSerializerContext;
