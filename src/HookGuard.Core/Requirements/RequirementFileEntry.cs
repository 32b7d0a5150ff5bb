using HookGuard.Core.Packaging;

namespace HookGuard.Core.Requirements;

/// <summary>One logical line of a pip requirements file that means something (comments and blanks are not entries). CONTRACT.</summary>
public abstract record RequirementFileEntry(SourceLocation Location)
{
    /// <summary>The last physical line of the logical line (equal to <c>Location.Line</c> unless <c>\</c> continued it).</summary>
    public int LastLine { get; init; } = Location.Line;
}

/// <summary>
/// A requirement line: <c>name[extra]==1.0 ; marker --hash=...</c>, <c>name @ url</c>, <c>-e path-or-url</c>, a bare URL or path.
/// <see cref="Requirement"/> is null when pip would only learn the name by building the source (for example <c>-e .</c>).
/// </summary>
public sealed record RequirementEntry(
    SourceLocation Location,
    Requirement? Requirement,
    string Text,
    bool Editable,
    IReadOnlyList<string> Hashes) : RequirementFileEntry(Location)
{
    /// <summary>
    /// For each character of <see cref="Text"/>, its offset in the decoded file text, or -1 when pip made it up
    /// (the value of a <c>${VAR}</c>). Lets an editor change the version where it was written.
    /// </summary>
    public IReadOnlyList<int> TextOffsets { get; init; } = [];

    /// <summary>Set by <see cref="DeclaredSetResolver"/> for requirements reached through a <c>-c</c> constraints file.</summary>
    public bool FromConstraintFile { get; init; }

    /// <summary>
    /// An optional declaration (an extra, a dependency group the tool does not install by default): it covers an installed
    /// distribution and its version is checked, but its absence from the venv is no drift.
    /// </summary>
    public bool Optional { get; init; }

    /// <summary>
    /// A version constraint with no PEP 440 form (Poetry's <c>||</c> unions): when set, the installed version must satisfy
    /// it, and <c>Requirement.Specifier</c> is empty.
    /// </summary>
    public SpecifierUnion? AnyOf { get; init; }
}

/// <summary>A <c>-r</c> (include) or <c>-c</c> (constraint) line; <see cref="Path"/> as written, after <c>${VAR}</c> expansion.</summary>
public sealed record IncludeEntry(SourceLocation Location, string Path, bool IsConstraint) : RequirementFileEntry(Location);

/// <summary>A global option line (<c>-i</c>, <c>--extra-index-url</c>, <c>--pre</c>, ...): declares nothing.</summary>
public sealed record OptionEntry(SourceLocation Location, string Text) : RequirementFileEntry(Location)
{
    /// <summary>The line says <c>--require-hashes</c>: pip then insists on a hash for every requirement.</summary>
    public bool RequiresHashes { get; init; }
}
