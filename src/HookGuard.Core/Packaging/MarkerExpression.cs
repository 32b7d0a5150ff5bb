namespace HookGuard.Core.Packaging;

/// <summary>One side of a marker comparison: an environment variable or a quoted string.</summary>
/// <remarks>Text is the variable's canonical name (<c>os.name</c> is stored as <c>os_name</c>) or the string's value.</remarks>
internal sealed record MarkerOperand(string Text, bool IsVariable)
{
    // _parser.Variable.serialize / Value.serialize: values are quoted without escaping.
    public string Serialize() => IsVariable ? Text : "\"" + Text + "\"";
}

/// <summary>A node of a parsed marker: packaging's <c>MarkerList</c> nests lists, comparisons and "and"/"or".</summary>
internal abstract record MarkerNode;

/// <summary><c>lhs op rhs</c>, op one of <c>&lt; &lt;= == != &gt;= &gt; ~= === in</c> and <c>not in</c>.</summary>
internal sealed record MarkerComparison(MarkerOperand Left, string Operator, MarkerOperand Right) : MarkerNode;

/// <summary>
/// A flat sequence <c>atom (and|or atom)*</c> exactly as packaging keeps it: "and" binds tighter than "or"
/// only at evaluation time, where the sequence is split into or-groups.
/// </summary>
internal sealed record MarkerGroup(IReadOnlyList<MarkerNode> Atoms, IReadOnlyList<string> Joiners) : MarkerNode;
