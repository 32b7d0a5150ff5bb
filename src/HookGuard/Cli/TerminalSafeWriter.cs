using System.Text;
using HookGuard.Core.Reporting;

namespace HookGuard.Cli;

/// <summary>
/// The last line of defence between text from files and the user's terminal: every control character but <c>\n</c> and
/// <c>\t</c> written through it comes out as <c>\xNN</c> (<see cref="TerminalText"/>), whatever path the text took
/// (an error message quoting a requirement line, a warning naming a venv, a line autostage changed). Standard error
/// always goes through it, and so does standard output, except that the coloured text report writes through one that
/// lets ESC pass (<see cref="CommandContext.ColouredOut"/>), since its colours are ESC sequences; that report escapes
/// what it takes from files itself.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner, bool passEscape) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (Passes(value)) inner.Write(value);
        else inner.Write(TerminalText.Escape(value.ToString()));
    }

    public override void Write(string? value)
    {
        if (value is null) return;
        inner.Write(Safe(value));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    // The line break is the writer's own (CRLF on Windows), never escaped.
    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    private bool Passes(char value) => !TerminalText.IsUnsafe(value, keepLineBreaks: true) || (passEscape && value == '\u001b');

    private string Safe(string value)
    {
        foreach (var character in value)
        {
            if (!Passes(character)) return Escape(value);
        }
        return value;
    }

    private string Escape(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        foreach (var character in value)
        {
            if (Passes(character)) escaped.Append(character);
            else escaped.Append(TerminalText.Escape(character.ToString()));
        }
        return escaped.ToString();
    }
}
