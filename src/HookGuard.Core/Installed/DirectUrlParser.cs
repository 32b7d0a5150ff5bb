using System.Text.Json;
using System.Text.Json.Serialization;

namespace HookGuard.Core.Installed;

/// <summary>
/// Reads PEP 610 <c>direct_url.json</c> (https://packaging.python.org/en/latest/specifications/direct-url-data-structure/):
/// a distribution installed from a URL, a local archive or a directory (editable or not).
/// </summary>
public static class DirectUrlParser
{
    /// <summary>
    /// Parses the JSON text; throws <see cref="VenvFormatException"/> naming <paramref name="file"/> when it is not
    /// JSON, has no <c>url</c>, or does not carry exactly one of <c>vcs_info</c>, <c>archive_info</c>, <c>dir_info</c>
    /// (the same checks as pip's <c>DirectUrl.from_dict</c>).
    /// </summary>
    public static DirectUrl Parse(string json, string file)
    {
        DirectUrlDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, DirectUrlJsonContext.Default.DirectUrlDocument);
        }
        catch (JsonException e)
        {
            throw new VenvFormatException(file, (int)(e.LineNumber ?? -1) + 1, $"not valid JSON: {e.Message}");
        }

        if (document is null)
            throw new VenvFormatException(file, 0, "expected a JSON object");
        if (string.IsNullOrEmpty(document.Url))
            throw new VenvFormatException(file, 0, "missing the 'url' key");

        var infoCount = (document.VcsInfo is null ? 0 : 1) + (document.ArchiveInfo is null ? 0 : 1) + (document.DirInfo is null ? 0 : 1);
        if (infoCount != 1)
            throw new VenvFormatException(file, 0, "expected exactly one of 'vcs_info', 'archive_info', 'dir_info'");
        if (document.VcsInfo is { Vcs: null or "" })
            throw new VenvFormatException(file, 0, "'vcs_info' has no 'vcs' key");

        if (document.VcsInfo is { CommitId: null or "" })
            throw new VenvFormatException(file, 0, "'vcs_info' has no 'commit_id' key");
        if (document.ArchiveInfo?.Hash is { } hash && !hash.Contains('=', StringComparison.Ordinal))
            throw new VenvFormatException(file, 0, $"archive_info.hash must look like 'sha256=...', found '{hash}'");

        return new DirectUrl(
            document.Url,
            Editable: document.DirInfo?.Editable ?? false,
            VcsName: document.VcsInfo?.Vcs,
            CommitId: document.VcsInfo?.CommitId,
            RequestedRevision: document.VcsInfo?.RequestedRevision)
        {
            ArchiveHash = document.ArchiveInfo?.Hash,
            Subdirectory = document.Subdirectory,
        };
    }
}

internal sealed record DirectUrlDocument(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("vcs_info")] VcsInfoDocument? VcsInfo,
    [property: JsonPropertyName("archive_info")] ArchiveInfoDocument? ArchiveInfo,
    [property: JsonPropertyName("dir_info")] DirInfoDocument? DirInfo,
    [property: JsonPropertyName("subdirectory")] string? Subdirectory);

internal sealed record ArchiveInfoDocument([property: JsonPropertyName("hash")] string? Hash);

internal sealed record VcsInfoDocument(
    [property: JsonPropertyName("vcs")] string? Vcs,
    [property: JsonPropertyName("commit_id")] string? CommitId,
    [property: JsonPropertyName("requested_revision")] string? RequestedRevision);

internal sealed record DirInfoDocument([property: JsonPropertyName("editable")] bool? Editable);

// Source generation keeps the executable NativeAOT-compatible: no reflection-based serialization.
[JsonSerializable(typeof(DirectUrlDocument))]
internal sealed partial class DirectUrlJsonContext : JsonSerializerContext;
