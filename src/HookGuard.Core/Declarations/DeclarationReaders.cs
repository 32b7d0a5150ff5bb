using HookGuard.Core.Declarations.Pdm;
using HookGuard.Core.Declarations.Pipenv;
using HookGuard.Core.Declarations.Poetry;
using HookGuard.Core.Declarations.Pylock;
using HookGuard.Core.Declarations.Pyproject;
using HookGuard.Core.Declarations.Uv;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations;

/// <summary>
/// The one seam between the check and the formats (SPEC sec. 9): every format other than pip requirement files has its
/// own reader, a pure function from the staged text to a <see cref="DeclaredSet"/>; the checker only picks which.
/// </summary>
public static class DeclarationReaders
{
    /// <exception cref="DeclarationFileError">The file cannot be read as its format says.</exception>
    public static DeclaredSet Read(DeclarationFormat format, DeclarationInput input) => format switch
    {
        DeclarationFormat.UvLock => UvLockReader.Read(input),
        DeclarationFormat.PoetryLock => PoetryLockReader.Read(input),
        DeclarationFormat.PipfileLock => PipfileLockReader.Read(input),
        DeclarationFormat.PdmLock => PdmLockReader.Read(input),
        DeclarationFormat.Pylock => PylockReader.Read(input),
        DeclarationFormat.Pyproject => PyprojectReader.Read(input),
        DeclarationFormat.Pipfile => PipfileReader.Read(input),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "requirement files are read by DeclaredSetResolver"),
    };
}
