using HookGuard.Core.Installed;

namespace HookGuard.Checking;

/// <summary>
/// The top-level modules the venv's base interpreter really has in its library directories: <c>lib/pythonX.Y</c> and
/// <c>lib-dynload</c> (<c>Lib</c> and <c>DLLs</c> on Windows). <c>sys.stdlib_module_names</c> leaves out what a build
/// adds for its own tests (<c>_testcapi</c>, <c>xxsubtype</c>, <c>__hello__</c>) or what a distribution ships there;
/// they import all the same. Listed only when an import is otherwise unresolved: two directory listings.
/// </summary>
internal static class BaseLibraryModules
{
    public static IReadOnlySet<string> Of(InstalledSet installed)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var python = installed.Python;
        try
        {
            if (installed.BaseInterpreterHome is not { } home || !Directory.Exists(home)) return names;
            var windows = File.Exists(Path.Combine(home, "python.exe"));
            var prefix = windows ? home : Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(home));
            if (prefix is null) return names;
            var library = windows ? Path.Combine(prefix, "Lib") : Path.Combine(prefix, "lib", $"python{python.Major}.{python.Minor}");
            var dynload = windows ? Path.Combine(prefix, "DLLs") : Path.Combine(library, "lib-dynload");
            foreach (var directory in new[] { library, dynload }.Where(Directory.Exists))
            {
                foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
                {
                    if (entry is DirectoryInfo) names.Add(entry.Name);
                    else if (entry.Name.EndsWith(".py", StringComparison.Ordinal) || entry.Name.EndsWith(".so", StringComparison.Ordinal)
                             || entry.Name.EndsWith(".pyd", StringComparison.OrdinalIgnoreCase))
                        names.Add(entry.Name[..entry.Name.IndexOf('.')]);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The base interpreter is out of reach (another machine's, unreadable): the generated table is all there is.
        }

        names.Remove("site-packages");
        names.Remove("dist-packages");
        return names;
    }
}
