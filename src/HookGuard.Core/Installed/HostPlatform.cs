namespace HookGuard.Core.Installed;

/// <summary>
/// The machine HookGuard runs on, as Python's own functions would describe it there: <c>os.name</c>,
/// <c>sys.platform</c>, <c>platform.system()</c>, <c>platform.machine()</c>, <c>platform.release()</c>,
/// <c>platform.version()</c>. A venv of this machine's layout runs here, so its markers are these.
/// </summary>
public sealed record HostPlatform(
    string OsName,
    string SysPlatform,
    string PlatformSystem,
    string PlatformMachine,
    string PlatformRelease,
    string PlatformVersion)
{
    /// <summary>The layout a venv made on this machine has.</summary>
    public VenvLayoutKind NativeLayout => OsName == "nt" ? VenvLayoutKind.Windows : VenvLayoutKind.Posix;
}
