using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pyproject;

/// <summary>STUB: PEP 621 [project] dependencies and optional-dependencies, PEP 735 [dependency-groups].</summary>
public static class Pep621Declarations
{
    public static IReadOnlyList<RequirementEntry> Read(string file, TomlTable document, IReadOnlyList<string>? groups) => [];
}
