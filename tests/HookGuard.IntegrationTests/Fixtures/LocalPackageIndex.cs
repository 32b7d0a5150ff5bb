using System.Net.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using CliWrap;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// A PEP 503 simple repository (https://peps.python.org/pep-0503/) of wheels the tests built, served on loopback by
/// <c>python3 -m http.server --bind 127.0.0.1 0</c>, so that the real lock tools (Poetry, Pipenv, PDM) resolve offline
/// against exactly the files the venvs are installed from. Layout: <c>simple/index.html</c> lists the projects,
/// <c>simple/NORMALIZED-NAME/index.html</c> links each of its files with a <c>#sha256=</c> fragment (PEP 503: "the URL
/// SHOULD include a hash in the form of a URL fragment"), the files themselves under <c>files/</c>. Port 0 lets the
/// kernel pick a free port; the server prints the one it got. Stopped (the process killed) on dispose.
/// </summary>
public sealed partial class LocalPackageIndex : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _server;
    private readonly StringBuilder _serverErrors = new();
    private readonly Dictionary<string, string> _sha256 = new(StringComparer.Ordinal);

    /// <summary>Copies every <c>*.whl</c> of <paramref name="wheelDirectory"/> into a fresh tree and serves it.</summary>
    public LocalPackageIndex(string wheelDirectory)
    {
        Root = Path.Combine(Path.GetTempPath(), "hookguard-index-" + Guid.NewGuid().ToString("N")[..12]);
        var files = Directory.CreateDirectory(Path.Combine(Root, "files")).FullName;
        var byProject = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var wheel in Directory.GetFiles(wheelDirectory, "*.whl").Order(StringComparer.Ordinal))
        {
            var fileName = Path.GetFileName(wheel);
            File.Copy(wheel, Path.Combine(files, fileName));
            _sha256[fileName] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(wheel)));
            // The wheel file name's first component is the escaped distribution name (binary distribution format).
            var project = Normalize(fileName[..fileName.IndexOf('-')]);
            if (!byProject.TryGetValue(project, out var list)) byProject[project] = list = [];
            list.Add(fileName);
        }

        var simple = Directory.CreateDirectory(Path.Combine(Root, "simple")).FullName;
        var rootPage = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        foreach (var (project, wheels) in byProject)
        {
            rootPage.Append($"<a href=\"{project}/\">{project}</a>\n");
            var page = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
            foreach (var wheel in wheels)
                page.Append($"<a href=\"../../files/{wheel}#sha256={_sha256[wheel]}\">{wheel}</a><br/>\n");
            Directory.CreateDirectory(Path.Combine(simple, project));
            File.WriteAllText(Path.Combine(simple, project, "index.html"), page.Append("</body></html>\n").ToString());
        }
        File.WriteAllText(Path.Combine(simple, "index.html"), rootPage.Append("</body></html>\n").ToString());

        var port = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        // -u: http.server prints its "Serving HTTP on 127.0.0.1 port N" line through a buffered stdout otherwise.
        _server = PythonInterpreters.Clean(PythonInterpreters.Python3,
                ["-u", "-m", "http.server", "--bind", "127.0.0.1", "--directory", Root, "0"], Root)
            .WithStandardOutputPipe(PipeTarget.ToDelegate(line =>
            {
                if (ServingLine().Match(line) is { Success: true } match) port.TrySetResult(int.Parse(match.Groups[1].Value));
            }))
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line => { lock (_serverErrors) _serverErrors.AppendLine(line); }))
            .ExecuteAsync(_stop.Token);
        _ = _server.ContinueWith(task => port.TrySetException(
            new InvalidOperationException($"the package index server exited before serving: {task.Exception?.GetBaseException().Message}\n{ServerErrors}")),
            TaskContinuationOptions.ExecuteSynchronously);

        if (!port.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            Dispose();
            throw new InvalidOperationException($"python3 -m http.server did not say which port it serves within 30 s:\n{ServerErrors}");
        }
        Port = port.Task.Result;
        AssertServes();
    }

    /// <summary>The served directory (<c>simple/</c>, <c>files/</c>).</summary>
    public string Root { get; }

    public int Port { get; }

    /// <summary>The index URL the tools are given: <c>http://127.0.0.1:PORT/simple</c> (no trailing slash; tools add it).</summary>
    public string SimpleUrl => $"http://127.0.0.1:{Port}/simple";

    /// <summary>Where the wheel <paramref name="fileName"/> is downloaded from.</summary>
    public string FileUrl(string fileName) => $"http://127.0.0.1:{Port}/files/{fileName}";

    /// <summary>The hex SHA-256 of a served wheel, as the lock files record it.</summary>
    public string Sha256(string fileName) => _sha256.TryGetValue(fileName, out var hash)
        ? hash
        : throw new InvalidOperationException($"the index serves no file '{fileName}'");

    /// <summary>The size in bytes of a served wheel.</summary>
    public long Size(string fileName) => new FileInfo(Path.Combine(Root, "files", fileName)).Length;

    /// <summary>PEP 503 normalization: runs of '-', '_', '.' become one '-', lower case.</summary>
    public static string Normalize(string name) => Separators().Replace(name, "-").ToLowerInvariant();

    private string ServerErrors
    {
        get { lock (_serverErrors) return _serverErrors.ToString(); }
    }

    private void AssertServes()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var response = client.GetAsync(SimpleUrl + "/").GetAwaiter().GetResult();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"the package index at {SimpleUrl}/ answered {(int)response.StatusCode}:\n{ServerErrors}");
    }

    public void Dispose()
    {
        _stop.Cancel(); // CliWrap kills the server process on cancellation
        try { _server.Wait(TimeSpan.FromSeconds(10)); }
        catch (AggregateException) { /* the cancellation itself */ }
        _stop.Dispose();
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { /* best effort: a temp directory */ }
    }

    [GeneratedRegex(@"^Serving HTTP on \S+ port (\d+)")]
    private static partial Regex ServingLine();

    [GeneratedRegex(@"[-_.]+")]
    private static partial Regex Separators();
}
