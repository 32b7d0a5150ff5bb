using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>What a deploy that rebuilds the venv from the declared set would meet (SPEC sec. 11).</summary>
public enum DeployFindingKind
{
    /// <summary><c>import-not-declared</c>: the module's distribution is installed, but not declared (or only pulled in by another).</summary>
    ImportNotDeclared,

    /// <summary><c>import-unresolved</c>: no distribution, standard-library or first-party module provides it.</summary>
    ImportUnresolved,

    /// <summary><c>python-mismatch</c>: the venv's Python is not the one the deploy target runs.</summary>
    PythonMismatch,

    /// <summary><c>marker-mismatch</c>: a requirement's marker selects differently on the target than in the venv.</summary>
    MarkerMismatch,
}

/// <summary>
/// One deploy finding. <see cref="Location"/> is the staged file and line it concerns (the import, the file that
/// named the target, the requirement line); <see cref="Subject"/> the module, Python version or package it is about;
/// <see cref="Message"/> the sentence a user reads (raw text from files: writers escape it). <see cref="Blocks"/> says
/// whether the setting it falls under is <c>block</c>; a warning is reported and lets the commit through.
/// </summary>
public sealed record DeployFinding(DeployFindingKind Kind, SourceLocation Location, string Subject, string Message, bool Blocks)
{
    /// <summary>The kebab-case name used in every output format.</summary>
    public string KindName => Kind switch
    {
        DeployFindingKind.ImportNotDeclared => "import-not-declared",
        DeployFindingKind.ImportUnresolved => "import-unresolved",
        DeployFindingKind.PythonMismatch => "python-mismatch",
        _ => "marker-mismatch",
    };
}
