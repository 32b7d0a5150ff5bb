namespace HookGuard.Core.Imports;

/// <summary>
/// A compound statement's body, and what it says about the imports inside. A try's reason is known only once its except
/// clauses are read, so needs are resolved after the whole file (<see cref="NeedOf"/>).
/// </summary>
internal sealed class Block
{
    private static readonly HashSet<string> ImportErrorCatchers = ["ImportError", "ModuleNotFoundError", "Exception", "BaseException"];

    public required string Keyword { get; init; }
    public Block? Parent { get; init; }
    /// <summary>The try statement an except/else/finally clause belongs to.</summary>
    public Block? Try { get; init; }
    /// <summary>For if/elif/else: whether any test of the chain so far is a version or platform test.</summary>
    public IfChain? Chain { get; init; }
    public ImportNeed OwnNeed { get; init; }
    public bool CatchesImportError { get; set; }
    private ImportNeed? _resolved;

    internal sealed class IfChain { public bool TestsPlatform; }

    private ImportNeed Own => Keyword == "try" && CatchesImportError ? ImportNeed.Optional : OwnNeed;

    public static Block Open(string keyword, List<PythonToken> header, Block? sibling, Block? parent)
    {
        switch (keyword)
        {
            case "if":
            {
                var chain = new IfChain { TestsPlatform = TestsPlatform(header) };
                return new Block { Keyword = keyword, Parent = parent, Chain = chain, OwnNeed = ConditionalNeed(header, chain) };
            }
            case "elif":
            {
                var chain = sibling?.Chain ?? new IfChain();
                chain.TestsPlatform |= TestsPlatform(header);
                return new Block { Keyword = keyword, Parent = parent, Chain = chain, OwnNeed = ConditionalNeed(header, chain) };
            }
            case "else" when sibling?.Keyword is "if" or "elif" && sibling.Chain is { } chain:
                return new Block { Keyword = keyword, Parent = parent, OwnNeed = chain.TestsPlatform ? ImportNeed.Optional : ImportNeed.Required };
            case "except":
            {
                var owner = sibling?.Keyword == "try" ? sibling : sibling?.Keyword == "except" ? sibling.Try : null;
                var catches = owner is not null && CatchesImport(header);
                if (catches) owner!.CatchesImportError = true;
                // The handler of an ImportError holds the fallback import: it runs only when the guarded one failed.
                return new Block { Keyword = keyword, Parent = parent, Try = owner, OwnNeed = catches ? ImportNeed.Optional : ImportNeed.Required };
            }
            case "else" when sibling?.Keyword == "except" && sibling.Try is { } owner:
                // Runs only when the guarded (optional) import succeeded, so what it imports is optional with it.
                return new Block { Keyword = keyword, Parent = parent, Try = owner, OwnNeed = owner.CatchesImportError ? ImportNeed.Optional : ImportNeed.Required };
            case "with":
                return new Block { Keyword = keyword, Parent = parent, OwnNeed = SuppressesImportError(header) ? ImportNeed.Optional : ImportNeed.Required };
            default:
                return new Block { Keyword = keyword, Parent = parent };
        }
    }

    private static ImportNeed ConditionalNeed(List<PythonToken> header, IfChain chain) =>
        IsTypeChecking(header) ? ImportNeed.TypingOnly : chain.TestsPlatform ? ImportNeed.Optional : ImportNeed.Required;

    /// <summary><c>TYPE_CHECKING</c> or <c>typing.TYPE_CHECKING</c> (any module alias) as the whole test.</summary>
    private static bool IsTypeChecking(List<PythonToken> header) =>
        header is [{ Kind: TokenKind.Name, Text: "TYPE_CHECKING" }] ||
        header is [{ Kind: TokenKind.Name }, { Text: "." }, { Kind: TokenKind.Name, Text: "TYPE_CHECKING" }];

    private static bool TestsPlatform(List<PythonToken> header)
    {
        for (int i = 0; i < header.Count; i++)
        {
            var t = header[i];
            if (t.Kind != TokenKind.Name) continue;
            if (IsPyVersionName(t.Text)) return true;
            bool attributeBase = (i == 0 || header[i - 1].Text != ".") && i + 2 < header.Count && header[i + 1].Text == "." &&
                                 header[i + 2].Kind == TokenKind.Name;
            if (!attributeBase) continue;
            string attribute = header[i + 2].Text;
            if (t.Text == "sys" && attribute is "version_info" or "platform") return true;
            if (t.Text == "platform") return true;
            if (t.Text == "os" && attribute == "name") return true;
        }
        return false;
    }

    /// <summary>PY2, PY3, PY38 and the like (six.PY2 too).</summary>
    private static bool IsPyVersionName(string name)
    {
        if (name.Length < 3 || !name.StartsWith("PY", StringComparison.Ordinal)) return false;
        for (int i = 2; i < name.Length; i++) if (!char.IsAsciiDigit(name[i])) return false;
        return true;
    }

    /// <summary>A bare except, or one whose type names ImportError, ModuleNotFoundError, Exception or BaseException.</summary>
    private static bool CatchesImport(List<PythonToken> header)
    {
        foreach (var t in header)
        {
            if (t is { Kind: TokenKind.Name, Text: "as", Depth: 0 }) break;
            if (t.Kind == TokenKind.Name && ImportErrorCatchers.Contains(t.Text)) return true;
        }
        return header.Count == 0;
    }

    /// <summary>Context managers that swallow or expect an exception: contextlib.suppress, pytest.raises, unittest's assertRaises.</summary>
    private static readonly HashSet<string> Expecters = ["suppress", "raises", "assertRaises", "assertRaisesRegex"];

    private static bool SuppressesImportError(List<PythonToken> header)
    {
        for (int i = 0; i + 1 < header.Count; i++)
        {
            if (header[i].Kind != TokenKind.Name || !Expecters.Contains(header[i].Text) || header[i + 1].Text != "(") continue;
            int depth = header[i + 1].Depth;
            for (int j = i + 2; j < header.Count && !(header[j].Text == ")" && header[j].Depth == depth); j++)
                if (header[j].Kind == TokenKind.Name && ImportErrorCatchers.Contains(header[j].Text)) return true;
        }
        return false;
    }

    /// <summary>The strongest reason of the block and all that enclose it; memoised so the total cost stays linear.</summary>
    public static ImportNeed NeedOf(Block? block)
    {
        if (block is null) return ImportNeed.Required;
        var unresolved = new List<Block>();
        var b = block;
        while (b is not null && b._resolved is null) { unresolved.Add(b); b = b.Parent; }
        var need = b?._resolved ?? ImportNeed.Required;
        for (int i = unresolved.Count - 1; i >= 0; i--)
        {
            need = Strongest(need, unresolved[i].Own);
            unresolved[i]._resolved = need;
        }
        return need;
    }

    private static ImportNeed Strongest(ImportNeed a, ImportNeed b) => (ImportNeed)Math.Max((int)a, (int)b);
}
