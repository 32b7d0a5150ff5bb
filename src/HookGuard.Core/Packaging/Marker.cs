using System.Text;

namespace HookGuard.Core.Packaging;

/// <summary>
/// A parsed PEP 508 environment marker expression (https://peps.python.org/pep-0508/#environment-markers),
/// parsed and evaluated as <c>packaging.markers.Marker</c> (packaging 24.1, vendored by pip 24.2) does.
/// </summary>
/// <remarks>
/// packaging 21.3 (pip 23.2) differs and we follow 24.1: its pyparsing grammar needed no word boundaries
/// (<c>'x'andos_name</c>) but exactly one space in <c>not in</c>; it kept backslashes in quoted strings
/// verbatim instead of decoding Python escapes; it compared extras without PEP 685 normalization; and its
/// version comparisons rejected pre-releases (<c>python_full_version &gt;= "3.8"</c> was False on 3.13.0rc1).
/// </remarks>
public sealed class Marker
{
    private readonly MarkerGroup _expression;

    /// <summary>The text as written.</summary>
    public string Text { get; }

    private Marker(string text, MarkerGroup expression)
    {
        Text = text;
        _expression = NormalizeExtraValues(expression);
    }

    /// <summary>Parses or throws <see cref="PackagingFormatException"/>.</summary>
    public static Marker Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Marker(text, DependencyParser.ParseMarker(text));
    }

    /// <summary>
    /// Parses a marker of a lock file, where PEP 751 adds the set-valued variables <c>extras</c> and
    /// <c>dependency_groups</c> (https://packaging.python.org/en/latest/specifications/pylock-toml/#packages-marker),
    /// as packaging 25's grammar does; throws <see cref="PackagingFormatException"/>. <see cref="Parse"/> keeps rejecting
    /// them, as pip's packaging 24.1 does in requirement files.
    /// </summary>
    public static Marker ParseLockFile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Marker(text, DependencyParser.ParseMarker(text, lockFileVariables: true));
    }

    internal static Marker FromParsed(string text, MarkerGroup expression) => new(text, expression);

    /// <summary>The marker as packaging prints it (<c>str(Marker)</c>): double quotes, single spaces.</summary>
    public string Normalized => Format(_expression, first: true);

    /// <summary>
    /// Evaluates as pip's vendored <c>packaging</c> does; <paramref name="extra"/> is the extra being resolved, if any
    /// (pip passes <c>{"extra": extra}</c>, and <c>""</c> when there is none).
    /// </summary>
    /// <exception cref="PackagingFormatException">
    /// The marker compares two quoted strings whose right side is no marker variable (packaging raises
    /// <c>KeyError</c>), or uses <c>~=</c>/<c>===</c> where no version comparison is defined
    /// (packaging raises <c>UndefinedComparison</c>).
    /// </exception>
    public bool Evaluate(MarkerEnvironment environment, string? extra = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return EvaluateGroup(_expression, environment, new Context(extra ?? "", null, null));
    }

    /// <summary>
    /// Evaluates in a lock file's context, as packaging 25's <c>Marker.evaluate(context="lock_file")</c>: PEP 751's
    /// <c>extras</c> and <c>dependency_groups</c> are the chosen extras and groups, compared with <c>in</c> and
    /// <c>not in</c> after PEP 503 normalization (https://peps.python.org/pep-0751/#packages-marker); <c>extra</c> is not
    /// defined there.
    /// </summary>
    /// <exception cref="PackagingFormatException">
    /// As <see cref="Evaluate(MarkerEnvironment, string?)"/>; also when the marker uses <c>extra</c>, or compares a set
    /// variable with anything but <c>'name' in</c> / <c>'name' not in</c> (packaging fails on those too).
    /// </exception>
    public bool Evaluate(MarkerEnvironment environment, IReadOnlySet<string> extras, IReadOnlySet<string> dependencyGroups)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(extras);
        ArgumentNullException.ThrowIfNull(dependencyGroups);
        return EvaluateGroup(_expression, environment, new Context("", extras, dependencyGroups));
    }

    /// <summary>The variables the marker compares and the literal each is compared with, in the order written.</summary>
    internal IEnumerable<(string Variable, string Value)> Comparisons() => ComparisonsOf(_expression);

    private static IEnumerable<(string Variable, string Value)> ComparisonsOf(MarkerGroup group)
    {
        foreach (var atom in group.Atoms)
        {
            if (atom is MarkerGroup nested)
            {
                foreach (var pair in ComparisonsOf(nested)) yield return pair;
            }
            else if (atom is MarkerComparison { Left: var left, Right: var right })
            {
                if (left.IsVariable && !right.IsVariable) yield return (left.Text, right.Text);
                else if (right.IsVariable && !left.IsVariable) yield return (right.Text, left.Text);
            }
        }
    }

    /// <summary>What a marker is evaluated against besides the interpreter: metadata's one <c>extra</c>, or a lock's sets.</summary>
    private readonly record struct Context(string Extra, IReadOnlySet<string>? Extras, IReadOnlySet<string>? DependencyGroups)
    {
        public bool IsLockFile => Extras is not null;
    }

    // _evaluate_markers: split the flat list into or-groups; true if any group is all true.
    // Every comparison is evaluated (no short-circuit), so errors surface as they do in packaging.
    private bool EvaluateGroup(MarkerGroup group, MarkerEnvironment environment, Context extra)
    {
        var anyGroupTrue = false;
        var currentGroupTrue = true;
        for (var i = 0; i < group.Atoms.Count; i++)
        {
            if (i > 0 && group.Joiners[i - 1] == "or")
            {
                anyGroupTrue |= currentGroupTrue;
                currentGroupTrue = true;
            }
            var value = group.Atoms[i] switch
            {
                MarkerGroup nested => EvaluateGroup(nested, environment, extra),
                MarkerComparison comparison => EvaluateComparison(comparison, environment, extra),
                _ => throw new InvalidOperationException("Unknown marker node."),
            };
            currentGroupTrue &= value;
        }
        return anyGroupTrue | currentGroupTrue;
    }

    private bool EvaluateComparison(MarkerComparison comparison, MarkerEnvironment environment, Context extra)
    {
        if (comparison.Left.Text is "extras" or "dependency_groups" && comparison.Left.IsVariable
            || comparison.Right.Text is "extras" or "dependency_groups" && comparison.Right.IsVariable)
        {
            return EvaluateSetComparison(comparison, extra);
        }

        // packaging looks the environment up by whichever side is not on the left: with a quoted string on the
        // left, the right side's text is the key even when it too is a quoted string.
        string key, left, right;
        if (comparison.Left.IsVariable)
        {
            key = comparison.Left.Text;
            left = Lookup(key, environment, extra);
            right = comparison.Right.Text;
        }
        else
        {
            left = comparison.Left.Text;
            key = comparison.Right.Text;
            right = Lookup(key, environment, extra);
        }

        if (key == "extra")
        {
            // PEP 685: extra names compare normalized.
            left = PackageName.Normalize(left);
            right = PackageName.Normalize(right);
        }
        return Compare(left, comparison.Operator, right);
    }

    private string Lookup(string key, MarkerEnvironment environment, Context extra) =>
        key == "extra"
            ? extra.IsLockFile
                ? throw new PackagingFormatException($"Marker '{Text}' uses 'extra', which a lock file's markers cannot (they use 'extras')")
                : extra.Extra
        : environment[key] ?? throw new PackagingFormatException(
            $"Marker '{Text}' compares two quoted strings; '{key}' is not an environment marker variable");

    // packaging 25 _normalize and _eval_op: "'name' in extras" is set membership of the PEP 503 normalized name.
    private bool EvaluateSetComparison(MarkerComparison comparison, Context extra)
    {
        var variable = comparison.Left.IsVariable ? comparison.Left.Text : comparison.Right.Text;
        var set = variable == "extras" ? extra.Extras : extra.DependencyGroups;
        if (set is null)
        {
            throw new PackagingFormatException($"Marker '{Text}' uses '{variable}', which only a lock file's markers define");
        }

        if (comparison.Left.IsVariable || comparison.Operator is not ("in" or "not in"))
        {
            throw new PackagingFormatException($"Marker '{Text}' can only test a name with 'in' or 'not in' {variable}");
        }

        var name = PackageName.Normalize(comparison.Left.Text);
        var contains = false;
        foreach (var member in set)
        {
            if (PackageName.Normalize(member) == name)
            {
                contains = true;
                break;
            }
        }

        return comparison.Operator == "in" ? contains : !contains;
    }

    /// <summary>
    /// <c>_eval_op</c>: a version comparison when <c>op + rhs</c> is a valid specifier and <paramref name="left"/>
    /// a valid version, otherwise Python's string operators.
    /// </summary>
    /// <remarks>
    /// packaging 24.1 raises <c>InvalidVersion</c> when the right side is a valid specifier but the left side is
    /// not a version (pypa/packaging#774, e.g. <c>platform_release &gt;= "5"</c> on a "6.7.0-gentoo" kernel). We
    /// fall back to string comparison as PEP 508 says and as pypa/packaging#816 fixes it.
    /// </remarks>
    private bool Compare(string left, string op, string right)
    {
        if (Specifier.TryParse(op + right) is { } specifier && PythonVersion.TryParse(left, out var version))
            return specifier.Contains(version!);

        var order = PythonText.CompareCodePoints(left, right);
        return op switch
        {
            "in" => right.Contains(left, StringComparison.Ordinal),
            "not in" => !right.Contains(left, StringComparison.Ordinal),
            "<" => order < 0,
            "<=" => order <= 0,
            "==" => order == 0,
            "!=" => order != 0,
            ">=" => order >= 0,
            ">" => order > 0,
            _ => throw new PackagingFormatException(
                $"Marker '{Text}' has no defined comparison '{left}' {op} '{right}'"),
        };
    }

    // _normalize_extra_values: only the first item of the top-level list, only when it is a comparison.
    private static MarkerGroup NormalizeExtraValues(MarkerGroup expression)
    {
        if (expression.Atoms[0] is not MarkerComparison first) return expression;
        MarkerComparison normalized;
        if (first.Left is { IsVariable: true, Text: "extra" })
            normalized = first with { Right = new MarkerOperand(PackageName.Normalize(first.Right.Text), IsVariable: false) };
        else if (first.Right is { IsVariable: true, Text: "extra" })
            normalized = first with { Left = new MarkerOperand(PackageName.Normalize(first.Left.Text), IsVariable: false) };
        else
            return expression;
        var atoms = expression.Atoms.ToArray();
        atoms[0] = normalized;
        return expression with { Atoms = atoms };
    }

    // _format_marker: a one-item list prints as its item; nested lists get parentheses.
    private static string Format(MarkerNode node, bool first)
    {
        switch (node)
        {
            case MarkerComparison comparison:
                return $"{comparison.Left.Serialize()} {comparison.Operator} {comparison.Right.Serialize()}";
            case MarkerGroup { Atoms.Count: 1 } single:
                return Format(single.Atoms[0], first: true);
            case MarkerGroup group:
            {
                var builder = new StringBuilder();
                if (!first) builder.Append('(');
                for (var i = 0; i < group.Atoms.Count; i++)
                {
                    if (i > 0) builder.Append(' ').Append(group.Joiners[i - 1]).Append(' ');
                    builder.Append(Format(group.Atoms[i], first: false));
                }
                if (!first) builder.Append(')');
                return builder.ToString();
            }
            default:
                throw new InvalidOperationException("Unknown marker node.");
        }
    }

    public override string ToString() => Text;
}
