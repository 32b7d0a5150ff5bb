namespace HookGuard.Core.Imports;

/// <summary>
/// One top-level entry a distribution's file list names, relative to the directory the distribution is installed in.
/// </summary>
/// <param name="Entry">The first path component (<c>pkg</c> for <c>pkg/__init__.py</c>, <c>mod.py</c> for
/// <c>mod.py</c>, <c>_x.pth</c>): what must exist on disk for <c>importlib.metadata</c> to count the file.</param>
/// <param name="ModuleName">The name <c>packages_distributions()</c> derives from it, or null when it filters the name
/// out (it contains a dot: <c>..</c>, <c>x.dist-info</c>, <c>x.pth</c>).</param>
/// <param name="IsDirectory">The entry had path components under it (a package or data directory).</param>
public readonly record struct TopLevelEntry(string Entry, string? ModuleName, bool IsDirectory);
