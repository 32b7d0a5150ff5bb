using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations;

/// <summary>
/// Turns a package a lock file pins into the declared-set entry the comparison understands: <c>name==version</c> at the
/// lock's line, so that "installed at exactly the locked version" is PEP 440 equality, as for a pip freeze line.
/// </summary>
public static class LockedPackage
{
    /// <param name="location">The lock file and the line where the package's entry starts.</param>
    /// <param name="name">The name as the lock spells it.</param>
    /// <param name="version">The locked version.</param>
    /// <exception cref="DeclarationFileError">The name is not a valid distribution name.</exception>
    public static RequirementEntry Entry(SourceLocation location, string name, string version)
    {
        if (!PackageName.IsValid(name))
        {
            throw new DeclarationFileError(location, $"'{name}' is not a valid package name");
        }

        SpecifierSet specifier;
        try
        {
            specifier = SpecifierSet.Parse("==" + version);
        }
        catch (PackagingFormatException)
        {
            // A legacy, non-PEP 440 version (old locks hold a few): pip compares such versions as strings ("===").
            specifier = SpecifierSet.Parse("===" + version);
        }

        var requirement = new Requirement(name, [], specifier, null, null);
        return new RequirementEntry(location, requirement, $"{name}=={version}", Editable: false, Hashes: []);
    }
}
