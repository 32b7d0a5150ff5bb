using System.Text;
using HookGuard.Core.Deploy;
using HookGuard.Core.Packaging;

namespace HookGuard.Tests.Deploy;

internal static class DeployFixtures
{
    public static readonly MarkerEnvironment Linux311 = MarkerEnvironment.Create("3.11.7", "posix", "linux", "Linux", "x86_64", "6.1.0", "#1 SMP");
    public static readonly MarkerEnvironment Mac311 = MarkerEnvironment.Create("3.11.7", "posix", "darwin", "Darwin", "arm64", "23.1.0", "Darwin Kernel");
    public static readonly MarkerEnvironment Linux312 = MarkerEnvironment.Create("3.12.4", "posix", "linux", "Linux", "x86_64", "6.1.0", "#1 SMP");

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    public static DeployTarget Single(TargetReading reading)
    {
        Assert.Empty(reading.Problems);
        return Assert.Single(reading.Targets);
    }

    public static TargetProblem Problem(TargetReading reading)
    {
        Assert.Empty(reading.Targets);
        return Assert.Single(reading.Problems);
    }
}
