using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>STUB: to be written.</summary>
public static class PoetryLockReader
{
    public static DeclaredSet Read(DeclarationInput input) => throw new NotImplementedException(input.File);
}
