namespace HookGuard.Core.Imports;

/// <summary>How much the code needs the module at run time.</summary>
public enum ImportNeed { Required, Optional, TypingOnly }

/// <summary>
/// One import found in Python source. Module: the dotted name as written after <c>import</c>/<c>from</c>
/// ("a.b"; "" for <c>from . import x</c>); Level: the number of leading dots (0 absolute); Line: 1-based line of the
/// statement's <c>import</c>/<c>from</c> keyword (or the call); TopLevel: the first component of Module (empty for
/// relative imports).
/// </summary>
public sealed record ImportStatement(string Module, int Line, int Level, ImportNeed Need)
{
    /// <summary>The first component of <see cref="Module"/>; empty for relative imports.</summary>
    public string TopLevel => Level > 0 ? "" : Module.Split('.')[0];
}
