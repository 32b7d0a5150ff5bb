using System.Text.Json;
using CliWrap;
using CliWrap.Buffered;
using HookGuard.Cli;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Venv;

namespace HookGuard.Checking;

/// <summary>
/// <c>installed-source = "pip"</c> (SPEC sec. 4.4, opt-in for exotic environments): the installed set as the venv's
/// own pip reports it, through <c>python -m pip inspect</c> (pip 22.2+, a stable JSON report:
/// https://pip.pypa.io/en/stable/reference/inspect-report/). This runs code from the venv, which is why it is opt-in.
/// The marker environment still comes from the venv's metadata; pip freeze's hidden names are applied to pip's answer
/// with the version of the pip that answered.
/// </summary>
public static class PipInstalledReader
{
    public static InstalledSet Read(string venvPath, Func<string, string?> environment)
    {
        var fromMetadata = VenvReader.Read(venvPath, environment);
        // The interpreter of the venv's own layout; a venv made for the other system (a Windows venv seen from WSL) has
        // one this machine cannot run, and HookGuard never tries: its metadata is read instead, or nothing is.
        var madeForWindows = fromMetadata.Environment.OsName == "nt";
        if (madeForWindows != OperatingSystem.IsWindows())
        {
            throw new UserError(
                $"installed-source = \"pip\": the venv at {venvPath} was made for {(madeForWindows ? "Windows" : "a POSIX system")}, " +
                "so its Python cannot run on this machine. Set installed-source = \"metadata\" in .hookguard.toml to read its metadata instead.");
        }

        var python = madeForWindows ? Path.Combine(venvPath, "Scripts", "python.exe") : Path.Combine(venvPath, "bin", "python");
        var report = Inspect(python, venvPath);

        try
        {
            using var json = JsonDocument.Parse(report);
            var root = json.RootElement;
            var pipVersion = root.TryGetProperty("pip_version", out var pip) ? pip.GetString() : null;
            var version = fromMetadata.Environment.PythonVersion.Split('.');
            var hiddenNames = PipFreezeHiddenNames.For(pipVersion, (int.Parse(version[0]), int.Parse(version[1])));
            var visible = new List<InstalledDistribution>();
            var hidden = new List<InstalledDistribution>();
            foreach (var item in root.GetProperty("installed").EnumerateArray())
            {
                var distribution = ToInstalled(item);
                (hiddenNames.Contains(distribution.NormalizedName) ? hidden : visible).Add(distribution);
            }

            return fromMetadata with { Distributions = visible, Hidden = hidden };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new UserError($"{python} -m pip inspect gave a report HookGuard cannot read ({e.Message}). Set installed-source = \"metadata\" in .hookguard.toml to read the venv's metadata instead.");
        }
    }

    private static InstalledDistribution ToInstalled(JsonElement item)
    {
        var metadata = item.GetProperty("metadata");
        var requires = metadata.TryGetProperty("requires_dist", out var list)
            ? list.EnumerateArray().Select(requirement => requirement.GetString() ?? "").ToArray()
            : [];
        var location = item.TryGetProperty("metadata_location", out var where) ? where.GetString() ?? "" : "";
        return new InstalledDistribution(
            metadata.GetProperty("name").GetString()!,
            metadata.GetProperty("version").GetString()!,
            location,
            item.TryGetProperty("direct_url", out var directUrl) ? ToDirectUrl(directUrl) : null,
            requires);
    }

    /// <summary>PEP 610's direct_url.json, as pip inspect embeds it.</summary>
    private static DirectUrl ToDirectUrl(JsonElement directUrl)
    {
        var editable = directUrl.TryGetProperty("dir_info", out var dir) && dir.TryGetProperty("editable", out var e) && e.GetBoolean();
        string? Vcs(string key) =>
            directUrl.TryGetProperty("vcs_info", out var vcs) && vcs.TryGetProperty(key, out var value) ? value.GetString() : null;
        return new DirectUrl(directUrl.GetProperty("url").GetString()!, editable, Vcs("vcs"), Vcs("commit_id"), Vcs("requested_revision"));
    }

    /// <summary>
    /// The venv's python is no git child: a hook's GIT_DIR, GIT_INDEX_FILE, GIT_CONFIG_* and the rest describe the
    /// commit in progress, and a pip that shells out to git (a VCS requirement's metadata) must not act on it.
    /// </summary>
    private static IReadOnlyDictionary<string, string?> WithoutGitVariables()
    {
        var unset = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith("GIT_", StringComparison.OrdinalIgnoreCase))
            {
                unset[name] = null;
            }
        }

        return unset;
    }

    private static string Inspect(string python, string venvPath)
    {
        BufferedCommandResult result;
        try
        {
            result = global::CliWrap.Cli.Wrap(python)
                .WithArguments(["-m", "pip", "inspect", "--disable-pip-version-check"])
                .WithWorkingDirectory(venvPath) // not the repository: 'python -m' puts the working directory on sys.path
                .WithEnvironmentVariables(WithoutGitVariables())
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync()
                .GetAwaiter()
                .GetResult();
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new UserError($"installed-source = \"pip\": cannot run {python} ({error.Message}).", inner: error);
        }

        if (result.ExitCode != 0)
        {
            var message = result.StandardError.Trim();
            throw new UserError(
                $"installed-source = \"pip\": '{python} -m pip inspect' failed ({(message.Length > 0 ? message.Split('\n')[^1] : $"exit code {result.ExitCode}")}). " +
                "The venv needs pip 22.2 or later (python -m ensurepip), or set installed-source = \"metadata\" in .hookguard.toml.");
        }

        return result.StandardOutput;
    }
}
