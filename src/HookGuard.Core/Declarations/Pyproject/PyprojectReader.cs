using HookGuard.Core.Declarations.Poetry;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pyproject;

/// <summary>
/// The direct dependencies <c>pyproject.toml</c> declares, for policy <c>top-level</c>: PEP 621 <c>[project]</c> and PEP 735
/// <c>[dependency-groups]</c>, and Poetry's <c>[tool.poetry]</c> tables (Poetry 2 reads both). The project's own name is
/// never drift.
/// </summary>
public static class PyprojectReader
{
    public static DeclaredSet Read(DeclarationInput input)
    {
        var document = TomlDocument.Parse(input.File, input.Content);
        var entries = new List<RequirementEntry>();
        entries.AddRange(Pep621Declarations.Read(input.File, document, input.Groups));
        entries.AddRange(PoetryDeclarations.Read(input.File, document, input.Groups));

        var own = new HashSet<string>(StringComparer.Ordinal);
        var poetry = (document["tool"] as TomlTable)?["poetry"] as TomlTable;
        foreach (var name in new[] { (document["project"] as TomlTable)?["name"], poetry?["name"] })
        {
            if (name is TomlString { Value: var text } && text.Length > 0)
            {
                own.Add(PackageName.Normalize(text));
            }
        }

        return new DeclaredSet([input.File], entries)
        {
            Format = DeclarationFormat.Pyproject,
            Tool = ToolOf(document),
            OwnNames = own,
        };
    }

    /// <summary>The tool a pyproject.toml is managed with, by its <c>[tool.*]</c> tables; pip when none says.</summary>
    public static DeclarationTool ToolOf(TomlTable document)
    {
        var tool = document["tool"] as TomlTable;
        return tool?["poetry"] is not null ? DeclarationTool.Poetry
            : tool?["pdm"] is not null ? DeclarationTool.Pdm
            : tool?["uv"] is not null ? DeclarationTool.Uv
            : DeclarationTool.Pip;
    }
}
