using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pipenv;

/// <summary>
/// Reads a <c>Pipfile</c>'s top-level declarations (https://github.com/pypa/pipfile): <c>[packages]</c> are required;
/// <c>[dev-packages]</c> and custom package categories are <see cref="RequirementEntry.Optional"/> unless
/// <see cref="DeclarationInput.Groups"/> names them (<c>dev-packages</c> also as <c>develop</c>, its Pipfile.lock name).
/// Names are kept as written; each value becomes a requirement as requirementslib makes it (<see cref="PipfileEntry"/>).
/// </summary>
public static class PipfileReader
{
    // plette's PIPFILE_SECTIONS that hold no packages (pipenv/vendor/plette/pipfiles.py); every other table is a category.
    private static readonly HashSet<string> NonPackageSections = new(["source", "requires", "scripts", "pipfile", "pipenv"], StringComparer.Ordinal);

    /// <exception cref="DeclarationFileError">Invalid TOML, or a section or value of the wrong type.</exception>
    public static DeclaredSet Read(DeclarationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipfile = TomlDocument.Parse(input.File, input.Content);
        var requirements = new List<RequirementEntry>();
        foreach (var (section, node) in pipfile.Entries)
        {
            if (NonPackageSections.Contains(section))
            {
                continue;
            }

            if (node is not TomlTable packages)
            {
                throw new DeclarationFileError(new SourceLocation(input.File, node.Line), $"[{section}] must be a table of packages, not {node.Kind}");
            }

            var optional = section != "packages" && !Named(input.Groups, section);
            foreach (var (name, value) in packages.Entries)
            {
                requirements.Add(PipfileEntry.Read(input.File, name, value) with { Optional = optional });
            }
        }

        return new DeclaredSet([input.File], requirements)
        {
            Format = DeclarationFormat.Pipfile,
            Tool = DeclarationTool.Pipenv,
        };
    }

    private static bool Named(IReadOnlyList<string>? groups, string section) =>
        groups is not null && groups.Any(group => group == section || (section == "dev-packages" && group == "develop"));
}
