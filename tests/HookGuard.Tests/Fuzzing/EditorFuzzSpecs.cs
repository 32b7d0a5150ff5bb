using CsCheck;
using HookGuard.Core.Editing;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// The autostage editor on mangled requirement files and hostile versions: it edits or refuses, never throws; an edited
/// file parses again, declares the new pins, and keeps every line it did not edit byte for byte.
/// </summary>
public sealed class EditorFuzzSpecs
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    // Valid pins, and versions a hostile METADATA could carry: they must be refused, never written.
    private static readonly string[] Versions =
        ["1.0", "2.31.0.post1", "1!0.1.dev3", "3.0+local.1", "1.0\n-r /etc/passwd", "1.0 --hash=sha256:00", "\u001b[31m1", "", "1.0\r", "1.0#x"];

    private static readonly string[] Names = ["new-dist", "New_Dist.x", "a\nb", "-e", "x;y", "\u001b[2J", ""];

    // Mostly valid, so that most files do get edited; one pin in twenty is hostile.
    private static readonly Gen<int> Version = Gen.Frequency((19, Gen.Int[0, 3]), (1, Gen.Int[4, Versions.Length - 1]));

    [Fact]
    public void Edits_of_mangled_files_keep_every_untouched_line_or_are_refused()
    {
        var inputs = Gen.Select(
            HostileBytes.From(FuzzSeeds.RequirementFiles),
            Version.Array[0, 12],
            Gen.Select(Gen.Frequency((12, Gen.Int[0, 1]), (1, Gen.Int[2, Names.Length - 1])), Version).Array[0, 2]);
        var editedFiles = 0;
        inputs.Sample((content, pinVersions, appends) =>
        {
            ParsedRequirementFile file;
            try
            {
                file = RequirementFileParser.Parse("requirements.txt", content, NoVariables);
            }
            catch (RequirementFileError)
            {
                return;
            }

            var pinnable = file.Requirements.Where(r => r.Requirement is { Url: null } && !r.Editable).ToList();
            var pins = pinnable.Zip(pinVersions, (entry, version) => new UpdatePin(entry, Versions[version])).ToList();
            var appended = appends.Select(a => new AppendRequirement(Names[a.Item1], Versions[a.Item2])).ToList();

            var result = RequirementFileEditor.Apply(file, [.. pins, .. appended], NoVariables);

            if (result is not EditedFile edited)
            {
                Assert.IsType<EditRefused>(result);
                return;
            }
            editedFiles++;
            var reread = RequirementFileParser.Parse("requirements.txt", edited.Content, NoVariables);
            Assert.Equal(file.Encoding.Name, reread.Encoding.Name);
            var editedLines = pins.SelectMany(p => Enumerable.Range(p.Entry.Location.Line, p.Entry.LastLine - p.Entry.Location.Line + 1)).ToHashSet();
            Assert.True(reread.Lines.Count >= file.Lines.Count);
            for (var i = 0; i < file.Lines.Count; i++)
            {
                if (editedLines.Contains(i + 1)) continue;
                var (before, after) = (file.Lines[i], reread.Lines[i]);
                Assert.Equal(file.Text[before.Start..before.ContentEnd], reread.Text[after.Start..after.ContentEnd]);
                // Appending may add the final line break a file lacked; every other break stays as written.
                if (i < file.Lines.Count - 1 || appended.Count == 0)
                    Assert.Equal(file.Text[before.ContentEnd..before.End], reread.Text[after.ContentEnd..after.End]);
            }
            foreach (var pin in pins)
            {
                var now = Assert.Single(reread.Requirements, r => r.Location.Line == pin.Entry.Location.Line);
                // As the set reads it: a trailing comma, which pip accepts and the editor keeps, declares nothing.
                var specifier = string.Join(",", now.Requirement!.Specifier.Specifiers);
                Assert.True("==" + pin.Version == specifier,
                    $"pinned to {pin.Version}, reads '{specifier}':\n{file.Text}\n---\n{reread.Text}");
            }
        }, iter: FuzzBudget.Iterations, threads: 1);

        // Not vacuous: a share of the inputs parse and get edited (typically one in eight; one in twenty-five at the least).
        Assert.True(editedFiles >= FuzzBudget.Iterations / 25, $"only {editedFiles} of {FuzzBudget.Iterations} inputs were edited");
    }
}
