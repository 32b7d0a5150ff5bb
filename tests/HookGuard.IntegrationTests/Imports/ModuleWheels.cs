using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>
/// Writes installable wheels with the files a spec chooses (WheelBuilder's wheels hold one package named after the
/// distribution): every file is listed in RECORD with its real hash, and <c>top_level.txt</c> is written only when given.
/// </summary>
public static class ModuleWheels
{
    /// <summary>Builds <c>NAME-VERSION-py3-none-any.whl</c> in <paramref name="directory"/>; returns its path.</summary>
    public static string Build(string directory, string name, string version, IReadOnlyList<(string Path, string Content)> files, string? topLevel = null)
    {
        var escaped = Regex.Replace(name, "[^A-Za-z0-9.]+", "_");
        var distInfo = $"{escaped}-{version}.dist-info";
        var all = new List<(string Path, byte[] Content)>();
        foreach (var (path, content) in files) all.Add((path, Encoding.UTF8.GetBytes(content)));
        all.Add(($"{distInfo}/METADATA", Encoding.UTF8.GetBytes($"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n\n")));
        all.Add(($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes("Wheel-Version: 1.0\nGenerator: hookguard-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")));
        if (topLevel is not null) all.Add(($"{distInfo}/top_level.txt", Encoding.UTF8.GetBytes(topLevel)));

        var record = new StringBuilder();
        foreach (var (path, content) in all)
            record.Append(path).Append(",sha256=").Append(Convert.ToBase64String(SHA256.HashData(content)).TrimEnd('=').Replace('+', '-').Replace('/', '_'))
                .Append(',').Append(content.Length).Append('\n');
        record.Append(distInfo).Append("/RECORD,,\n");
        all.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString())));

        Directory.CreateDirectory(directory);
        var wheel = Path.Combine(directory, $"{escaped}-{version}-py3-none-any.whl");
        using var zip = ZipFile.Open(wheel, ZipArchiveMode.Create);
        foreach (var (path, content) in all)
        {
            using var stream = zip.CreateEntry(path).Open();
            stream.Write(content);
        }
        return wheel;
    }
}
