using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using HookGuard.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// SPEC sec. 7 / issue 11: no network access ever. Requirement lines that name indexes, find-links, direct URLs and VCS
/// URLs are read, never followed: the real executable is run without any network (a fresh network namespace, so a
/// connection attempt would fail at once) and under strace, which records every IPv4/IPv6 socket it opens; and the
/// assemblies HookGuard ships reference no networking type at all.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // unshare, strace
public sealed class NoNetworkSpecs(WheelhouseVenvs venvs, ITestOutputHelper output) : IClassFixture<WheelhouseVenvs>
{
    private const string UrlRequirements =
        "--index-url https://pypi.example.invalid/simple\n" +
        "--extra-index-url http://mirror.example.invalid/simple\n" +
        "--find-links http://wheels.example.invalid/\n" +
        "--trusted-host mirror.example.invalid\n" +
        "alpha==2.0\n" +
        "beta @ https://files.example.invalid/beta-1.0.tar.gz\n" +
        "-e git+https://git.example.invalid/gamma.git@v1#egg=gamma\n";

    /// <summary>Each command with the exit status it gives offline as online: beta and gamma are declared, not installed.</summary>
    public static TheoryData<string[], int> Commands => new()
    {
        { ["check"], 1 },
        { ["check", "--all", "--format", "json"], 1 },
        { ["status"], 1 },
        { ["fix"], 1 },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task URL_lines_are_read_without_any_network_and_no_internet_socket_is_opened(string[] command, int exitCode)
    {
        using var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        repo.WriteAndStage(("requirements.txt", UrlRequirements));
        var trace = Path.Combine(repo.Repo.Scratch, "strace.txt");
        Assert.True(File.Exists("/usr/bin/strace"), "strace is needed to record the sockets HookGuard opens; .ci/run installs it (apt package 'strace').");
        Assert.True(File.Exists("/usr/bin/unshare"), "unshare (util-linux) is needed to run HookGuard without a network.");

        var result = repo.Repo.Run("/usr/bin/unshare", ["--net", "--", "/usr/bin/strace", "-f", "-qq", "-e", "trace=socket,connect", "-o", trace,
            HookGuardExecutable.Path, .. command]);

        output.WriteLine(result.ToString());
        UserFacing.AssertNoStackTrace(result);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        // status gives a verdict line per project; the others name each finding.
        Assert.Contains(command[0] == "status" ? "requirements.txt" : "gamma", result.StandardOutput + result.StandardError);
        Assert.True(File.Exists(trace), "strace wrote no trace: the run was not observed");
        var internetSockets = File.ReadAllLines(trace).Where(line => line.Contains("AF_INET", StringComparison.Ordinal)).ToArray();
        Assert.True(internetSockets.Length == 0, "HookGuard opened internet sockets:\n" + string.Join('\n', internetSockets));
    }

    [Theory]
    [InlineData("hookguard.dll")]
    [InlineData("HookGuard.Core.dll")]
    public void The_shipped_assemblies_reference_no_networking_type(string assembly)
    {
        // The test build's copy (the NativeAOT smoke run points HookGuardExecutable elsewhere, at a binary with no assemblies).
        var path = Path.Combine(AppContext.BaseDirectory, assembly);
        Assert.True(File.Exists(path), $"the build's {assembly} was not found in {AppContext.BaseDirectory}");
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();

        var networking = metadata.TypeReferences
            .Select(handle => metadata.GetTypeReference(handle))
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))
            .Where(name => name.StartsWith("System.Net.", StringComparison.Ordinal) && !name.StartsWith("System.Net.WebUtility", StringComparison.Ordinal))
            .ToArray();

        Assert.True(networking.Length == 0, $"{assembly} references networking types: {string.Join(", ", networking)}");
        Assert.True(metadata.TypeReferences.Count > 10, "the scan read no type references: it would pass on anything");
    }
}
