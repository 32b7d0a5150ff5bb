using System.Text;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Editing;

/// <summary>
/// Makes the smallest change to a requirements file that fixes drift (SPEC sec. 5): a pin rewritten where its
/// version is written, keeping extras, markers, comments, spacing and continuations; a new distribution appended as
/// <c>Name==Version</c>. Everything else stays byte for byte, including encoding, byte-order mark, line endings and
/// the presence or absence of a final newline. Every result is re-read with the parser and refused unless it declares
/// exactly what was intended.
/// </summary>
public static class RequirementFileEditor
{
    private sealed record TextChange(int Start, int End, string Replacement);

    /// <param name="file">The file as parsed (its decoded text and encoding are written back).</param>
    /// <param name="edits">Pins to update (entries of this file) and distributions to append, in order.</param>
    /// <param name="variables">The same <c>${VAR}</c> lookup the file was parsed with, to re-read the result.</param>
    /// <param name="localPath">The same local-path oracle the file was parsed with, if any.</param>
    /// <param name="installChecksHashes">
    /// Another file of the same install uses hashes (<see cref="DeclaredSet.UsesHashes"/>): pip then wants a hash on
    /// every line of this file too.
    /// </param>
    public static EditResult Apply(
        ParsedRequirementFile file, IReadOnlyList<RequirementEdit> edits, Func<string, string?> variables,
        Func<string, LocalPathKind>? localPath = null, bool installChecksHashes = false)
    {
        var fileLocation = new SourceLocation(file.Path, 1);
        if (edits.Count == 0) return new EditedFile(file.Encoding.Encode(file.Text), []);
        if (installChecksHashes && !file.UsesHashes)
        {
            return new EditRefused(EditRefusalReason.HashCheckingFile, fileLocation,
                $"{file.Path} is installed together with a file that uses --hash: pip would refuse an unhashed requirement, and the hashes of the new version are not known here");
        }
        if (file.UsesHashes)
        {
            var hashed = file.Entries.First(e => e is RequirementEntry { Hashes.Count: > 0 } or OptionEntry { RequiresHashes: true });
            return new EditRefused(EditRefusalReason.HashCheckingFile, hashed.Location,
                $"{file.Path} uses --hash (from line {hashed.Location.Line}): pip would refuse an unhashed requirement, and the hashes of the new version are not known here; update this file with pip-compile --generate-hashes or by hand");
        }

        var changes = new List<TextChange>();
        var pins = new Dictionary<SourceLocation, string>();
        var appended = new List<AppendRequirement>();
        foreach (var edit in edits)
        {
            switch (edit)
            {
                case UpdatePin pin:
                    var result = PlanPin(file, pin);
                    if (result.Refusal is not null) return result.Refusal;
                    changes.Add(result.Change!);
                    if (!pins.TryAdd(pin.Entry.Location, pin.Version))
                        return new EditRefused(EditRefusalReason.InvalidEdit, pin.Entry.Location, $"'{pin.Entry.Text}' is pinned twice in one edit");
                    break;
                case AppendRequirement append:
                    if (!IsValidPin(append.Name, append.Version))
                        return new EditRefused(EditRefusalReason.InvalidEdit, fileLocation, $"'{append.Name}=={append.Version}' is not a valid requirement");
                    appended.Add(append);
                    break;
            }
        }

        var text = new StringBuilder(file.Text);
        foreach (var change in changes.OrderByDescending(c => c.Start))
            text.Remove(change.Start, change.End - change.Start).Insert(change.Start, change.Replacement);
        if (appended.Count > 0) AppendLines(file, text, appended);
        var newText = text.ToString();

        if (!file.Encoding.CanEncode(newText))
            return new EditRefused(EditRefusalReason.UnrepresentableCharacter, fileLocation,
                $"the new text cannot be written in {file.Path}'s encoding ({file.Encoding.Name})");

        var content = file.Encoding.Encode(newText);
        var verdict = Verify(file, content, pins, appended, variables, localPath);
        if (verdict is not null) return verdict;

        return new EditedFile(content, DescribeChanges(file.Text, newText));
    }

    private sealed record PinPlan(TextChange? Change, EditRefused? Refusal);

    private static PinPlan PlanPin(ParsedRequirementFile file, UpdatePin pin)
    {
        var entry = pin.Entry;
        if (!file.Entries.Contains(entry))
            return Refuse(EditRefusalReason.InvalidEdit, $"{entry.Text} is not a requirement of {file.Path}");
        if (entry.Editable || entry.Requirement is null || entry.Requirement.Url is not null)
            return Refuse(EditRefusalReason.NotPinnable,
                $"'{entry.Text}' is installed from a URL, a path or in editable mode: there is no version to pin in place; change it by hand");
        if (!IsValidPin(entry.Requirement.Name, pin.Version))
            return Refuse(EditRefusalReason.InvalidEdit, $"'{pin.Version}' is not a valid version");

        var (start, end, versionOnly) = SpecifierSpan(entry.Text);
        var replacement = versionOnly ? pin.Version : "==" + pin.Version;
        var offsets = entry.TextOffsets;
        if (offsets.Count != entry.Text.Length)
            return Refuse(EditRefusalReason.VersionNotWhereWritten, $"'{entry.Text}' could not be located in {file.Path}");

        if (start == end)
        {
            // Nothing to replace: insert right after the name (and extras), which must be written where they appear.
            if (start == 0 || offsets[start - 1] < 0)
                return Refuse(EditRefusalReason.VersionNotWhereWritten, $"the name in '{entry.Text}' comes from a ${{VAR}}: pin it by hand");
            var at = offsets[start - 1] + 1;
            return new PinPlan(new TextChange(at, at, replacement), null);
        }

        for (var i = start; i < end; i++)
        {
            if (offsets[i] < 0 || (i > start && offsets[i] != offsets[i - 1] + 1))
                return Refuse(EditRefusalReason.VersionNotWhereWritten,
                    $"the version in '{entry.Text}' is split by a line continuation or comes from a ${{VAR}}: pin it by hand");
        }
        return new PinPlan(new TextChange(offsets[start], offsets[end - 1] + 1, replacement), null);

        PinPlan Refuse(EditRefusalReason reason, string message) => new(null, new EditRefused(reason, entry.Location, message));
    }

    /// <summary>
    /// Where the version specifier of a PEP 508 requirement sits in its text: <c>name [extras] (spec, spec) ; marker</c>.
    /// A single <c>==</c> clause has only its version replaced (keeping the operator's spacing); any other specifier is
    /// replaced whole by <c>==V</c>; no specifier gives an empty span right after the name and extras.
    /// </summary>
    private static (int Start, int End, bool VersionOnly) SpecifierSpan(string text)
    {
        var i = 0;
        SkipSpace();
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '-' or '_')) i++;
        var afterName = i;
        SkipSpace();
        if (i < text.Length && text[i] == '[')
        {
            var close = text.IndexOf(']', i);
            i = close < 0 ? text.Length : close + 1;
            afterName = i;
            SkipSpace();
        }
        if (i < text.Length && text[i] == '(') { i++; SkipSpace(); }

        int? first = null;
        var last = afterName;
        var clauses = 0;
        var singleEqualsVersionStart = -1;
        while (i < text.Length)
        {
            var op = Operator();
            if (op is null) break;
            first ??= i;
            i += op.Length;
            SkipSpace();
            var versionStart = i;
            while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '.' or '*' or '+' or '!' or '-' or '_')) i++;
            last = i;
            clauses++;
            singleEqualsVersionStart = op == "==" ? versionStart : -1;
            var save = i;
            SkipSpace();
            if (i < text.Length && text[i] == ',') { i++; SkipSpace(); continue; }
            i = save;
            break;
        }
        if (first is null) return (afterName, afterName, false);
        if (clauses == 1 && singleEqualsVersionStart >= 0) return (singleEqualsVersionStart, last, true);
        return (first.Value, last, false);

        void SkipSpace()
        {
            while (i < text.Length && text[i] is ' ' or '\t') i++;
        }

        string? Operator()
        {
            foreach (var op in new[] { "===", "~=", "==", "!=", "<=", ">=", "<", ">" })
                if (string.CompareOrdinal(text, i, op, 0, op.Length) == 0) return op;
            return null;
        }
    }

    private static bool IsValidPin(string name, string version)
    {
        try
        {
            var requirement = Requirement.Parse($"{name}=={version}");
            return requirement.Specifier.ExactPin == version && requirement.Name == name;
        }
        catch (PackagingFormatException)
        {
            return false;
        }
    }

    // Appended lines follow the file's own line break; a final newline stays if there was one. A continuation at the
    // end of the file would swallow the new line, so a blank line is put between them (it ends the continuation the
    // same way the end of the file did).
    private static void AppendLines(ParsedRequirementFile file, StringBuilder text, IReadOnlyList<AppendRequirement> appended)
    {
        var withBreak = file.Lines.LastOrDefault(l => l.BreakLength > 0);
        var newline = withBreak is null ? "\n" : file.Text[withBreak.ContentEnd..withBreak.End];
        var endsWithBreak = file.Lines.Count == 0 || file.Lines[^1].BreakLength > 0;
        var last = file.Lines.Count == 0 ? null : file.Text[file.Lines[^1].Start..file.Lines[^1].ContentEnd];
        var endsInContinuation = last is not null && last.EndsWith('\\') && !last.TrimStart().StartsWith('#');

        var added = string.Join(newline, appended.Select(a => $"{a.Name}=={a.Version}"));
        if (!endsWithBreak) text.Append(newline);
        if (endsInContinuation) text.Append(newline);
        text.Append(added);
        if (endsWithBreak) text.Append(newline);
    }

    private static EditRefused? Verify(
        ParsedRequirementFile original, byte[] content, IReadOnlyDictionary<SourceLocation, string> pins,
        IReadOnlyList<AppendRequirement> appended, Func<string, string?> variables, Func<string, LocalPathKind>? localPath)
    {
        // Re-read the bytes that would be written, decoding included: pip looks for a coding: comment across line
        // breaks, so an appended line can end up in the first one's "coding: \r" (found by the fuzzer).
        ParsedRequirementFile reparsed;
        try
        {
            reparsed = RequirementFileParser.Parse(original.Path, content, variables, localPath);
        }
        catch (RequirementFileError e)
        {
            return new EditRefused(EditRefusalReason.WouldChangeMeaning, e.Location, $"the edited file would not parse: {e.Reason}");
        }

        if (reparsed.Encoding.Name != original.Encoding.Name || !reparsed.Encoding.Bom.SequenceEqual(original.Encoding.Bom))
        {
            return new EditRefused(EditRefusalReason.WouldChangeMeaning, new SourceLocation(original.Path, 1),
                $"the edited file would be decoded as {reparsed.Encoding.Name}, not {original.Encoding.Name}");
        }

        var expected = original.Entries.Select(e => Signature(e, e is RequirementEntry && pins.TryGetValue(e.Location, out var v) ? v : null))
            .Concat(appended.Select(a => Signature(new RequirementEntry(new SourceLocation(original.Path, 0), Requirement.Parse(a.Name), a.Name, false, []), a.Version)))
            .ToList();
        var actual = reparsed.Entries.Select(e => Signature(e, null)).ToList();
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var want = i < expected.Count ? expected[i] : "(nothing)";
            var got = i < actual.Count ? actual[i] : "(nothing)";
            if (want != got)
            {
                var location = i < original.Entries.Count ? original.Entries[i].Location : new SourceLocation(original.Path, 1);
                return new EditRefused(EditRefusalReason.WouldChangeMeaning, location,
                    $"re-reading the edited {original.Path} would give '{got}' where '{want}' was intended; edit it by hand");
            }
        }
        return null;
    }

    // What an entry means, independent of where it sits: used to prove an edit changed only what it should.
    private static string Signature(RequirementFileEntry entry, string? pinnedTo) => entry switch
    {
        RequirementEntry { Requirement: var r } e => string.Join('|', "req",
            r is null ? "" : PackageName.Normalize(r.Name),
            r is null ? "" : string.Join(',', r.Extras.Select(PackageName.Normalize).Order(StringComparer.Ordinal)),
            pinnedTo is not null ? "==" + pinnedTo : NormalizedSpecifier(r?.Specifier),
            r?.Url ?? "", r?.Marker?.ToString() ?? "", e.Editable, string.Join(',', e.Hashes)),
        IncludeEntry i => $"include|{i.Path}|{i.IsConstraint}",
        OptionEntry o => $"option|{o.Text}",
        _ => entry.ToString(),
    };

    private static string NormalizedSpecifier(SpecifierSet? specifier) =>
        specifier is null ? "" : string.Join(',', string.Concat(specifier.ToString().Where(c => !char.IsWhiteSpace(c))).Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    // Physical lines compared one by one: in-place edits keep the line count; appended lines come last.
    private static List<LineChange> DescribeChanges(string before, string after)
    {
        var oldLines = PhysicalTexts(before);
        var newLines = PhysicalTexts(after);
        var changes = new List<LineChange>();
        for (var i = 0; i < newLines.Count; i++)
        {
            if (i >= oldLines.Count) changes.Add(new LineChange(i + 1, null, newLines[i]));
            else if (oldLines[i] != newLines[i]) changes.Add(new LineChange(i + 1, oldLines[i], newLines[i]));
        }
        return changes;
    }

    private static List<string> PhysicalTexts(string text) =>
        PythonStrings.SplitLines(text).Select(l => text[l.Start..l.ContentEnd]).ToList();
}
