namespace HookGuard.Core.Imports;

/// <summary>
/// The file name endings that make a file an importable module for one interpreter: what
/// <c>inspect.getmodulename</c> strips (<c>importlib.machinery.all_suffixes()</c>: source, bytecode and extension
/// suffixes, longest first), for the venv's Python rather than the one HookGuard runs with.
/// </summary>
/// <remarks>
/// CPython's extension suffixes are <c>.cpython-313-x86_64-linux-gnu.so</c>, <c>.abi3.so</c>, <c>.so</c> on POSIX and
/// <c>.cp313-win_amd64.pyd</c>, <c>.pyd</c> on Windows (<c>importlib.machinery.EXTENSION_SUFFIXES</c>). The platform
/// triplet (<c>x86_64-linux-gnu</c>, <c>aarch64-linux-musl</c>, <c>darwin</c>) is not written in pyvenv.cfg, so any
/// dot-free triplet after the venv's own <c>cpython-XY</c> tag (or free-threaded <c>cpython-XYt</c>) is accepted: a
/// wrong-architecture extension module in a venv is the one case where this says "module" and Python would not.
/// </remarks>
public sealed class ModuleFileSuffixes
{
    private readonly string _posixTag;    // "cpython-313-"
    private readonly string _posixTagFreeThreaded;  // "cpython-313t-"
    private readonly string _windowsTag;  // "cp313-"
    private readonly string _windowsTagFreeThreaded;  // "cp313t-"

    /// <param name="major">The venv's Python major version.</param>
    /// <param name="minor">Its minor version.</param>
    /// <param name="windows">Whether the venv is a Windows one (<c>.pyd</c> and <c>.pyw</c> instead of <c>.so</c>).</param>
    public ModuleFileSuffixes(int major, int minor, bool windows)
    {
        Windows = windows;
        _posixTag = $"cpython-{major}{minor}-";
        _posixTagFreeThreaded = $"cpython-{major}{minor}t-";
        _windowsTag = $"cp{major}{minor}-";
        _windowsTagFreeThreaded = $"cp{major}{minor}t-";
    }

    /// <summary>Whether the suffixes are those of a Windows interpreter.</summary>
    public bool Windows { get; }

    /// <summary>
    /// <c>inspect.getmodulename</c>: the file name without the longest module suffix it ends with, or null when it
    /// ends with none (or the suffix is the whole name, which getmodulename's caller treats as no name).
    /// </summary>
    public string? ModuleNameOf(ReadOnlySpan<char> fileName)
    {
        var stem = StemOf(fileName);
        return stem.Length == 0 ? null : stem.ToString();
    }

    /// <summary>
    /// The name under which an entry of a <c>sys.path</c> directory can be imported, or null: a directory named like
    /// an identifier (a package, or a namespace package portion), or a module file (<see cref="ModuleNameOf"/>) whose
    /// name is an identifier. <c>__pycache__</c> is a cache, not a package.
    /// </summary>
    public string? ImportableName(string entryName, bool isDirectory)
    {
        if (isDirectory) return entryName != "__pycache__" && IsIdentifier(entryName) ? entryName : null;
        var stem = StemOf(entryName);
        return stem.Length > 0 && IsIdentifier(stem) ? stem.ToString() : null;
    }

    /// <summary>str.isidentifier(), closely enough: a letter or '_', then letters, digits or '_'.</summary>
    public static bool IsIdentifier(ReadOnlySpan<char> name)
    {
        if (name.Length == 0 || !(char.IsLetter(name[0]) || name[0] == '_')) return false;
        foreach (var c in name[1..])
            if (!(char.IsLetterOrDigit(c) || c == '_')) return false;
        return true;
    }

    private ReadOnlySpan<char> StemOf(ReadOnlySpan<char> name)
    {
        if (name.EndsWith(".py", StringComparison.Ordinal)) return name[..^3];
        if (name.EndsWith(".pyc", StringComparison.Ordinal)) return name[..^4];
        if (Windows)
        {
            if (name.EndsWith(".pyw", StringComparison.Ordinal)) return name[..^4];
            return name.EndsWith(".pyd", StringComparison.Ordinal) ? WithoutTag(name[..^4], _windowsTag, _windowsTagFreeThreaded, abi3: false) : [];
        }

        return name.EndsWith(".so", StringComparison.Ordinal) ? WithoutTag(name[..^3], _posixTag, _posixTagFreeThreaded, abi3: true) : [];
    }

    /// <summary>Removes a trailing <c>.abi3</c> or <c>.&lt;tag&gt;&lt;triplet&gt;</c> (the longer suffix wins, as in getmodulename).</summary>
    private static ReadOnlySpan<char> WithoutTag(ReadOnlySpan<char> stem, string tag, string freeThreadedTag, bool abi3)
    {
        var dot = stem.LastIndexOf('.');
        if (dot < 0) return stem;
        var last = stem[(dot + 1)..];
        if (abi3 && last.SequenceEqual("abi3")) return stem[..dot];
        if ((last.StartsWith(tag, StringComparison.Ordinal) && last.Length > tag.Length)
            || (last.StartsWith(freeThreadedTag, StringComparison.Ordinal) && last.Length > freeThreadedTag.Length))
        {
            return stem[..dot];
        }
        return stem;
    }
}
