using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations.Pipenv;

/// <summary>STUB: to be written.</summary>
public static class PipfileLockReader
{
    public static DeclaredSet Read(DeclarationInput input) => throw new NotImplementedException(input.File);
}
