using HookGuard.Core.Declarations;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Core.Toml;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The last source of SPEC sec. 11: <c>pyproject.toml</c>'s <c>[project] requires-python</c> (PEP 621). It is a range,
/// not a target: it can only say that the venv's Python is outside what the project allows (a deploy that installs the
/// project with pip refuses that Python), and it names no platform and no version to evaluate markers for.
/// </summary>
public static class RequiresPythonReader
{
    public const string FileName = "pyproject.toml";

    public static TargetReading Read(string file, byte[] content)
    {
        if (content.Length > TargetText.MaxBytes)
        {
            return TargetReading.Unreadable(new SourceLocation(file, 0), TargetText.TooLarge(content.Length));
        }

        TomlTable document;
        try
        {
            document = TomlDocument.Parse(file, content);
        }
        catch (DeclarationFileError error)
        {
            return TargetReading.Unreadable(error.Location, error.Reason);
        }

        if ((document["project"] as TomlTable)?["requires-python"] is not { } node)
        {
            return TargetReading.None;
        }

        if (node is not TomlString { Value: var text })
        {
            return TargetReading.Unreadable(new SourceLocation(file, node.Line), $"requires-python must be a string, not {node.Kind}");
        }

        try
        {
            var range = SpecifierSet.Parse(text);
            return range.IsEmpty
                ? TargetReading.None
                : TargetReading.Of(new DeployTarget(new SourceLocation(file, node.Line), $"{file} requires-python", $"'{text}'") { RequiresPython = range });
        }
        catch (PackagingFormatException error)
        {
            return TargetReading.Unreadable(new SourceLocation(file, node.Line), $"requires-python '{text}' is not a version specifier: {error.Message}");
        }
    }
}
