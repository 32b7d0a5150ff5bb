namespace HookGuard.Core.Requirements;

/// <summary>
/// One requirements file as pip reads it, with what an editor needs to write it back: the decoded text, the
/// encoding and byte-order mark it came in, its physical lines, and its entries in file order.
/// </summary>
public sealed record ParsedRequirementFile(
    string Path,
    string Text,
    RequirementFileEncoding Encoding,
    IReadOnlyList<PhysicalLine> Lines,
    IReadOnlyList<RequirementFileEntry> Entries)
{
    /// <summary>
    /// Whether pip would run this file in hash-checking mode (a requirement with <c>--hash</c>, or <c>--require-hashes</c>):
    /// then every requirement needs a hash, so nothing unhashed may be written into it.
    /// </summary>
    public bool UsesHashes => Entries.Any(e => e is RequirementEntry { Hashes.Count: > 0 } or OptionEntry { RequiresHashes: true });

    public IEnumerable<RequirementEntry> Requirements => Entries.OfType<RequirementEntry>();

    public IEnumerable<IncludeEntry> Includes => Entries.OfType<IncludeEntry>();
}
