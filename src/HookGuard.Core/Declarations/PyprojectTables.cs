namespace HookGuard.Core.Declarations;

/// <summary>Whether a pyproject.toml declares a project, without parsing all of it.</summary>
public static class PyprojectTables
{
    /// <summary>
    /// True when a line starts a <c>[project]</c> or <c>[tool.poetry]</c> table (or one below them, such as
    /// <c>[project.optional-dependencies]</c>, or PEP 735's <c>[dependency-groups]</c>). Project location asks this of every
    /// pyproject.toml on the way up from a staged path, so it scans lines instead of building a TOML tree; a file that
    /// says so in an unusual spelling (quoted keys) is still read in full once it is the project's declaration.
    /// </summary>
    public static bool DeclaresProject(ReadOnlySpan<byte> content)
    {
        while (content.Length > 0)
        {
            var end = content.IndexOf((byte)'\n');
            var line = (end < 0 ? content : content[..end]).TrimStart(" \t"u8);
            if (StartsTable(line, "[project"u8) || StartsTable(line, "[tool.poetry"u8) || StartsTable(line, "[dependency-groups"u8))
            {
                return true;
            }

            content = end < 0 ? [] : content[(end + 1)..];
        }

        return false;
    }

    private static bool StartsTable(ReadOnlySpan<byte> line, ReadOnlySpan<byte> header)
    {
        if (!line.StartsWith(header))
        {
            return false;
        }

        var rest = line[header.Length..].TrimStart(" \t"u8);
        return rest.Length > 0 && rest[0] is (byte)']' or (byte)'.';
    }
}
