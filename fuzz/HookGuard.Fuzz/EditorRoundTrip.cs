using System.Text;
using HookGuard.Core.Editing;
using HookGuard.Core.Requirements;

namespace HookGuard.Fuzz;

/// <summary>
/// The autostage editor's promise (SPEC sec. 5, <c>tests/HookGuard.Tests/Fuzzing/EditorFuzzSpecs</c>): a file that
/// parses is edited or the edit is refused; an edited file parses again, holds the new pins, and keeps every line
/// it did not edit byte for byte. Which requirements get pinned, and what is appended, comes from the input's bytes,
/// so afl-fuzz steers the edits as well as the file.
/// </summary>
internal static class EditorRoundTrip
{
    private static readonly Func<string, string?> NoVariables = _ => null;
    private static readonly string[] Versions = ["2.0", "1.0.post1", "3!1.0+local.7", "0.0.1rc1"];
    private static readonly string[] Names = ["new-package", "Another_One", "zope.interface"];

    public static void Run(byte[] bytes)
    {
        ParsedRequirementFile file;
        try
        {
            file = RequirementFileParser.Parse("requirements.txt", bytes, NoVariables);
        }
        catch (RequirementFileError)
        {
            return;
        }

        var choice = bytes.Length == 0 ? 0 : bytes[^1];
        var pinnable = file.Requirements.Where(r => r.Requirement is { Url: null } && !r.Editable).ToList();
        var pins = pinnable.Where((_, i) => (choice >> (i % 8) & 1) == 0)
            .Select((entry, i) => new UpdatePin(entry, Versions[(choice + i) % Versions.Length])).ToList();
        List<AppendRequirement> appended = choice % 3 == 0 ? [new(Names[choice % Names.Length], Versions[choice % Versions.Length])] : [];

        if (RequirementFileEditor.Apply(file, [.. pins, .. appended], NoVariables) is not EditedFile edited)
        {
            return; // EditRefused: the editor said it cannot edit this file safely
        }

        var reread = RequirementFileParser.Parse("requirements.txt", edited.Content, NoVariables);
        Check(file.Encoding.Name == reread.Encoding.Name, "the edit changed the file's encoding", file, reread);
        Check(reread.Lines.Count >= file.Lines.Count, "the edit lost lines", file, reread);
        var editedLines = pins.SelectMany(p => Enumerable.Range(p.Entry.Location.Line, p.Entry.LastLine - p.Entry.Location.Line + 1)).ToHashSet();
        for (var i = 0; i < file.Lines.Count; i++)
        {
            if (editedLines.Contains(i + 1)) continue;
            var (before, after) = (file.Lines[i], reread.Lines[i]);
            Check(file.Text[before.Start..before.ContentEnd] == reread.Text[after.Start..after.ContentEnd], $"untouched line {i + 1} changed", file, reread);
            // Appending may add the final line break a file lacked; every other break stays as written.
            if (i < file.Lines.Count - 1 || appended.Count == 0)
                Check(file.Text[before.ContentEnd..before.End] == reread.Text[after.ContentEnd..after.End], $"line break of line {i + 1} changed", file, reread);
        }

        foreach (var pin in pins)
        {
            var now = reread.Requirements.Where(r => r.Location.Line == pin.Entry.Location.Line).ToList();
            Check(now.Count == 1 && string.Join(",", now[0].Requirement!.Specifier.Specifiers) == "==" + pin.Version,
                $"line {pin.Entry.Location.Line} does not read as pinned to {pin.Version}", file, reread);
        }
    }

    private static void Check(bool holds, string what, ParsedRequirementFile before, ParsedRequirementFile after)
    {
        if (!holds)
        {
            throw new InvalidOperationException(new StringBuilder($"Editor round trip broken: {what}.\n--- before\n")
                .Append(before.Text).Append("\n--- after\n").Append(after.Text).ToString());
        }
    }
}
