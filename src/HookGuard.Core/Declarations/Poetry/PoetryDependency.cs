using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// One Poetry dependency declaration (a constraint string, a table, or a list of tables told apart by markers), as
/// <c>Factory.create_dependency</c> reads it: the constraint through poetry-core's syntax, <c>python</c> and
/// <c>platform</c> turned into markers and joined with <c>markers</c>.
/// https://github.com/python-poetry/poetry-core/blob/1.4.0/src/poetry/core/factory.py (create_dependency)
/// </summary>
internal sealed record PoetryDependency(
    SourceLocation Location,
    Requirement Requirement,
    SpecifierUnion? AnyOf,
    bool IsOptional,
    bool Develop)
{
    /// <summary>The declarations of <paramref name="name"/>; one per table of a multiple-constraints list.</summary>
    /// <exception cref="DeclarationFileError">A value of the wrong type, or a constraint poetry-core cannot parse.</exception>
    public static IReadOnlyList<PoetryDependency> Read(string file, string name, TomlNode value)
    {
        if (!PackageName.IsValid(name))
        {
            throw new DeclarationFileError(new SourceLocation(file, value.Line), $"'{name}' is not a valid package name");
        }

        switch (value)
        {
            case TomlString constraint:
                return [Create(file, name, value.Line, constraint.Value, null, null, null, [], false, null, false)];
            case TomlTable table:
                return [FromTable(file, name, table)];
            case TomlArray { Items.Count: > 0 } list:
                var result = new List<PoetryDependency>(list.Items.Count);
                foreach (var item in list.Items)
                {
                    result.Add(item is TomlTable constraintTable
                        ? FromTable(file, name, constraintTable)
                        : throw new DeclarationFileError(new SourceLocation(file, item.Line),
                            $"dependency '{name}': each of multiple constraints must be a table, not {item.Kind}"));
                }

                return result;
            default:
                throw new DeclarationFileError(new SourceLocation(file, value.Line),
                    $"dependency '{name}' must be a version constraint, a table or a list of tables, not {value.Kind}");
        }
    }

    private static PoetryDependency FromTable(string file, string name, TomlTable table)
    {
        var line = table.Line;
        var version = String(file, name, table, "version");
        var markers = String(file, name, table, "markers");
        var python = String(file, name, table, "python");
        var platform = String(file, name, table, "platform");
        var optional = Boolean(file, name, table, "optional");
        var develop = Boolean(file, name, table, "develop");
        var extras = new List<string>();
        if (table["extras"] is { } extrasNode)
        {
            foreach (var extra in extrasNode is TomlArray array ? array.Items : [extrasNode])
            {
                extras.Add(extra is TomlString { Value: var text }
                    ? text
                    : throw new DeclarationFileError(new SourceLocation(file, extra.Line), $"dependency '{name}': extras must be strings"));
            }
        }

        // Direct references (create_dependency's VCS, file/directory and URL branches): the version is whatever the
        // source builds, so only the name is declared. https://python-poetry.org/docs/dependency-specification/
        string? url = null;
        if (String(file, name, table, "git") is { } git)
        {
            var reference = String(file, name, table, "rev") ?? String(file, name, table, "tag") ?? String(file, name, table, "branch");
            url = "git+" + git + (reference is null ? "" : "@" + reference);
        }
        else if (String(file, name, table, "path") is { } path)
        {
            url = path;
        }
        else if (String(file, name, table, "url") is { } link)
        {
            url = link;
        }

        return Create(file, name, line, url is null ? version ?? "*" : "*", markers, python, platform, extras, optional, url, develop);
    }

    private static PoetryDependency Create(string file, string name, int line, string constraint, string? markers,
        string? python, string? platform, IReadOnlyList<string> extras, bool optional, string? url, bool develop)
    {
        var location = new SourceLocation(file, line);
        var rendered = PoetryConstraint.TryRenderPep508(constraint)
                       ?? throw new DeclarationFileError(location, $"dependency '{name}': '{constraint}' is not a valid Poetry version constraint");
        SpecifierSet specifier;
        SpecifierUnion? anyOf = null;
        if (rendered.Length == 0)
        {
            specifier = SpecifierSet.Any;
        }
        else
        {
            try
            {
                specifier = SpecifierSet.Parse(rendered);
            }
            catch (PackagingFormatException)
            {
                // A union of disjoint ranges ("^1 || ^3"), which poetry-core renders with "||": no PEP 440 form, so each
                // range becomes one alternative (an empty constraint has none).
                specifier = SpecifierSet.Any;
                var ranges = PoetryConstraint.TryParse(constraint)!;
                anyOf = new SpecifierUnion(ranges
                    .Select(range => SpecifierSet.Parse(range.IsVersion ? "==" + range.Min!.Text : range.ToString()))
                    .ToArray());
            }
        }

        var clauses = new List<string>(3);
        if (markers is { Length: > 0 })
        {
            clauses.Add(markers);
        }

        if (python is { Length: > 0 })
        {
            var pythonRanges = PoetryConstraint.TryParse(python)
                               ?? throw new DeclarationFileError(location, $"dependency '{name}': python '{python}' is not a valid Poetry version constraint");
            var pythonMarker = PoetryConstraint.PythonMarker(pythonRanges);
            if (pythonMarker.Length > 0)
            {
                clauses.Add(pythonMarker);
            }
        }

        if (platform is { Length: > 0 })
        {
            clauses.Add(PlatformMarker(platform));
        }

        Marker? marker = null;
        if (clauses.Count > 0)
        {
            var text = clauses.Count == 1 ? clauses[0] : string.Join(" and ", clauses.Select(clause => $"({clause})"));
            try
            {
                marker = Marker.Parse(text);
            }
            catch (PackagingFormatException error)
            {
                throw new DeclarationFileError(location, $"dependency '{name}': not a valid marker: {error.Message}");
            }
        }

        return new PoetryDependency(location, new Requirement(name, extras, specifier, url, marker), anyOf, optional, develop);
    }

    /// <summary>
    /// <c>create_nested_marker("sys_platform", parse_generic_constraint(platform))</c>: <c>linux || darwin</c> and
    /// <c>!=win32</c> become <c>sys_platform</c> comparisons.
    /// https://github.com/python-poetry/poetry-core/blob/1.4.0/src/poetry/core/constraints/generic/parser.py
    /// </summary>
    private static string PlatformMarker(string platform)
    {
        var alternatives = platform.Trim().Split("||").Select(alternative => alternative.Trim())
            .Select(alternative => string.Join(" and ", alternative.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(single => single.StartsWith("!=", StringComparison.Ordinal)
                    ? $"sys_platform != \"{single[2..].Trim()}\""
                    : $"sys_platform == \"{single.TrimStart('=').Trim()}\"")))
            .ToArray();
        return alternatives.Length == 1 ? alternatives[0] : string.Join(" or ", alternatives.Select(part => $"({part})"));
    }

    private static string? String(string file, string name, TomlTable table, string key) => table[key] switch
    {
        null => null,
        TomlString text => text.Value,
        var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"dependency '{name}': '{key}' must be a string, not {other.Kind}"),
    };

    private static bool Boolean(string file, string name, TomlTable table, string key) => table[key] switch
    {
        null => false,
        TomlBoolean flag => flag.Value,
        var other => throw new DeclarationFileError(new SourceLocation(file, other.Line), $"dependency '{name}': '{key}' must be true or false, not {other.Kind}"),
    };
}
