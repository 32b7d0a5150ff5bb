using System.Text;
using Microsoft.Win32.SafeHandles;

namespace HookGuard.Cli;

/// <summary>
/// The process's stdout and stderr as plain UTF-8 writers. On Unix they write to file descriptors 1 and 2 directly,
/// not through <see cref="Console"/>: the first write through <see cref="Console"/> to a terminal initialises it and
/// sends terminfo's <c>keypad_xmit</c> (<c>ESC[?1h ESC=</c>), which a hook that never reads a key has no business
/// sending, which <c>NO_COLOR</c> users rightly read as an escape sequence, and which .NET does not always undo
/// (https://github.com/dotnet/corefx/issues/32805). Each write is flushed at once, so stdout and stderr lines keep
/// their order on a shared terminal.
/// </summary>
internal static class StandardStreams
{
    public static TextWriter Output() => Open(1, Console.OpenStandardOutput, () => Console.Out);

    public static TextWriter Error() => Open(2, Console.OpenStandardError, () => Console.Error);

    private static TextWriter Open(int descriptor, Func<Stream> portable, Func<TextWriter> console)
    {
        try
        {
            var stream = OperatingSystem.IsWindows()
                ? portable()
                : new FileStream(new SafeFileHandle(descriptor, ownsHandle: false), FileAccess.Write, bufferSize: 0);
            return new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { AutoFlush = true };
        }
        catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return console(); // a closed or odd descriptor: let Console cope as it always has
        }
    }
}
