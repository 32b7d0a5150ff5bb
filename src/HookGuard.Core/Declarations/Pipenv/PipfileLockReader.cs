using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Declarations.Pipenv;

/// <summary>
/// Reads <c>Pipfile.lock</c> (pipfile-spec 6, as pipenv 2022.12.19 writes it) into the packages <c>pipenv sync</c> installs
/// in this venv, as <c>name==version</c> entries at the line of each package's key, and checks the lock's
/// <c>_meta.hash</c> against the staged <c>Pipfile</c>.
/// </summary>
/// <remarks>
/// <para>Categories: <c>default</c> always. <c>develop</c> and custom categories (pipenv 2022.10+
/// <c>--categories</c>) when <see cref="DeclarationInput.Groups"/> names them (<c>develop</c> is also named
/// <c>dev-packages</c>, its Pipfile section); when Groups is null, when the venv holds a package that only that category
/// lists, which means the venv was synced with <c>--dev</c> (or <c>--categories</c>). pipenv installs the categories one
/// after another (core.py, <c>do_install_dependencies</c>), so a package in two selected categories is taken from the later.</para>
/// <para>VCS, path and file entries carry no version: any installed version satisfies them. An entry with
/// <c>"path": "."</c> is the project itself (pipenv's key for it is the distribution name requirementslib read from the
/// project's metadata), and its name goes to <see cref="DeclaredSet.OwnNames"/>.</para>
/// </remarks>
public static class PipfileLockReader
{
    /// <exception cref="DeclarationFileError">Invalid JSON, a pipfile-spec other than 6, a malformed package or marker.</exception>
    public static DeclaredSet Read(DeclarationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var document = PipfileLockDocument.Parse(input.File, input.Content);
        if (document.PipfileSpec is { } spec && spec != 6)
        {
            // pipfile-spec 6 is the only format pipenv has written since 2018 (pipenv/project.py, _lockfile: "pipfile-spec": 6).
            throw new DeclarationFileError(new SourceLocation(input.File, document.PipfileSpecLine), $"pipfile-spec {spec} is not a Pipfile.lock version HookGuard knows (6)");
        }

        var selected = SelectCategories(document, input);
        var chosen = new Dictionary<string, (PipfileLockPackage Package, Marker? Marker)>(StringComparer.Ordinal);
        var ownNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in document.Categories)
        {
            var isSelected = selected.Contains(category.Name);
            foreach (var package in category.Packages)
            {
                // Every marker is parsed, selected or not: a bad one is a bad lock whatever the venv.
                var marker = ParseMarker(input.File, package);
                if (!isSelected)
                {
                    continue;
                }

                if (input.Environment is { } environment && marker is not null && !Evaluate(input.File, package, marker, environment))
                {
                    continue;
                }

                var name = PackageName.Normalize(package.Name);
                chosen.Remove(name);
                chosen[name] = (package, marker);
                if (package.Path is "." or "./")
                {
                    ownNames.Add(name);
                }
            }
        }

        var requirements = new List<RequirementEntry>(chosen.Count);
        foreach (var (package, _) in chosen.Values)
        {
            requirements.Add(Entry(input.File, package));
        }

        requirements.Sort((a, b) => a.Location.Line.CompareTo(b.Location.Line));
        var pipfilePath = SiblingPath(input.File, "Pipfile");
        return new DeclaredSet([input.File], requirements)
        {
            Format = DeclarationFormat.PipfileLock,
            Tool = DeclarationTool.Pipenv,
            OwnNames = ownNames,
            Stale = StaleCheck(input, document, pipfilePath),
        };
    }

    private static HashSet<string> SelectCategories(PipfileLockDocument document, DeclarationInput input)
    {
        var selected = new HashSet<string>(StringComparer.Ordinal) { "default" };
        if (input.Environment is null)
        {
            // No venv: only parse and validate, every package is returned.
            foreach (var category in document.Categories)
            {
                selected.Add(category.Name);
            }

            return selected;
        }

        if (input.Groups is { } groups)
        {
            foreach (var group in groups)
            {
                // The Pipfile's section names map to the lock's (pipenv/utils/dependencies.py, get_lockfile_section_using_pipfile_category).
                selected.Add(group switch { "dev-packages" => "develop", "packages" => "default", _ => group });
            }

            return selected;
        }

        var inDefault = new HashSet<string>(StringComparer.Ordinal);
        foreach (var category in document.Categories)
        {
            if (category.Name == "default")
            {
                foreach (var package in category.Packages)
                {
                    inDefault.Add(PackageName.Normalize(package.Name));
                }
            }
        }

        foreach (var category in document.Categories)
        {
            if (category.Name != "default" && category.Packages.Any(package =>
                    PackageName.Normalize(package.Name) is var name && !inDefault.Contains(name) && input.InstalledNames.Contains(name)))
            {
                selected.Add(category.Name);
            }
        }

        return selected;
    }

    private static RequirementEntry Entry(string file, PipfileLockPackage package)
    {
        var location = new SourceLocation(file, package.Line);
        if (package.Version is { } version && package.Source is null)
        {
            if (version.StartsWith("===", StringComparison.Ordinal))
            {
                return LockedPackage.Entry(location, package.Name, version[3..]);
            }

            if (version.StartsWith("==", StringComparison.Ordinal))
            {
                return LockedPackage.Entry(location, package.Name, version[2..]);
            }

            if (version != "*")
            {
                throw new DeclarationFileError(location, $"the version of '{package.Name}' must be '==VERSION', not '{version}'");
            }
        }

        if (!PackageName.IsValid(package.Name))
        {
            throw new DeclarationFileError(location, $"'{package.Name}' is not a valid package name");
        }

        // A VCS, path or file entry (or "*"): pip installs whatever version the source holds.
        var requirement = new Requirement(package.Name, [], SpecifierSet.Any, package.Source, null);
        var text = package.Source is null ? package.Name : $"{package.Name} @ {package.Source}";
        return new RequirementEntry(location, requirement, text, package.Editable, []);
    }

    private static Marker? ParseMarker(string file, PipfileLockPackage package)
    {
        if (string.IsNullOrWhiteSpace(package.Markers))
        {
            return null;
        }

        try
        {
            return Marker.Parse(package.Markers);
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(new SourceLocation(file, package.Line), $"the markers of '{package.Name}' are not a PEP 508 marker: {error.Message}");
        }
    }

    private static bool Evaluate(string file, PipfileLockPackage package, Marker marker, MarkerEnvironment environment)
    {
        try
        {
            return marker.Evaluate(environment);
        }
        catch (PackagingFormatException error)
        {
            throw new DeclarationFileError(new SourceLocation(file, package.Line), $"the markers of '{package.Name}' cannot be evaluated: {error.Message}");
        }
    }

    private static IReadOnlyList<StaleLock> StaleCheck(DeclarationInput input, PipfileLockDocument document, string pipfilePath)
    {
        if (document.Sha256 is not { } recorded || input.ReadFile(pipfilePath) is not { } pipfileBytes)
        {
            return [];
        }

        // pipenv reads the Pipfile in text mode (universal newlines), so a CRLF inside a multi-line string hashes as LF.
        var pipfile = TomlDocument.Parse(pipfilePath, NormalizeNewlines(pipfileBytes));
        var candidates = PipfileHash.Candidates(pipfile);
        if (candidates.Count == 0 || candidates.Contains(recorded, StringComparer.Ordinal))
        {
            return [];
        }

        return [new StaleLock(new SourceLocation(input.File, document.Sha256Line), pipfilePath, "its _meta.hash does not match Pipfile")];
    }

    private static byte[] NormalizeNewlines(byte[] content)
    {
        if (Array.IndexOf(content, (byte)'\r') < 0)
        {
            return content;
        }

        var output = new List<byte>(content.Length);
        for (var i = 0; i < content.Length; i++)
        {
            if (content[i] == '\r')
            {
                output.Add((byte)'\n');
                if (i + 1 < content.Length && content[i + 1] == '\n')
                {
                    i++;
                }
            }
            else
            {
                output.Add(content[i]);
            }
        }

        return output.ToArray();
    }

    internal static string SiblingPath(string file, string name)
    {
        var slash = file.LastIndexOf('/');
        return slash < 0 ? name : file[..(slash + 1)] + name;
    }
}
