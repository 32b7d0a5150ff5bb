using HookGuard.Core.Packaging;

namespace HookGuard.Core.Imports;

/// <summary>How HookGuard learnt that a top-level name is importable from the venv.</summary>
/// <remarks>The values are stored in the modules cache: keep them.</remarks>
public enum ModuleEvidence
{
    /// <summary>The distribution's <c>top_level.txt</c> lists it (as in <c>packages_distributions()</c>).</summary>
    TopLevelText = 0,

    /// <summary>Inferred from the distribution's file list (<c>RECORD</c>, <c>installed-files.txt</c> or
    /// <c>SOURCES.txt</c>), as in <c>packages_distributions()</c> when there is no <c>top_level.txt</c>.</summary>
    FileList = 1,

    /// <summary>It sits in a site directory and the distribution's RECORD claims it, though its <c>top_level.txt</c>
    /// does not list it (<c>packages_distributions()</c> misses it).</summary>
    RecordBeyondTopLevel = 2,

    /// <summary>It sits in a directory a <c>.pth</c> file adds to <c>sys.path</c> (an editable install's source
    /// directory) and the distribution's RECORD claims that <c>.pth</c> (<c>packages_distributions()</c> misses it).</summary>
    PthDirectory = 3,

    /// <summary>A key of the <c>MAPPING</c> of setuptools' editable finder (<c>__editable___*_finder.py</c>) that the
    /// distribution's RECORD claims (<c>packages_distributions()</c> misses it).</summary>
    EditableFinder = 4,

    /// <summary>It sits in a site directory, no distribution's metadata claims it, and a distribution installed in the
    /// same directory has its name (PEP 503-normalized): a single-file <c>NAME.egg-info</c> lists no files, as Debian's
    /// packages ship (<c>packages_distributions()</c> misses it).</summary>
    NameMatch = 6,

    /// <summary>It sits in a site directory, or a <c>.pth</c> directory, and no distribution's metadata claims it: a
    /// bare <c>module.py</c> copied in, or a directory added by a <c>.pth</c> nobody owns.</summary>
    Unowned = 5,
}

/// <summary>One provider of a top-level importable name.</summary>
/// <param name="DisplayName">The distribution's METADATA name as written (what <c>packages_distributions()</c>
/// lists); null when <see cref="ModuleEvidence.Unowned"/>.</param>
/// <param name="Evidence">How it is known.</param>
/// <param name="Path">For <see cref="ModuleEvidence.Unowned"/>, <see cref="ModuleEvidence.PthDirectory"/> and
/// <see cref="ModuleEvidence.EditableFinder"/>: the file or directory that makes the name importable, for messages.</param>
public sealed record ModuleProvider(string? DisplayName, ModuleEvidence Evidence, string? Path = null)
{
    /// <summary>The PEP 503 normalized distribution name (what declarations are matched by); null when unowned.</summary>
    public string? NormalizedName { get; } = DisplayName is null ? null : PackageName.Normalize(DisplayName);
}
