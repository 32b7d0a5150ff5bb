using System.Runtime.InteropServices;
using System.Text;

namespace HookGuard.Venv;

/// <summary>
/// <see cref="FileProbe"/> on Linux: one <c>statx(2)</c> per question, relative to an <c>O_PATH</c> handle on the
/// directory. Against a full path (what <see cref="FileInfo"/> does) this saves the kernel walking the ten or more
/// components of a site-packages path for every file, a path string, a <see cref="FileInfo"/> and a
/// <c>geteuid</c> call: measured, the path walk alone was 30 % of a 20-project check.
/// </summary>
/// <remarks>
/// Where <c>statx</c> is missing or refused (glibc before 2.28, a container's seccomp filter, another libc) the
/// question goes to <see cref="PortableFileProbe"/>, which gives the same answer the slow way.
/// </remarks>
internal sealed partial class LinuxFileProbe : FileProbe
{
    private const string LibC = "libc.so.6";
    private const int OpenPath = 0x200000;      // O_PATH
    private const int OpenCloseOnExec = 0x80000; // O_CLOEXEC
    private const uint StatxBasicStats = 0x7FF; // STATX_BASIC_STATS
    private const int FileTypeMask = 0xF000;    // S_IFMT
    private const int RegularFile = 0x8000;     // S_IFREG
    private const int NoSuchFile = 2;           // ENOENT
    private const int NotADirectory = 20;       // ENOTDIR
    private const int NotPermitted = 1;         // EPERM
    private const int NotImplemented = 38;      // ENOSYS (x86-64 and arm64 alike)
    private const long UnixEpochTicks = 621_355_968_000_000_000;

    private static bool s_unavailable;
    private readonly int _handle;
    private readonly PortableFileProbe _fallback;
    private byte[] _path = new byte[512];

    private LinuxFileProbe(string directory, int handle)
    {
        Directory = directory;
        _handle = handle;
        _fallback = new PortableFileProbe(directory);
    }

    public override string Directory { get; }

    /// <summary>A probe on <paramref name="directory"/>, or null when this one cannot be used (the caller falls back).</summary>
    public static LinuxFileProbe? TryOpen(string directory)
    {
        // The flag values and struct layout below are those of x86-64 and arm64 (O_DIRECTORY, which differs, is not used).
        if (s_unavailable || RuntimeInformation.ProcessArchitecture is not (Architecture.X64 or Architecture.Arm64))
        {
            return null;
        }

        try
        {
            var handle = Open(directory, OpenPath | OpenCloseOnExec);
            return handle < 0 ? null : new LinuxFileProbe(directory, handle);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
            return null;
        }
    }

    public override FileStamp? Stat(string child, string? file)
    {
        var length = Utf8Path(child, file);
        if (length < 0 || s_unavailable)
        {
            return _fallback.Stat(child, file);
        }

        int result;
        StatxBuffer buffer;
        try
        {
            result = Statx(_handle, ref _path[0], flags: 0, StatxBasicStats, out buffer);
        }
        catch (EntryPointNotFoundException)
        {
            s_unavailable = true;
            return _fallback.Stat(child, file);
        }

        if (result != 0)
        {
            // ENOENT and ENOTDIR are answers; anything else is a question for FileInfo, and ENOSYS or EPERM (a kernel
            // without statx, a container's seccomp filter) means every later one is too.
            var error = Marshal.GetLastPInvokeError();
            if (error is NoSuchFile or NotADirectory)
            {
                return null;
            }

            s_unavailable |= error is NotImplemented or NotPermitted;
            return _fallback.Stat(child, file);
        }

        if ((buffer.Mode & FileTypeMask) != RegularFile)
        {
            return null;
        }

        var ticks = UnixEpochTicks + (buffer.ModifiedSeconds * TimeSpan.TicksPerSecond) + (buffer.ModifiedNanoseconds / 100);
        return new FileStamp((long)buffer.Size, ticks);
    }

    public override void Dispose() => Close(_handle);

    /// <summary>Writes <c>child/file\0</c> as UTF-8 into the path buffer; -1 when a name holds a NUL.</summary>
    private int Utf8Path(string child, string? file)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(child.Length + (file?.Length ?? 0) + 2);
        if (_path.Length < needed)
        {
            _path = new byte[needed];
        }

        var length = Encoding.UTF8.GetBytes(child, _path);
        if (file is not null)
        {
            _path[length++] = (byte)'/';
            length += Encoding.UTF8.GetBytes(file, _path.AsSpan(length));
        }

        if (_path.AsSpan(0, length).Contains((byte)0))
        {
            return -1;
        }

        _path[length] = 0;
        return length;
    }

    /// <summary>The start of <c>struct statx</c> (linux/stat.h), which is the same on every architecture.</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)] public ushort Mode;
        [FieldOffset(40)] public ulong Size;
        [FieldOffset(112)] public long ModifiedSeconds;
        [FieldOffset(120)] public uint ModifiedNanoseconds;
    }

    [LibraryImport(LibC, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport(LibC, EntryPoint = "statx", SetLastError = true)]
    private static partial int Statx(int directoryHandle, ref byte path, int flags, uint mask, out StatxBuffer buffer);

    [LibraryImport(LibC, EntryPoint = "close")]
    private static partial int Close(int handle);
}
