namespace HookGuard.Core.Installed;

/// <summary>
/// The header fields of a core metadata file (METADATA / PKG-INFO) that HookGuard needs
/// (https://packaging.python.org/en/latest/specifications/core-metadata/). <see cref="RequiresDist"/> keeps the raw
/// PEP 508 strings: only the <c>top-level</c> policy parses them.
/// </summary>
public sealed record DistributionMetadata(string Name, string Version, IReadOnlyList<string> RequiresDist);
