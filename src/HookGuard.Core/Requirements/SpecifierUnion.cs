using HookGuard.Core.Packaging;

namespace HookGuard.Core.Requirements;

/// <summary>
/// A version constraint that PEP 440 cannot write: a union of alternatives, of which a version must satisfy at least one
/// (Poetry's <c>^1.0 || ^3.0</c>). With no alternatives, nothing satisfies it (poetry-core's <c>EmptyConstraint</c>).
/// </summary>
public sealed record SpecifierUnion(IReadOnlyList<SpecifierSet> Alternatives)
{
    /// <summary>Whether <paramref name="version"/> satisfies one of the alternatives (pre-releases allowed, as
    /// <see cref="SpecifierSet.Contains(string)"/>).</summary>
    public bool Contains(string version)
    {
        foreach (var alternative in Alternatives)
        {
            if (alternative.Contains(version))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => string.Join(" || ", Alternatives.Select(alternative => alternative.Text));
}
