using HookGuard.Core.Requirements;

namespace HookGuard.Core.Editing;

/// <summary>The outcome of <see cref="RequirementFileEditor.Apply"/>: new bytes, or a reason the file cannot be edited safely.</summary>
public abstract record EditResult;

/// <summary>The edited file's bytes (same encoding, byte-order mark and line endings) and what changed, line by line.</summary>
public sealed record EditedFile(byte[] Content, IReadOnlyList<LineChange> Changes) : EditResult;

/// <summary>The file was left alone: <see cref="Message"/> says why, at <see cref="Location"/>.</summary>
public sealed record EditRefused(EditRefusalReason Reason, SourceLocation Location, string Message) : EditResult;

/// <summary>Why an edit could not be made without changing more than intended.</summary>
public enum EditRefusalReason
{
    /// <summary>The file uses <c>--hash</c> or <c>--require-hashes</c>: pip refuses any requirement without a hash, and the new hashes are not known.</summary>
    HashCheckingFile,

    /// <summary>The entry is not pinned by a version: an editable, a URL, a path, or a requirement pip names only by building.</summary>
    NotPinnable,

    /// <summary>The version is not written in one piece in the file (split by a continuation, or coming from a <c>${VAR}</c>).</summary>
    VersionNotWhereWritten,

    /// <summary>The new text holds a character the file's encoding cannot represent.</summary>
    UnrepresentableCharacter,

    /// <summary>Re-reading the edited file would not give exactly the intended requirements.</summary>
    WouldChangeMeaning,

    /// <summary>The edit names a requirement that is not in this file, or a name/version that is not valid.</summary>
    InvalidEdit,
}

/// <summary>One physical line that changed: <see cref="Before"/> is null for an added line.</summary>
public sealed record LineChange(int Line, string? Before, string After)
{
    public override string ToString() => Before is null ? $"{Line}: + {After}" : $"{Line}: {Before} -> {After}";
}
