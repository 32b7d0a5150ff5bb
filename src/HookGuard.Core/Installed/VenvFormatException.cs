namespace HookGuard.Core.Installed;

/// <summary>
/// A file in a venv (METADATA, PKG-INFO, pyvenv.cfg, direct_url.json, .egg-link) that HookGuard cannot read as
/// the packaging specs describe. Carries the file and the 1-based line (0 when the whole file is at fault) so the
/// CLI can name them in its one-paragraph error (SPEC sec. 7).
/// </summary>
public sealed class VenvFormatException(string file, int line, string reason)
    : FormatException(line > 0 ? $"{file}:{line}: {reason}" : $"{file}: {reason}")
{
    /// <summary>The file at fault, as the reader was given it (absolute for files on disk).</summary>
    public string File { get; } = file;

    /// <summary>1-based line, or 0 when the fault is not on one line (empty file, missing header).</summary>
    public int Line { get; } = line;

    /// <summary>What is wrong, without the location.</summary>
    public string Reason { get; } = reason;
}
