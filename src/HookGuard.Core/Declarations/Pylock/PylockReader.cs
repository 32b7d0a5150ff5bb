using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations.Pylock;

/// <summary>STUB: to be written.</summary>
public static class PylockReader
{
    public static DeclaredSet Read(DeclarationInput input) => throw new NotImplementedException(input.File);
}
