using System.Text;
using HookGuard.Core.Editing;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Editing;

/// <summary>
/// Generated files, random pins and appends: re-reading the edited file gives exactly the intended requirements, and
/// every line that was not edited is unchanged (same text, same line break, same encoding and byte-order mark).
/// </summary>
public sealed class RequirementFileEditorPropertySpecs
{
    private static readonly Func<string, string?> NoVariables = _ => null;

    private sealed record Generated(byte[] Content, string Newline);

    [Fact]
    public void Edits_change_exactly_the_intended_requirements_and_nothing_else()
    {
        var random = new Random(2024);
        for (var round = 0; round < 300; round++)
        {
            // Arrange
            var generated = Generate(random);
            var file = RequirementFileParser.Parse("requirements.txt", generated.Content, NoVariables);
            var pinnable = file.Requirements.Where(r => r.Requirement is { Url: null } && !r.Editable).ToList();
            var pins = pinnable.Where(_ => random.Next(3) == 0)
                .Select(r => new UpdatePin(r, $"{random.Next(0, 30)}.{random.Next(0, 30)}.{random.Next(0, 9)}")).ToList();
            var appends = Enumerable.Range(0, random.Next(0, 3)).Select(i => new AppendRequirement($"New_Dist.{round}-{i}", $"{i + 1}.0")).ToList();
            var edits = pins.Cast<RequirementEdit>().Concat(appends).ToList();

            // Act
            var result = RequirementFileEditor.Apply(file, edits, NoVariables);

            // Assert
            var edited = Assert.IsType<EditedFile>(result);
            var reread = RequirementFileParser.Parse("requirements.txt", edited.Content, NoVariables);
            Assert.Equal(file.Encoding.Name, reread.Encoding.Name);
            Assert.Equal(file.Encoding.Bom, reread.Encoding.Bom);

            var pinnedTo = pins.ToDictionary(p => p.Entry.Location.Line, p => p.Version);
            var expected = file.Requirements.Select(r => Describe(r, pinnedTo.GetValueOrDefault(r.Location.Line)))
                .Concat(appends.Select(a => $"{a.Name}[]=={a.Version};"));
            Assert.Equal(expected, reread.Requirements.Select(r => Describe(r, null)));
            Assert.Equal(file.Entries.Count + appends.Count, reread.Entries.Count);

            var editedLines = pins.SelectMany(p => Enumerable.Range(p.Entry.Location.Line, p.Entry.LastLine - p.Entry.Location.Line + 1)).ToHashSet();
            for (var i = 0; i < file.Lines.Count; i++)
            {
                if (editedLines.Contains(i + 1)) continue;
                var (before, after) = (file.Lines[i], reread.Lines[i]);
                Assert.Equal(file.Text[before.Start..before.End], reread.Text[after.Start..after.End] is var a && before.BreakLength == 0 && appends.Count > 0
                    ? a[..(a.Length - after.BreakLength)] : a);
            }
            var firstEdited = editedLines.Count == 0 ? file.Text.Length : file.Lines[editedLines.Min() - 1].Start;
            var untouchedPrefix = file.Encoding.Encode(file.Text[..firstEdited]);
            Assert.Equal(untouchedPrefix, edited.Content.Take(untouchedPrefix.Length));
            Assert.Equal(editedLines.Count(l => file.Text[file.Lines[l - 1].Start..file.Lines[l - 1].ContentEnd] != reread.Text[reread.Lines[l - 1].Start..reread.Lines[l - 1].ContentEnd]) + appends.Count,
                edited.Changes.Count(c => c.After.Length > 0));
            Assert.Equal(file.Lines.Count == 0 || file.Lines[^1].BreakLength > 0, reread.Lines.Count == 0 || reread.Lines[^1].BreakLength > 0);
            if (file.Lines.Any(l => l.BreakLength > 0))
                Assert.All(reread.Lines.Where(l => l.BreakLength > 0), l => Assert.Equal(generated.Newline, reread.Text[l.ContentEnd..l.End]));
        }
    }

    private static string Describe(RequirementEntry entry, string? pinnedTo)
    {
        var r = entry.Requirement;
        if (r is null) return entry.Text;
        var specifier = pinnedTo is not null ? "==" + pinnedTo : string.Concat(r.Specifier.ToString().Where(c => !char.IsWhiteSpace(c)));
        return $"{r.Name}[{string.Join(',', r.Extras)}]{specifier};{r.Marker}";
    }

    private static Generated Generate(Random random)
    {
        var lines = new List<string>();
        var count = random.Next(1, 10);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(10))
            {
                case < 6:
                    lines.Add(PinnableLine(random, $"pkg{i}"));
                    break;
                case 6:
                    lines.Add(Pick(random, "# comment", "", "   ", "#comment \\"));
                    break;
                case 7:
                    lines.Add(Pick(random, "--index-url https://pypi.org/simple", "--pre", "-f ./wheels", "-c constraints.txt"));
                    break;
                case 8:
                    lines.Add(Pick(random, "-e .", "-e git+https://github.com/a/b.git#egg=b" + i, $"pkgurl{i} @ https://example.com/x.whl", "./local"));
                    break;
                default:
                    lines.Add(Pick(random, "\t", "# caf\u00e9 \u2713"));
                    break;
            }
        }
        var newline = random.Next(3) == 0 ? "\r\n" : "\n";
        var text = string.Join("\n", lines).Replace("\n", newline);
        text += Pick(random, newline, "", newline, " \\" + newline, " \\");
        byte[] content = random.Next(5) switch
        {
            0 => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)],
            1 => [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)],
            2 => [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)],
            _ => Encoding.UTF8.GetBytes(text),
        };
        return new Generated(content, newline);
    }

    // name[extras] <spec> ; marker  # comment, with continuations only between those parts (never inside a version).
    private static string PinnableLine(Random random, string name)
    {
        var parts = new List<string> { name + Pick(random, "", "[extra]", "[a, b]") };
        var spec = Pick(random, "==1.0", "== 1.0", ">=1.0,<2", ">= 1.0 , < 2", "~=1.4", "===1.0", "", "(==1.0)", "!=1.3", "==1.*");
        if (spec.Length > 0) parts.Add(spec);
        if (random.Next(3) == 0) parts.Add(Pick(random, "; python_version >= '3'", ";sys_platform=='linux'"));
        var line = new StringBuilder(parts[0]);
        foreach (var part in parts.Skip(1))
            line.Append(Pick(random, "", " ", "  ", "\t", " \\\n    ", " \\\n")).Append(part);
        if (random.Next(3) == 0) line.Append(Pick(random, "  # why", "\t# pinned", " #"));
        return line.ToString();
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
