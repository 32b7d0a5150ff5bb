using HookGuard.Core.Declarations;
using HookGuard.Core.Requirements;
using Tomlyn.Parsing;
using Tomlyn.Syntax;

namespace HookGuard.Core.Toml;

/// <summary>Parses TOML text into <see cref="TomlNode"/>s that keep their lines.</summary>
public static class TomlDocument
{
    /// <summary>Parses UTF-8 <paramref name="content"/> (a BOM is skipped); <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DeclarationFileError">Not valid UTF-8 or not valid TOML, with the line of the first problem.</exception>
    public static TomlTable Parse(string file, ReadOnlySpan<byte> content)
    {
        if (content.StartsWith("\uFEFF"u8))
        {
            content = content[3..];
        }

        string text;
        try
        {
            text = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new DeclarationFileError(new SourceLocation(file, LineOfInvalidUtf8(content)), "not valid TOML: the file is not UTF-8");
        }

        return Parse(file, text);
    }

    /// <summary>Parses <paramref name="text"/>; <paramref name="file"/> names it in errors.</summary>
    /// <exception cref="DeclarationFileError">Not valid TOML, with the line of the first problem.</exception>
    public static TomlTable Parse(string file, string text)
    {
        var document = SyntaxParser.Parse(text, file, validate: true);
        var error = document.Diagnostics.FirstOrDefault(message => message.Kind == DiagnosticMessageKind.Error);
        if (error is not null)
        {
            throw new DeclarationFileError(new SourceLocation(file, error.Span.Start.Line + 1), $"not valid TOML: {error.Message}");
        }

        var builder = new Builder(file);
        var root = new TomlTable(1);
        foreach (var keyValue in document.KeyValues)
        {
            builder.Assign(root, keyValue);
        }

        foreach (var table in document.Tables)
        {
            var target = builder.Open(root, table);
            foreach (var keyValue in table.Items)
            {
                builder.Assign(target, keyValue);
            }
        }

        return root;
    }

    private static int LineOfInvalidUtf8(ReadOnlySpan<byte> content)
    {
        var offset = 0;
        while (offset < content.Length
               && System.Text.Rune.DecodeFromUtf8(content[offset..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            offset += consumed;
        }

        return content[..offset].Count((byte)'\n') + 1;
    }

    private sealed class Builder(string file)
    {
        public void Assign(TomlTable table, KeyValueSyntax keyValue)
        {
            var keys = Keys(keyValue.Key);
            var line = Line(keyValue);
            var target = table;
            for (var i = 0; i < keys.Count - 1; i++)
            {
                target = Descend(target, keys[i], line);
            }

            Add(target, keys[^1], Value(keyValue.Value!), line);
        }

        public TomlTable Open(TomlTable root, TableSyntaxBase table)
        {
            var keys = Keys(table.Name);
            var line = Line(table);
            var target = root;
            for (var i = 0; i < keys.Count - 1; i++)
            {
                target = Descend(target, keys[i], line);
            }

            var last = keys[^1];
            if (table is TableArraySyntax)
            {
                if (!target.TryGet(last, out var existing))
                {
                    existing = new TomlArray(line);
                    target.Add(last, existing);
                }

                if (existing is not TomlArray array)
                {
                    throw Error(line, $"'{last}' is already defined as {existing.Kind}");
                }

                var element = new TomlTable(line);
                array.Add(element);
                return element;
            }

            if (target.TryGet(last, out var defined))
            {
                return defined as TomlTable ?? throw Error(line, $"'{last}' is already defined as {defined.Kind}");
            }

            var created = new TomlTable(line);
            target.Add(last, created);
            return created;
        }

        private TomlTable Descend(TomlTable table, string key, int line)
        {
            if (!table.TryGet(key, out var node))
            {
                var created = new TomlTable(line);
                table.Add(key, created);
                return created;
            }

            return node switch
            {
                TomlTable child => child,
                TomlArray { Items.Count: > 0 } array when array.Items[^1] is TomlTable last => last,
                _ => throw Error(line, $"'{key}' is already defined as {node.Kind}"),
            };
        }

        private void Add(TomlTable table, string key, TomlNode value, int line)
        {
            if (table.TryGet(key, out _))
            {
                throw Error(line, $"duplicate key '{key}'");
            }

            table.Add(key, value);
        }

        private TomlNode Value(ValueSyntax value)
        {
            var line = Line(value);
            switch (value)
            {
                case StringValueSyntax text:
                    return new TomlString(line, text.Value ?? "");
                case IntegerValueSyntax integer:
                    return new TomlInteger(line, integer.Value);
                case FloatValueSyntax number:
                    return new TomlFloat(line, number.Value);
                case BooleanValueSyntax boolean:
                    return new TomlBoolean(line, boolean.Value);
                case DateTimeValueSyntax date:
                    return new TomlDateTime(line, date.Token?.Text ?? "");
                case ArraySyntax array:
                    var items = new TomlArray(line);
                    foreach (var item in array.Items)
                    {
                        items.Add(Value(item.Value!));
                    }

                    return items;
                case InlineTableSyntax inline:
                    var table = new TomlTable(line);
                    foreach (var item in inline.Items)
                    {
                        if (item.KeyValue is { } keyValue)
                        {
                            Assign(table, keyValue);
                        }
                    }

                    return table;
                default:
                    throw Error(line, "a value TOML does not define");
            }
        }

        private static List<string> Keys(KeySyntax? key)
        {
            var parts = new List<string>();
            if (key is null)
            {
                return parts;
            }

            parts.Add(KeyPart(key.Key));
            if (key.DotKeys is not null)
            {
                foreach (var dotted in key.DotKeys)
                {
                    parts.Add(KeyPart(dotted.Key));
                }
            }

            return parts;
        }

        private static string KeyPart(BareKeyOrStringValueSyntax? part) => part switch
        {
            BareKeySyntax bare => bare.Key?.Text ?? "",
            StringValueSyntax quoted => quoted.Value ?? "",
            _ => "",
        };

        private static int Line(SyntaxNode node) => node.Span.Start.Line + 1;

        private DeclarationFileError Error(int line, string message) =>
            new(new SourceLocation(file, line), $"not valid TOML: {message}");
    }
}
