using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>STUB: [tool.poetry] dependencies and groups.</summary>
public static class PoetryDeclarations
{
    public static IReadOnlyList<RequirementEntry> Read(string file, TomlTable document, IReadOnlyList<string>? groups) => [];
}
