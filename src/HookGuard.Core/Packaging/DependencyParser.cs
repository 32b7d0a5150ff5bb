namespace HookGuard.Core.Packaging;

/// <summary>
/// The recursive-descent parser of packaging 24.1's <c>_parser.py</c> for PEP 508 dependency specifiers
/// and environment markers, ported rule for rule so that the same strings are accepted and rejected and the
/// errors point at the same place.
/// </summary>
internal static class DependencyParser
{
    public sealed record ParsedRequirement(string Name, string Url, IReadOnlyList<string> Extras, string Specifier, MarkerGroup? Marker, int MarkerStart);

    /// <summary>requirement = WS? IDENTIFIER WS? extras WS? requirement_details</summary>
    public static ParsedRequirement ParseRequirement(string source)
    {
        var tokenizer = new DependencyTokenizer(source);
        tokenizer.Consume(TokenKind.Whitespace);
        var name = tokenizer.Expect(TokenKind.Identifier, "package name at the start of dependency specifier");
        tokenizer.Consume(TokenKind.Whitespace);
        var extras = ParseExtras(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        var (url, specifier, marker, markerStart) = ParseRequirementDetails(tokenizer);
        tokenizer.Expect(TokenKind.End, "end of dependency specifier");
        return new ParsedRequirement(name, url, extras, specifier, marker, markerStart);
    }

    /// <summary>A whole marker expression, nothing after it; <paramref name="lockFileVariables"/> admits PEP 751's
    /// <c>extras</c> and <c>dependency_groups</c>.</summary>
    public static MarkerGroup ParseMarker(string source, bool lockFileVariables = false)
    {
        var tokenizer = new DependencyTokenizer(source, lockFileVariables);
        var marker = ParseMarkerGroup(tokenizer);
        tokenizer.Expect(TokenKind.End, "end of marker expression");
        return marker;
    }

    // requirement_details = AT URL (WS requirement_marker?)? | specifier WS? (requirement_marker)?
    private static (string Url, string Specifier, MarkerGroup? Marker, int MarkerStart) ParseRequirementDetails(DependencyTokenizer tokenizer)
    {
        if (tokenizer.Check(TokenKind.At))
        {
            tokenizer.Read();
            tokenizer.Consume(TokenKind.Whitespace);
            var urlStart = tokenizer.Position;
            var url = tokenizer.Expect(TokenKind.Url, "URL after @");
            if (tokenizer.Check(TokenKind.End, peek: true)) return (url, "", null, -1);
            tokenizer.Expect(TokenKind.Whitespace, "whitespace after URL");
            // The input might end after whitespace.
            if (tokenizer.Check(TokenKind.End, peek: true)) return (url, "", null, -1);
            var urlMarker = ParseRequirementMarker(tokenizer, urlStart, "URL and whitespace", out var urlMarkerStart);
            return (url, "", urlMarker, urlMarkerStart);
        }

        var specifierStart = tokenizer.Position;
        var specifier = ParseSpecifier(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        if (tokenizer.Check(TokenKind.End, peek: true)) return ("", specifier, null, -1);
        var marker = ParseRequirementMarker(tokenizer, specifierStart,
            specifier.Length > 0 ? "version specifier" : "name and no valid version specifier", out var markerStart);
        return ("", specifier, marker, markerStart);
    }

    // requirement_marker = SEMICOLON marker WS?
    private static MarkerGroup ParseRequirementMarker(DependencyTokenizer tokenizer, int spanStart, string after, out int markerStart)
    {
        if (!tokenizer.Check(TokenKind.Semicolon))
            throw tokenizer.SyntaxError($"Expected end or semicolon (after {after})", spanStart);
        tokenizer.Read();
        markerStart = tokenizer.Position;
        var marker = ParseMarkerGroup(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        return marker;
    }

    // extras = (LEFT_BRACKET wsp* extras_list? wsp* RIGHT_BRACKET)?
    private static IReadOnlyList<string> ParseExtras(DependencyTokenizer tokenizer)
    {
        if (!tokenizer.Check(TokenKind.LeftBracket, peek: true)) return [];
        var open = Open(tokenizer, TokenKind.LeftBracket);
        tokenizer.Consume(TokenKind.Whitespace);
        var extras = ParseExtrasList(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        Close(tokenizer, open, TokenKind.RightBracket, "Expected matching RIGHT_BRACKET for LEFT_BRACKET, after extras");
        return extras;
    }

    // extras_list = identifier (wsp* ',' wsp* identifier)*
    private static List<string> ParseExtrasList(DependencyTokenizer tokenizer)
    {
        var extras = new List<string>();
        if (!tokenizer.Check(TokenKind.Identifier)) return extras;
        extras.Add(tokenizer.Read());
        while (true)
        {
            tokenizer.Consume(TokenKind.Whitespace);
            if (tokenizer.Check(TokenKind.Identifier, peek: true))
                throw tokenizer.SyntaxError("Expected comma between extra names");
            if (!tokenizer.Check(TokenKind.Comma)) break;
            tokenizer.Read();
            tokenizer.Consume(TokenKind.Whitespace);
            extras.Add(tokenizer.Expect(TokenKind.Identifier, "extra name after comma"));
        }
        return extras;
    }

    // specifier = LEFT_PARENTHESIS WS? version_many WS? RIGHT_PARENTHESIS | WS? version_many WS?
    private static string ParseSpecifier(DependencyTokenizer tokenizer)
    {
        var open = Open(tokenizer, TokenKind.LeftParenthesis);
        tokenizer.Consume(TokenKind.Whitespace);
        var specifiers = ParseVersionMany(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        Close(tokenizer, open, TokenKind.RightParenthesis,
            "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after version specifier");
        return specifiers;
    }

    // version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?
    private static string ParseVersionMany(DependencyTokenizer tokenizer)
    {
        var specifiers = "";
        while (tokenizer.Check(TokenKind.Specifier))
        {
            var spanStart = tokenizer.Position;
            specifiers += tokenizer.Read();
            if (tokenizer.Check(TokenKind.VersionPrefixTrail, peek: true))
                throw tokenizer.SyntaxError(".* suffix can only be used with `==` or `!=` operators", spanStart);
            if (tokenizer.Check(TokenKind.VersionLocalLabelTrail, peek: true))
                throw tokenizer.SyntaxError("Local version label can only be used with `==` or `!=` operators", spanStart);
            tokenizer.Consume(TokenKind.Whitespace);
            if (!tokenizer.Check(TokenKind.Comma)) break;
            specifiers += tokenizer.Read();
            tokenizer.Consume(TokenKind.Whitespace);
        }
        return specifiers;
    }

    // Parentheses deeper than this are refused instead of recursing until the stack overflows, which would kill the
    // process (found by the fuzzer). packaging itself stops at Python's recursion limit; real markers nest two or three.
    private const int MaxMarkerDepth = 100;

    // marker = marker_atom (BOOLOP marker_atom)+
    private static MarkerGroup ParseMarkerGroup(DependencyTokenizer tokenizer, int depth = 0)
    {
        if (depth > MaxMarkerDepth)
        {
            throw tokenizer.SyntaxError($"Markers nested more than {MaxMarkerDepth} parentheses deep");
        }

        var atoms = new List<MarkerNode> { ParseMarkerAtom(tokenizer, depth) };
        var joiners = new List<string>();
        while (tokenizer.Check(TokenKind.BoolOp))
        {
            joiners.Add(tokenizer.Read());
            atoms.Add(ParseMarkerAtom(tokenizer, depth));
        }
        return new MarkerGroup(atoms, joiners);
    }

    // marker_atom = WS? LEFT_PARENTHESIS WS? marker WS? RIGHT_PARENTHESIS WS? | WS? marker_item WS?
    private static MarkerNode ParseMarkerAtom(DependencyTokenizer tokenizer, int depth)
    {
        tokenizer.Consume(TokenKind.Whitespace);
        MarkerNode marker;
        if (tokenizer.Check(TokenKind.LeftParenthesis, peek: true))
        {
            var open = Open(tokenizer, TokenKind.LeftParenthesis);
            tokenizer.Consume(TokenKind.Whitespace);
            marker = ParseMarkerGroup(tokenizer, depth + 1);
            tokenizer.Consume(TokenKind.Whitespace);
            Close(tokenizer, open, TokenKind.RightParenthesis,
                "Expected matching RIGHT_PARENTHESIS for LEFT_PARENTHESIS, after marker expression");
        }
        else
        {
            marker = ParseMarkerItem(tokenizer);
        }
        tokenizer.Consume(TokenKind.Whitespace);
        return marker;
    }

    // marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
    private static MarkerComparison ParseMarkerItem(DependencyTokenizer tokenizer)
    {
        tokenizer.Consume(TokenKind.Whitespace);
        var left = ParseMarkerVar(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        var op = ParseMarkerOp(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        var right = ParseMarkerVar(tokenizer);
        tokenizer.Consume(TokenKind.Whitespace);
        return new MarkerComparison(left, op, right);
    }

    // marker_var = VARIABLE | QUOTED_STRING
    private static MarkerOperand ParseMarkerVar(DependencyTokenizer tokenizer)
    {
        if (tokenizer.Check(TokenKind.Variable))
        {
            var name = tokenizer.Read().Replace('.', '_');
            return new MarkerOperand(name == "python_implementation" ? "platform_python_implementation" : name, IsVariable: true);
        }
        if (tokenizer.Check(TokenKind.QuotedString))
        {
            var start = tokenizer.Position;
            return new MarkerOperand(PythonStringLiteral.Decode(tokenizer.Read(), tokenizer.Source, start), IsVariable: false);
        }
        throw tokenizer.SyntaxError("Expected a marker variable or quoted string");
    }

    // marker_op = IN | NOT IN | OP
    private static string ParseMarkerOp(DependencyTokenizer tokenizer)
    {
        if (tokenizer.Check(TokenKind.In))
        {
            tokenizer.Read();
            return "in";
        }
        if (tokenizer.Check(TokenKind.Not))
        {
            tokenizer.Read();
            tokenizer.Expect(TokenKind.Whitespace, "whitespace after 'not'");
            tokenizer.Expect(TokenKind.In, "'in' after 'not'");
            return "not in";
        }
        if (tokenizer.Check(TokenKind.Op)) return tokenizer.Read();
        throw tokenizer.SyntaxError("Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in");
    }

    // Tokenizer.enclosing_tokens: the opening token is optional; if it was there, the closing one is required.
    private static int? Open(DependencyTokenizer tokenizer, TokenKind open)
    {
        if (!tokenizer.Check(open)) return null;
        var position = tokenizer.Position;
        tokenizer.Read();
        return position;
    }

    private static void Close(DependencyTokenizer tokenizer, int? openPosition, TokenKind close, string message)
    {
        if (openPosition is null) return;
        if (!tokenizer.Check(close)) throw tokenizer.SyntaxError(message, openPosition);
        tokenizer.Read();
    }
}
