namespace HookGuard.Core.Imports;

/// <summary>
/// Finds the imports of one Python source file and how much each is needed: an import in the body of a <c>try</c>
/// that catches ImportError, under <c>suppress(ImportError)</c> or under a version/platform test is Optional; under
/// <c>if TYPE_CHECKING:</c> TypingOnly; anything else, functions and classes included, Required. Never throws: garbage
/// gives a best-effort list. Linear in the input: tokens are read one logical line at a time and each block's need is
/// resolved once.
/// </summary>
public static class PythonImportReader
{
    public static IReadOnlyList<ImportStatement> Read(ReadOnlySpan<byte> source) => ReadCopy(source.ToArray());

    // The tokenizer keeps the source across calls, which a span cannot be: one copy of the bytes.
    private static IReadOnlyList<ImportStatement> ReadCopy(ReadOnlyMemory<byte> source)
    {
        var tokenizer = new PythonTokenizer(source);
        var blocks = new BlockTracker();
        var found = new List<(string Module, int Line, int Level, Block? Where)>();
        var tokens = new List<PythonToken>();
        while (tokenizer.NextLogicalLine(tokens, out int indent))
            ReadLogicalLine(tokens, indent, blocks, found);

        var result = new List<ImportStatement>(found.Count);
        foreach (var (module, line, level, where) in found)
            result.Add(new ImportStatement(module, line, level, Block.NeedOf(where)));
        return result;
    }

    private static readonly HashSet<string> CompoundKeywords =
        ["if", "elif", "else", "try", "except", "finally", "with", "for", "while", "def", "class", "match", "case"];

    private static void ReadLogicalLine(List<PythonToken> tokens, int indent, BlockTracker blocks,
        List<(string, int, int, Block?)> found)
    {
        var sibling = blocks.CloseBlocksAt(indent);
        var context = blocks.Innermost;
        int first = tokens[0] is { Kind: TokenKind.Name, Text: "async" } && tokens.Count > 1 ? 1 : 0;
        var keyword = tokens[first];
        int colon = keyword.Kind == TokenKind.Name && CompoundKeywords.Contains(keyword.Text) && IsHeader(tokens, first)
            ? HeaderColon(tokens, first)
            : -1;
        if (colon < 0)
        {
            ReadSimpleStatements(tokens, 0, tokens.Count, context, found);
            return;
        }
        var header = tokens.GetRange(first + 1, colon - first - 1);
        FindImportCalls(header, 0, header.Count, context, found);
        var block = Block.Open(keyword.Text, header, sibling, context);
        blocks.Push(indent, block);
        if (colon + 1 < tokens.Count) ReadSimpleStatements(tokens, colon + 1, tokens.Count, block, found);
    }

    /// <summary><c>match</c> and <c>case</c> are soft keywords: <c>match = 1</c> or <c>case.x: int</c> are statements.</summary>
    private static bool IsHeader(List<PythonToken> tokens, int first)
    {
        if (tokens[first].Text is not ("match" or "case")) return true;
        if (first + 1 >= tokens.Count || tokens[first + 1].Text is ":" or "=" or "." or ",") return false;
        return tokens[first].Text == "case" || tokens[^1].Text == ":";
    }

    /// <summary>The colon that ends a block header: the first outside brackets that no <c>lambda</c> claims.</summary>
    private static int HeaderColon(List<PythonToken> tokens, int first)
    {
        int lambdas = 0;
        for (int i = first + 1; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.Depth != 0) continue;
            if (t is { Kind: TokenKind.Name, Text: "lambda" }) lambdas++;
            else if (t is { Kind: TokenKind.Operator, Text: ":" })
            {
                if (lambdas == 0) return i;
                lambdas--;
            }
        }
        return -1;
    }

    private static void ReadSimpleStatements(List<PythonToken> tokens, int from, int to, Block? context,
        List<(string, int, int, Block?)> found)
    {
        int start = from;
        for (int i = from; i <= to; i++)
        {
            if (i < to && !(tokens[i] is { Kind: TokenKind.Operator, Text: ";", Depth: 0 })) continue;
            if (start < i) ReadSimpleStatement(tokens, start, i, context, found);
            start = i + 1;
        }
    }

    private static void ReadSimpleStatement(List<PythonToken> tokens, int from, int to, Block? context,
        List<(string, int, int, Block?)> found)
    {
        var first = tokens[from];
        if (first is { Kind: TokenKind.Name, Text: "import" })
        {
            // import a.b as c, d
            int i = from + 1;
            while (i < to)
            {
                int afterName = DottedName(tokens, i, to, out string module);
                if (module.Length > 0) found.Add((module, first.Line, 0, context));
                i = afterName;
                while (i < to && tokens[i].Text != ",") i++;
                i++;
            }
            return;
        }
        if (first is { Kind: TokenKind.Name, Text: "from" })
        {
            int i = from + 1, level = 0;
            while (i < to && tokens[i] is { Kind: TokenKind.Operator, Text: "." }) { level++; i++; }
            int afterName = DottedName(tokens, i, to, out string module);
            if (afterName < to && tokens[afterName] is { Kind: TokenKind.Name, Text: "import" } && (module.Length > 0 || level > 0))
                found.Add((module, first.Line, level, context));
            return;
        }
        FindImportCalls(tokens, from, to, context, found);
    }

    private static int DottedName(List<PythonToken> tokens, int i, int to, out string module)
    {
        module = "";
        if (i >= to || tokens[i].Kind != TokenKind.Name || tokens[i].Text == "import") return i;
        var parts = new List<string> { tokens[i].Text };
        i++;
        while (i + 1 < to && tokens[i] is { Kind: TokenKind.Operator, Text: "." } && tokens[i + 1].Kind == TokenKind.Name)
        {
            parts.Add(tokens[i + 1].Text);
            i += 2;
        }
        module = string.Join('.', parts);
        return i;
    }

    /// <summary><c>importlib.import_module("m")</c>, <c>import_module("m")</c>, <c>__import__("m")</c> with a plain literal.</summary>
    private static void FindImportCalls(List<PythonToken> tokens, int from, int to, Block? context,
        List<(string, int, int, Block?)> found)
    {
        for (int i = from; i < to; i++)
        {
            var t = tokens[i];
            if (t.Kind != TokenKind.Name || (i > from && tokens[i - 1].Text == ".")) continue;
            int open;
            if (t.Text == "__import__" || t.Text == "import_module") open = i + 1;
            else if (t.Text == "importlib" && i + 3 < to && tokens[i + 1].Text == "." && tokens[i + 2].Text == "import_module") open = i + 3;
            else continue;
            if (open + 2 >= to + 1 || open + 1 >= to || tokens[open].Text != "(") continue;
            var literal = tokens[open + 1];
            if (literal.Kind != TokenKind.String || literal.PlainString is not { } name) continue;
            if (open + 2 >= to || tokens[open + 2].Text is not ("," or ")")) continue;
            int level = 0;
            while (level < name.Length && name[level] == '.') level++;
            string module = name[level..];
            if (IsDottedIdentifier(module) || (module.Length == 0 && level > 0))
                found.Add((module, t.Line, level, context));
        }
    }

    private static bool IsDottedIdentifier(string name)
    {
        if (name.Length == 0) return false;
        foreach (var part in name.Split('.'))
        {
            if (part.Length == 0 || char.IsDigit(part[0])) return false;
            foreach (char c in part)
                if (!(c == '_' || char.IsLetterOrDigit(c))) return false;
        }
        return true;
    }
}
