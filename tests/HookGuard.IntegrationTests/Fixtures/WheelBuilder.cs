using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// Writes real, installable <c>.whl</c> files (https://packaging.python.org/en/latest/specifications/binary-distribution-format/):
/// a zip with a tiny module and <c>NAME-VER.dist-info/{METADATA,WHEEL,RECORD}</c>, RECORD carrying real hashes.
/// </summary>
public static class WheelBuilder
{
    /// <summary>
    /// Builds a pure-Python wheel for <paramref name="name"/> (written into METADATA as given, so non-normalized names
    /// survive) and <paramref name="version"/> in <paramref name="directory"/>; returns its path.
    /// </summary>
    public static string Build(string directory, string name, string version, IEnumerable<string>? requiresDist = null)
    {
        // File name escaping: in the name, runs of characters other than letters, digits and '.' become '_'; in
        // the version only '-' does ('!' and '+' are legal), so the file name has exactly the dashes the format needs.
        var escapedName = Escape(name);
        var escapedVersion = version.Replace('-', '_');
        var distInfo = $"{escapedName}-{escapedVersion}.dist-info";
        var module = escapedName.Replace('.', '_').ToLowerInvariant();

        var metadata = new StringBuilder()
            .Append("Metadata-Version: 2.1\n")
            .Append("Name: ").Append(name).Append('\n')
            .Append("Version: ").Append(version).Append('\n')
            .Append("Summary: test distribution built by HookGuard's tests\n");
        foreach (var requirement in requiresDist ?? []) metadata.Append("Requires-Dist: ").Append(requirement).Append('\n');
        metadata.Append("\nA description body that must never be parsed.\nName: not-a-header\n");

        var files = new List<(string Path, byte[] Content)>
        {
            ($"{module}/__init__.py", Encoding.UTF8.GetBytes($"VERSION = '{version}'\n")),
            ($"{distInfo}/METADATA", Encoding.UTF8.GetBytes(metadata.ToString())),
            ($"{distInfo}/WHEEL", Encoding.UTF8.GetBytes("Wheel-Version: 1.0\nGenerator: hookguard-tests\nRoot-Is-Purelib: true\nTag: py3-none-any\n")),
        };
        var record = new StringBuilder();
        foreach (var (path, content) in files)
            record.Append(path).Append(",sha256=").Append(Base64UrlNoPadding(SHA256.HashData(content))).Append(',').Append(content.Length).Append('\n');
        record.Append(distInfo).Append("/RECORD,,\n");
        files.Add(($"{distInfo}/RECORD", Encoding.UTF8.GetBytes(record.ToString())));

        Directory.CreateDirectory(directory);
        var wheelPath = Path.Combine(directory, $"{escapedName}-{escapedVersion}-py3-none-any.whl");
        using var zip = ZipFile.Open(wheelPath, ZipArchiveMode.Create);
        foreach (var (path, content) in files)
        {
            using var stream = zip.CreateEntry(path).Open();
            stream.Write(content);
        }
        return wheelPath;
    }

    private static string Escape(string component)
    {
        var builder = new StringBuilder(component.Length);
        var inRun = false;
        foreach (var c in component)
        {
            if (char.IsAsciiLetterOrDigit(c) || c == '.') { builder.Append(c); inRun = false; }
            else if (!inRun) { builder.Append('_'); inRun = true; }
        }
        return builder.ToString();
    }

    private static string Base64UrlNoPadding(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
