namespace HookGuard.Core.Requirements;

/// <summary>
/// Parses one pip requirements file exactly as pip's <c>pip/_internal/req/req_file.py</c> does (pip 23.2/24.2):
/// decoding, <c>\</c> continuations, comments, <c>${VAR}</c>, the per-line option table, and the requirement
/// itself as <c>pip/_internal/req/constructors.py</c> builds it. Includes are listed, not followed
/// (see <see cref="DeclaredSetResolver"/>).
/// </summary>
public static class RequirementFileParser
{
    /// <summary>Decodes and parses a file.</summary>
    /// <param name="path">Repo-relative path, used in locations and errors.</param>
    /// <param name="content">The file's bytes.</param>
    /// <param name="variables">Looks up <c>${NAME}</c>; null or empty leaves the reference as written, as pip does.</param>
    /// <param name="localPath">
    /// Optional: what a local path (as written, relative to where pip would run) is on disk. Without it, a path that is
    /// not an archive nor a PEP 508 requirement, and an editable without a URL scheme, are assumed to be projects.
    /// </param>
    /// <exception cref="RequirementFileError">pip would refuse the file.</exception>
    public static ParsedRequirementFile Parse(string path, ReadOnlySpan<byte> content, Func<string, string?> variables, Func<string, LocalPathKind>? localPath = null)
    {
        var (text, encoding) = RequirementFileEncoding.Decode(content, path);
        return Parse(path, text, encoding, variables, localPath);
    }

    /// <summary>Parses already decoded text (an editor re-reading what it is about to write).</summary>
    /// <exception cref="RequirementFileError">pip would refuse the file.</exception>
    public static ParsedRequirementFile Parse(
        string path, string text, RequirementFileEncoding encoding, Func<string, string?> variables, Func<string, LocalPathKind>? localPath = null)
    {
        var lines = PythonStrings.SplitLines(text);
        // At most one entry a line: sized once instead of grown.
        var entries = new List<RequirementFileEntry>(lines.Count);
        foreach (var logical in LogicalLines.Read(text, lines, variables))
            entries.Add(ParseLine(path, logical, localPath));
        return new ParsedRequirementFile(path, text, encoding, lines, entries);
    }

    // RequirementsFileParser._parse_file + ParsedLine + handle_requirement_line, for one logical line.
    private static RequirementFileEntry ParseLine(string path, LogicalLine logical, Func<string, LocalPathKind>? localPath)
    {
        var location = new SourceLocation(path, logical.FirstLine);
        var line = logical.Text.ToString();
        var (argumentsLength, optionsStart) = PipLineOptions.BreakArgsOptions(line);

        PipLineOptions options;
        try
        {
            options = optionsStart >= line.Length ? PipLineOptions.None : PipLineOptions.Parse(line[optionsStart..]);
        }
        catch (PipLineOptions.Invalid e)
        {
            throw new RequirementFileError(location, $"invalid line '{line}': {e.Message}");
        }

        if (argumentsLength > 0)
        {
            var requirementText = line[..argumentsLength];
            return new RequirementEntry(
                location,
                RequirementLineInterpreter.Interpret(requirementText, editable: false, location, localPath),
                requirementText,
                Editable: false,
                options.Hashes)
            {
                LastLine = logical.LastLine,
                TextOffsets = logical.Text.Offsets(0, argumentsLength),
            };
        }
        if (options.Editables.Count > 0)
        {
            // pip takes the first -e of a line; per-requirement options such as --hash do not apply to editables.
            var editable = options.Editables[0];
            var at = line.IndexOf(editable, optionsStart, StringComparison.Ordinal);
            return new RequirementEntry(
                location,
                RequirementLineInterpreter.Interpret(editable, editable: true, location, localPath),
                editable,
                Editable: true,
                [])
            {
                LastLine = logical.LastLine,
                TextOffsets = at < 0 ? [] : logical.Text.Offsets(at, editable.Length),
            };
        }
        if (options.Requirements.Count > 0)
            return new IncludeEntry(location, options.Requirements[0], IsConstraint: false) { LastLine = logical.LastLine };
        if (options.Constraints.Count > 0)
            return new IncludeEntry(location, options.Constraints[0], IsConstraint: true) { LastLine = logical.LastLine };
        return new OptionEntry(location, line) { LastLine = logical.LastLine, RequiresHashes = options.RequireHashes };
    }
}
