using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations.Pdm;

/// <summary>STUB: to be written.</summary>
public static class PdmLockReader
{
    public static DeclaredSet Read(DeclarationInput input) => throw new NotImplementedException(input.File);
}
