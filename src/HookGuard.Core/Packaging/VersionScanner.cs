namespace HookGuard.Core.Packaging;

/// <summary>
/// A hand-written matcher for packaging's <c>VERSION_PATTERN</c> (packaging 24.1, <c>version.py</c>), anchored and
/// case-insensitive as <c>Version._regex</c> is. Hand-written because version parsing sits on the commit hook's hot
/// path; greedy scanning gives the regex's answer because no optional part of the pattern can start with what
/// the part before it may end with (checked against packaging by the differential specs).
/// </summary>
internal ref struct VersionScanner(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _position;

    public ReadOnlySpan<char> Epoch;
    public ReadOnlySpan<char> Release;
    public ReadOnlySpan<char> PreLabel;
    public ReadOnlySpan<char> PreNumber;
    public ReadOnlySpan<char> PostLabel;   // empty for the "-N" form
    public ReadOnlySpan<char> PostNumber;
    public bool HasPost;
    public ReadOnlySpan<char> DevNumber;
    public bool HasDev;
    public ReadOnlySpan<char> Local;
    public bool HasLocal;

    private static readonly string[] PreLabels = ["alpha", "a", "beta", "b", "preview", "pre", "c", "rc"];
    private static readonly string[] PostLabels = ["post", "rev", "r"];

    /// <summary>Matches the whole text; the fields then hold the named groups.</summary>
    public bool Match()
    {
        SkipSpace();
        if (_position < _text.Length && _text[_position] is 'v' or 'V') _position++;

        var first = Digits();
        if (first.IsEmpty) return false;
        int releaseStart;
        if (_position < _text.Length && _text[_position] == '!')
        {
            Epoch = first;
            releaseStart = ++_position;
            if (Digits().IsEmpty) return false;
        }
        else
        {
            releaseStart = _position - first.Length;
        }
        while (_position + 1 < _text.Length && _text[_position] == '.' && char.IsAsciiDigit(_text[_position + 1]))
        {
            _position++;
            Digits();
        }
        Release = _text[releaseStart.._position];

        MatchPre();
        MatchPost();
        MatchDev();
        MatchLocal();

        SkipSpace();
        return _position == _text.Length;
    }

    // (?P<pre>[-_\.]?(?P<pre_l>alpha|a|beta|b|preview|pre|c|rc)[-_\.]?(?P<pre_n>[0-9]+)?)?
    private void MatchPre()
    {
        var start = _position;
        SkipSeparator();
        var label = Keyword(PreLabels);
        if (label.IsEmpty)
        {
            _position = start;
            return;
        }
        PreLabel = label;
        SkipSeparator();
        PreNumber = Digits();
    }

    // (?P<post>(?:-(?P<post_n1>[0-9]+))|(?:[-_\.]?(?P<post_l>post|rev|r)[-_\.]?(?P<post_n2>[0-9]+)?))?
    private void MatchPost()
    {
        var start = _position;
        if (_position + 1 < _text.Length && _text[_position] == '-' && char.IsAsciiDigit(_text[_position + 1]))
        {
            _position++;
            PostNumber = Digits();
            HasPost = true;
            return;
        }
        SkipSeparator();
        var label = Keyword(PostLabels);
        if (label.IsEmpty)
        {
            _position = start;
            return;
        }
        HasPost = true;
        PostLabel = label;
        SkipSeparator();
        PostNumber = Digits();
    }

    // (?P<dev>[-_\.]?(?P<dev_l>dev)[-_\.]?(?P<dev_n>[0-9]+)?)?
    private void MatchDev()
    {
        var start = _position;
        SkipSeparator();
        if (Keyword(["dev"]).IsEmpty)
        {
            _position = start;
            return;
        }
        HasDev = true;
        SkipSeparator();
        DevNumber = Digits();
    }

    // (?:\+(?P<local>[a-z0-9]+(?:[-_\.][a-z0-9]+)*))?
    private void MatchLocal()
    {
        if (_position + 1 >= _text.Length || _text[_position] != '+' || !IsLocalChar(_text[_position + 1])) return;
        var start = ++_position;
        while (_position < _text.Length && IsLocalChar(_text[_position])) _position++;
        while (_position + 1 < _text.Length && IsSeparator(_text[_position]) && IsLocalChar(_text[_position + 1]))
        {
            _position++;
            while (_position < _text.Length && IsLocalChar(_text[_position])) _position++;
        }
        Local = _text[start.._position];
        HasLocal = true;
    }

    private ReadOnlySpan<char> Keyword(string[] alternatives)
    {
        foreach (var keyword in alternatives)
        {
            if (_position + keyword.Length > _text.Length) continue;
            var matches = true;
            for (var i = 0; i < keyword.Length && matches; i++)
                matches = MatchesIgnoringCase(_text[_position + i], keyword[i]);
            if (!matches) continue;
            var label = _text.Slice(_position, keyword.Length);
            _position += keyword.Length;
            return label;
        }
        return default;
    }

    /// <summary>
    /// Python's <c>re.IGNORECASE</c> for an ASCII letter: its other case, plus the non-ASCII letters Python
    /// folds onto it (KELVIN SIGN for k, LONG S for s, dotless and dotted I for i).
    /// </summary>
    public static bool MatchesIgnoringCase(char c, char lowerAscii) =>
        c == lowerAscii || (c | 0x20) == lowerAscii && char.IsAsciiLetter(c)
        || lowerAscii switch
        {
            'k' => c == '\u212A',
            's' => c == '\u017F',
            'i' => c is '\u0131' or '\u0130',
            _ => false,
        };

    /// <summary><c>[a-z0-9]</c> under <c>re.IGNORECASE</c>.</summary>
    public static bool IsLocalChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '\u212A' or '\u017F' or '\u0131' or '\u0130';

    private static bool IsSeparator(char c) => c is '-' or '_' or '.';

    private void SkipSeparator()
    {
        if (_position < _text.Length && IsSeparator(_text[_position])) _position++;
    }

    private void SkipSpace()
    {
        while (_position < _text.Length && PythonText.IsSpace(_text[_position])) _position++;
    }

    private ReadOnlySpan<char> Digits()
    {
        var start = _position;
        while (_position < _text.Length && char.IsAsciiDigit(_text[_position])) _position++;
        return _text[start.._position];
    }
}
