namespace HookGuard.Core.Packaging;

/// <summary>
/// The text of packaging's <c>Specifier._operator_regex_str + Specifier._version_regex_str</c>
/// (packaging 24.1), shared by the specifier parser and the requirement tokenizer.
/// <c>[\s\x1c-\x1f]</c> stands for Python's <c>\s</c>, and the letters Python's <c>re.IGNORECASE</c> folds onto
/// s and i (LONG S, dotless and dotted I) are spelled out because .NET's case-insensitivity does not fold them.
/// </summary>
internal static class SpecifierRegexBody
{
    public const string Body = """
        (?<operator>(~=|==|!=|<=|>=|<|>|===))
        (?<version>
            (?:
                (?<====)
                [\s\x1c-\x1f]*
                [^\s\x1c-\x1f;)]*
            )
            |
            (?:
                (?<===|!=)
                [\s\x1c-\x1f]*
                v?
                (?:[0-9]+!)?
                [0-9]+(?:\.[0-9]+)*
                (?:
                    \.\*
                    |
                    (?:
                        [-_\.]?
                        (alpha|beta|prev[i\u0131\u0130]ew|pre|a|b|c|rc)
                        [-_\.]?
                        [0-9]*
                    )?
                    (?:
                        (?:-[0-9]+)|(?:[-_\.]?(po[s\u017F]t|rev|r)[-_\.]?[0-9]*)
                    )?
                    (?:[-_\.]?dev[-_\.]?[0-9]*)?
                    (?:\+[a-z0-9\u017F\u0131\u0130]+(?:[-_\.][a-z0-9\u017F\u0131\u0130]+)*)?
                )?
            )
            |
            (?:
                (?<=~=)
                [\s\x1c-\x1f]*
                v?
                (?:[0-9]+!)?
                [0-9]+(?:\.[0-9]+)+
                (?:
                    [-_\.]?
                    (alpha|beta|prev[i\u0131\u0130]ew|pre|a|b|c|rc)
                    [-_\.]?
                    [0-9]*
                )?
                (?:
                    (?:-[0-9]+)|(?:[-_\.]?(po[s\u017F]t|rev|r)[-_\.]?[0-9]*)
                )?
                (?:[-_\.]?dev[-_\.]?[0-9]*)?
            )
            |
            (?:
                (?<!==|!=|~=)
                [\s\x1c-\x1f]*
                v?
                (?:[0-9]+!)?
                [0-9]+(?:\.[0-9]+)*
                (?:
                    [-_\.]?
                    (alpha|beta|prev[i\u0131\u0130]ew|pre|a|b|c|rc)
                    [-_\.]?
                    [0-9]*
                )?
                (?:
                    (?:-[0-9]+)|(?:[-_\.]?(po[s\u017F]t|rev|r)[-_\.]?[0-9]*)
                )?
                (?:[-_\.]?dev[-_\.]?[0-9]*)?
            )
        )
        """;

    /// <summary>Specifier._regex: the whole string is one specifier, whitespace around allowed.</summary>
    public const string Anchored = @"^[\s\x1c-\x1f]*" + Body + @"[\s\x1c-\x1f]*$";

    /// <summary>The tokenizer's SPECIFIER rule: a match starting exactly at the current position.</summary>
    public const string AtPosition = @"\G" + Body;
}
