using System.Text.Json;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Declarations.Pipenv;

/// <summary>One package of a <c>Pipfile.lock</c> category, as written (https://github.com/pypa/pipfile#pipfilelock).</summary>
/// <param name="Name">The key, as written.</param>
/// <param name="Line">The line of the key.</param>
/// <param name="Version">The <c>version</c> value (<c>"==1.2.3"</c>); null for VCS, path and file entries.</param>
/// <param name="Markers">The <c>markers</c> value, a PEP 508 marker.</param>
/// <param name="Editable">The <c>editable</c> flag.</param>
/// <param name="Source">For VCS, path and file entries: the pip URL or path it installs from.</param>
/// <param name="Path">The <c>path</c> value, as written.</param>
internal sealed record PipfileLockPackage(string Name, int Line, string? Version, string? Markers, bool Editable, string? Source, string? Path);

/// <summary>A category (<c>default</c>, <c>develop</c>, or a custom one) and its packages.</summary>
internal sealed record PipfileLockCategory(string Name, int Line, IReadOnlyList<PipfileLockPackage> Packages);

/// <summary>
/// A <c>Pipfile.lock</c> read in one pass with <see cref="Utf8JsonReader"/> (no reflection), each value with the line its
/// key is written on. pipenv writes it with <c>json.dumps(..., indent=4)</c>, one key a line.
/// </summary>
internal sealed class PipfileLockDocument
{
    private static readonly string[] VcsKeys = ["git", "hg", "svn", "bzr"];

    private readonly string _file;
    private readonly byte[] _content;
    private int _line = 1;
    private int _counted;

    public long? PipfileSpec { get; private set; }

    public int PipfileSpecLine { get; private set; }

    public string? Sha256 { get; private set; }

    public int Sha256Line { get; private set; }

    public List<PipfileLockCategory> Categories { get; } = [];

    private PipfileLockDocument(string file, byte[] content)
    {
        _file = file;
        _content = content;
    }

    /// <exception cref="DeclarationFileError">Not JSON, or a value of the wrong type.</exception>
    public static PipfileLockDocument Parse(string file, byte[] content)
    {
        // pipenv reads the file as UTF-8 and json.loads fails on a byte that does not decode; Utf8JsonReader would
        // only notice inside GetString, with an InvalidOperationException. Checked once, vectorized.
        if (!System.Text.Unicode.Utf8.IsValid(content))
        {
            throw new DeclarationFileError(new SourceLocation(file, InvalidUtf8.LineOfFirst(content)), "not valid JSON: the file is not UTF-8");
        }

        var document = new PipfileLockDocument(file, content);
        var start = content.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var reader = new Utf8JsonReader(content.AsSpan(start), new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        document._counted = start;
        try
        {
            document.ReadRoot(ref reader, start);
            // json.load refuses anything after the object ("Extra data"); Utf8JsonReader throws on it here.
            reader.Read();
        }
        catch (JsonException error)
        {
            // Utf8JsonReader reports the 0-based line of the problem.
            var line = error.LineNumber is { } number ? (int)number + 1 : document._line;
            throw new DeclarationFileError(new SourceLocation(file, line), "not valid JSON: " + FirstSentence(error.Message));
        }

        return document;
    }

    private void ReadRoot(ref Utf8JsonReader reader, int start)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(Line(ref reader, start), "a Pipfile.lock must be a JSON object");
        }

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var line = Line(ref reader, start);
            Next(ref reader);
            if (key == "_meta")
            {
                ReadMeta(ref reader, start, line);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                Categories.Add(ReadCategory(ref reader, start, key, line));
            }
            else if (key is "default" or "develop")
            {
                throw Error(line, $"'{key}' must be an object of packages");
            }
            else
            {
                // Anything else pipenv would not read as a category; it is not ours to judge.
                reader.Skip();
            }
        }
    }

    private void ReadMeta(ref Utf8JsonReader reader, int start, int metaLine)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(metaLine, "'_meta' must be an object");
        }

        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var line = Line(ref reader, start);
            Next(ref reader);
            if (key == "pipfile-spec")
            {
                PipfileSpecLine = line;
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var spec))
                {
                    throw Error(line, "'pipfile-spec' must be an integer");
                }

                PipfileSpec = spec;
            }
            else if (key == "hash" && reader.TokenType == JsonTokenType.StartObject)
            {
                while (Next(ref reader) == JsonTokenType.PropertyName)
                {
                    var algorithm = reader.GetString();
                    var hashLine = Line(ref reader, start);
                    Next(ref reader);
                    if (algorithm == "sha256" && reader.TokenType == JsonTokenType.String)
                    {
                        Sha256 = reader.GetString();
                        Sha256Line = hashLine;
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private PipfileLockCategory ReadCategory(ref Utf8JsonReader reader, int start, string name, int categoryLine)
    {
        var packages = new List<PipfileLockPackage>();
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var packageName = reader.GetString()!;
            var line = Line(ref reader, start);
            if (Next(ref reader) != JsonTokenType.StartObject)
            {
                throw Error(line, $"package '{packageName}' must be an object");
            }

            packages.Add(ReadPackage(ref reader, start, packageName, line));
        }

        return new PipfileLockCategory(name, categoryLine, packages);
    }

    private PipfileLockPackage ReadPackage(ref Utf8JsonReader reader, int start, string name, int packageLine)
    {
        string? version = null, markers = null, path = null, file = null, vcs = null, vcsUrl = null, reference = null, subdirectory = null;
        var editable = false;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var line = Line(ref reader, start);
            Next(ref reader);
            switch (key)
            {
                case "version": version = String(ref reader, line, name, key); break;
                case "markers": markers = String(ref reader, line, name, key); break;
                case "path": path = String(ref reader, line, name, key); break;
                case "file": file = String(ref reader, line, name, key); break;
                case "ref": reference = String(ref reader, line, name, key); break;
                case "subdirectory": subdirectory = String(ref reader, line, name, key); break;
                case "editable":
                    if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
                    {
                        throw Error(line, $"'editable' of '{name}' must be true or false");
                    }

                    editable = reader.GetBoolean();
                    break;
                case "hashes" or "extras":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw Error(line, $"'{key}' of '{name}' must be an array of strings");
                    }

                    while (Next(ref reader) != JsonTokenType.EndArray)
                    {
                        if (reader.TokenType != JsonTokenType.String)
                        {
                            throw Error(Line(ref reader, start), $"'{key}' of '{name}' must be an array of strings");
                        }
                    }

                    break;
                case "index": String(ref reader, line, name, key); break;
                default:
                    if (Array.IndexOf(VcsKeys, key) >= 0)
                    {
                        vcs = key;
                        vcsUrl = String(ref reader, line, name, key);
                    }
                    else
                    {
                        reader.Skip();
                    }

                    break;
            }
        }

        string? source = null;
        if (vcsUrl is not null)
        {
            // requirementslib's VCSRequirement line: vcs+url@ref#subdirectory=...
            source = (vcsUrl.StartsWith(vcs + "+", StringComparison.Ordinal) ? vcsUrl : vcs + "+" + vcsUrl)
                     + (reference is null ? "" : "@" + reference)
                     + (subdirectory is null ? "" : "#subdirectory=" + subdirectory);
        }
        else if (file is not null)
        {
            source = file;
        }
        else if (path is not null)
        {
            source = path;
        }

        if (version is null && source is null)
        {
            throw Error(packageLine, $"package '{name}' has no version and no path, file or VCS url");
        }

        return new PipfileLockPackage(name, packageLine, version, markers, editable, source, path);
    }

    private string String(ref Utf8JsonReader reader, int line, string package, string key)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(line, $"'{key}' of '{package}' must be a string");
        }

        return reader.GetString()!;
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("unexpected end of data", null, null, null);
        }

        return reader.TokenType;
    }

    // Lines advance with the reader: counting newlines from the last token to this one keeps the whole read linear.
    private int Line(ref Utf8JsonReader reader, int start)
    {
        var offset = start + (int)reader.TokenStartIndex;
        if (offset > _counted)
        {
            _line += _content.AsSpan(_counted, offset - _counted).Count((byte)'\n');
            _counted = offset;
        }

        return _line;
    }

    private DeclarationFileError Error(int line, string message) => new(new SourceLocation(_file, line), message);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd();
    }
}
