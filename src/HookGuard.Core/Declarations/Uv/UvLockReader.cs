using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations.Uv;

/// <summary>STUB: to be written.</summary>
public static class UvLockReader
{
    public static DeclaredSet Read(DeclarationInput input) => throw new NotImplementedException(input.File);
}
