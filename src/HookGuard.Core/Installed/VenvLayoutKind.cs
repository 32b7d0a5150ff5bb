namespace HookGuard.Core.Installed;

/// <summary>
/// Which operating system's layout a venv has on disk (https://docs.python.org/3/library/venv.html#how-venvs-work),
/// which is the platform its interpreter runs on, whatever the machine that reads it.
/// </summary>
public enum VenvLayoutKind
{
    /// <summary><c>bin/</c> and <c>lib/pythonX.Y/site-packages</c>: made by a Python for Linux, macOS or another POSIX system.</summary>
    Posix,

    /// <summary><c>Scripts/</c> and <c>Lib/site-packages</c>: made by a Python for Windows.</summary>
    Windows,
}
