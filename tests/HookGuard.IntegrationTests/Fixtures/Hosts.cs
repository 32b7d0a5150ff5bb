using HookGuard.Core.Installed;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>Machines a venv may be read from, as Python there would describe them, for reading a venv as that machine would.</summary>
public static class Hosts
{
    public static HostPlatform Linux { get; } = new("posix", "linux", "Linux", "x86_64", "6.6.87.2-microsoft-standard-WSL2", "#1 SMP PREEMPT_DYNAMIC");

    public static HostPlatform Windows { get; } = new("nt", "win32", "Windows", "AMD64", "10", "10.0.22631");
}
