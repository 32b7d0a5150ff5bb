using System.Globalization;
using System.Text;
using HookGuard.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// The bad-input corpus (issue 11): hostile requirement files, includes and venvs, generated here, staged in a real
/// repository and checked by the real executable under a time limit. Each gives a correct answer or one clear error
/// naming the file, exit 2; never a stack trace, never a hang. Big inputs are measured (wall time, peak memory).
/// Corrupt index, damaged pack, truncated objects, a corrupt METADATA cache and a malformed pyvenv.cfg are covered
/// elsewhere (StagedIndexSpecs, DamagedObjectSpecs, MetadataCacheSpecs, BadInputSpecs).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // symlinks, FIFOs, file modes, setpriv
public sealed class BadInputCorpusSpecs(WheelhouseVenvs venvs, ITestOutputHelper output) : IClassFixture<WheelhouseVenvs>
{
    /// <summary>Longer than any honest check takes here; a hang fails the spec instead of the whole run.</summary>
    private const int TimeLimitSeconds = 120;

    private sealed record Measured(GitCommandResult Result, double Seconds, long PeakKilobytes);

    /// <summary><c>hookguard check ARGS</c> under <c>timeout</c> and GNU time, which report a hang and the peak RSS.</summary>
    private Measured Check(GuardedRepo repo, params string[] arguments)
    {
        var figures = Path.Combine(repo.Repo.Scratch, "time-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.True(File.Exists("/usr/bin/time"), "GNU time (/usr/bin/time) is needed to measure memory; .ci/run installs it (apt package 'time').");
        var result = repo.Repo.Run("/usr/bin/time", ["-f", "%e %M", "-o", figures, "timeout", TimeLimitSeconds.ToString(CultureInfo.InvariantCulture),
            HookGuardExecutable.Path, "check", .. arguments]);
        Assert.True(result.ExitCode != 124, $"hookguard check did not finish within {TimeLimitSeconds} s (a hang): {result}");
        var parts = File.ReadAllLines(figures).Last().Split(' ');
        var measured = new Measured(result, double.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
        output.WriteLine($"exit {result.ExitCode}, {measured.Seconds:0.00} s, peak {measured.PeakKilobytes / 1024} MB");
        return measured;
    }

    private static void AssertClearError(GitCommandResult result, string mustName)
    {
        Assert.True(result.ExitCode == 2, $"expected a clear error, exit 2: {result}");
        UserFacing.AssertNoStackTrace(result);
        Assert.Contains(mustName, result.StandardError);
    }

    private async Task<GuardedRepo> RepoAsync()
    {
        var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("", "alpha==2.0");
        return repo;
    }

    public static TheoryData<string, byte[]> UndecodableFiles => new()
    {
        { "invalid UTF-8", [.. "alpha==2.0\n"u8, 0xC3, 0x28, 0x80, 0xFF, (byte)'\n'] },
        { "binary (an ELF header and zeros)", [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[4096]] },
        { "a NUL byte inside a requirement", [.. "alpha==2.0\nbe"u8, 0, .. "ta==1.0\n"u8] },
    };

    [Theory]
    [MemberData(nameof(UndecodableFiles))]
    public async Task An_undecodable_requirement_file_is_a_clear_error_naming_it(string what, byte[] content)
    {
        using var repo = await RepoAsync();
        repo.WriteBytes("requirements.txt", content);
        repo.Stage("requirements.txt");

        var check = Check(repo);

        output.WriteLine(what);
        AssertClearError(check.Result, "requirements.txt");
    }

    [Fact]
    public async Task A_100_MB_requirement_file_is_checked_in_seconds_and_bounded_memory()
    {
        using var repo = await RepoAsync();
        // 1.1 million comment lines of 96 bytes around the one real requirement: about 100 MB, generated, never committed to this repository.
        var path = Path.Combine(repo.WorkTree, "requirements.txt");
        using (var file = new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 20))
        {
            var comment = "# " + new string('x', 93);
            for (var line = 0; line < 550_000; line++)
            {
                file.Write(comment);
                file.Write('\n');
            }

            file.Write("alpha==2.0\n");
            for (var line = 0; line < 550_000; line++)
            {
                file.Write(comment);
                file.Write('\n');
            }
        }

        Assert.True(new FileInfo(path).Length > 100_000_000);
        repo.Stage("requirements.txt");

        var check = Check(repo);

        Assert.True(check.Result.ExitCode == 0, check.Result.ToString());
        Assert.True(check.Seconds < 30, $"a 100 MB requirement file took {check.Seconds} s");
        Assert.True(check.PeakKilobytes < 640 * 1024, $"a 100 MB requirement file took {check.PeakKilobytes / 1024} MB at peak");
    }

    [Fact]
    public async Task A_10_MB_line_is_read_as_one_line()
    {
        using var repo = await RepoAsync();
        repo.Write("requirements.txt", "alpha==2.0  # " + new string('x', 10_000_000) + "\n");
        repo.Stage("requirements.txt");

        var check = Check(repo);

        Assert.True(check.Result.ExitCode == 0, check.Result.ToString());
        Assert.True(check.Seconds < 20, $"a 10 MB line took {check.Seconds} s");
    }

    [Fact]
    public async Task A_10_MB_requirement_name_is_reported_at_its_line()
    {
        using var repo = await RepoAsync();
        repo.Write("requirements.txt", "alpha==2.0\n" + new string('a', 10_000_000) + "==1.0\n");
        repo.Stage("requirements.txt");

        var check = Check(repo);

        // A long name is still a name: the line is read, and the package it names is not installed.
        Assert.True(check.Result.ExitCode == 1, check.Result.ToString());
        UserFacing.AssertNoStackTrace(check.Result);
        Assert.Contains("requirements.txt:2", check.Result.StandardOutput + check.Result.StandardError);
        Assert.True(check.Seconds < 20, $"a 10 MB name took {check.Seconds} s");
    }

    [Fact]
    public async Task A_chain_of_200_includes_is_followed_to_its_end()
    {
        using var repo = await RepoAsync();
        repo.Write("requirements.txt", "-r reqs/r0.txt\n");
        for (var level = 0; level < 200; level++)
        {
            repo.Write($"reqs/r{level}.txt", level == 199 ? "alpha==1.0\n" : $"-r r{level + 1}.txt\n");
        }

        repo.Repo.GitOk("add", "-A");

        var check = Check(repo);

        Assert.True(check.Result.ExitCode == 1, $"the pin at the end of the chain differs from the venv: {check.Result}");
        Assert.Contains("reqs/r199.txt:1", check.Result.StandardOutput);
    }

    [Fact]
    public async Task An_include_cycle_is_a_clear_error_naming_the_line_that_closes_it()
    {
        using var repo = await RepoAsync();
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n-r more.txt\n"), ("more.txt", "# loops back\n-r requirements.txt\n"));

        var check = Check(repo);

        AssertClearError(check.Result, "more.txt:2");
    }

    public static TheoryData<string> HostileIncludes => new()
    {
        "../../outside.txt",
        "/etc/passwd",
        "/dev/zero",
        "fifo.txt",
    };

    [Theory]
    [MemberData(nameof(HostileIncludes))]
    public async Task An_include_that_leaves_the_repository_or_names_a_device_or_fifo_is_a_clear_error_not_a_hang(string include)
    {
        using var repo = await RepoAsync();
        File.WriteAllText(Path.Combine(repo.WorkTree, "..", "outside.txt"), "alpha==2.0\n");
        repo.Repo.Run("mkfifo", [Path.Combine(repo.WorkTree, "fifo.txt")]);
        Assert.True(File.Exists(Path.Combine(repo.WorkTree, "fifo.txt")), "mkfifo failed");
        repo.WriteAndStage(("requirements.txt", $"alpha==2.0\n-r {include}\n"));

        var check = Check(repo);

        AssertClearError(check.Result, "requirements.txt:2");
    }

    private static string SitePackages(string venv) => Path.Combine(venv, "lib", "python" + WheelhouseVenvs.PythonVersion, "site-packages");

    [Fact]
    public async Task A_directory_symlink_loop_in_site_packages_is_not_followed_and_the_answer_is_pips()
    {
        using var repo = await RepoAsync();
        Directory.CreateSymbolicLink(Path.Combine(SitePackages(repo.VenvPath("")), "self"), ".");
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));

        var frozen = await venvs.FreezeAsync(repo.VenvPath(""));
        var check = Check(repo);

        Assert.Equal(["alpha==2.0"], frozen);
        Assert.True(check.Result.ExitCode == 0, check.Result.ToString());
    }

    public static TheoryData<string> LoopingInfoDirectories => new() { "self-loop", "two-link loop" };

    [Theory]
    [MemberData(nameof(LoopingInfoDirectories))]
    public async Task A_dist_info_symlink_loop_is_a_clear_error_naming_it_where_pip_freeze_crashes(string kind)
    {
        using var repo = await RepoAsync();
        var site = SitePackages(repo.VenvPath(""));
        if (kind == "self-loop")
        {
            File.CreateSymbolicLink(Path.Combine(site, "loop.dist-info"), "loop.dist-info");
        }
        else
        {
            File.CreateSymbolicLink(Path.Combine(site, "loop.dist-info"), "pong.dist-info");
            File.CreateSymbolicLink(Path.Combine(site, "pong.dist-info"), "loop.dist-info");
        }

        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));

        var pip = repo.Repo.Run(WheelhouseVenvs.Python, ["-m", "pip", "--python", WheelhouseVenvs.VenvPython(repo.VenvPath("")), "freeze", "--disable-pip-version-check"]);
        var check = Check(repo);

        Assert.True(pip.ExitCode != 0 && pip.StandardError.Contains("Too many levels of symbolic links"), $"pip freeze was expected to crash on the loop: {pip}");
        AssertClearError(check.Result, "loop.dist-info");
    }

    private static string AlphaMetadata(string venv) =>
        Path.Combine(SitePackages(venv), "alpha-2.0.dist-info", "METADATA");

    [Fact]
    public async Task Installed_metadata_without_a_name_is_a_clear_error_naming_the_file()
    {
        using var repo = await RepoAsync();
        File.WriteAllText(AlphaMetadata(repo.VenvPath("")), "Metadata-Version: 2.1\nVersion: 2.0\n");
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));

        var check = Check(repo);

        AssertClearError(check.Result, "METADATA");
    }

    [Fact]
    public async Task Installed_metadata_with_an_invalid_version_gives_a_clear_answer_naming_the_file()
    {
        using var repo = await RepoAsync();
        File.WriteAllText(AlphaMetadata(repo.VenvPath("")), "Metadata-Version: 2.1\nName: alpha\nVersion: two point oh!\n");
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));

        var check = Check(repo);

        UserFacing.AssertNoStackTrace(check.Result);
        // pip freeze prints such a version as it is (alpha==two point oh!), so HookGuard reads it as pip does: ==2.0
        // does not accept it, which is drift (exit 1) naming the installed text, not a refusal of the venv.
        Assert.True(check.Result.ExitCode == 1, check.Result.ToString());
        Assert.Contains("two point oh!", check.Result.StandardOutput + check.Result.StandardError);
    }

    [Fact]
    public async Task Two_installed_copies_of_one_distribution_give_pips_answer()
    {
        using var repo = await RepoAsync();
        var site = SitePackages(repo.VenvPath(""));
        var older = Path.Combine(site, "alpha-1.0.dist-info");
        Directory.CreateDirectory(older);
        File.WriteAllText(Path.Combine(older, "METADATA"), "Metadata-Version: 2.1\nName: alpha\nVersion: 1.0\n");
        var frozen = await venvs.FreezeAsync(repo.VenvPath(""));
        var pipsAlpha = Assert.Single(frozen, line => line.StartsWith("alpha==", StringComparison.Ordinal));
        repo.WriteAndStage(("requirements.txt", pipsAlpha + "\n"));

        var check = Check(repo);

        output.WriteLine($"pip freeze: {string.Join(", ", frozen)}");
        UserFacing.AssertNoStackTrace(check.Result);
        Assert.True(check.Result.ExitCode == 0, $"pip freeze says {pipsAlpha}; so must HookGuard: {check.Result}");
    }

    [Fact]
    public async Task A_pyvenv_cfg_that_lies_about_the_python_version_is_read_by_the_layout()
    {
        using var repo = await RepoAsync();
        var config = Path.Combine(repo.VenvPath(""), "pyvenv.cfg");
        var lying = string.Join('\n', File.ReadAllLines(config).Select(line =>
            line.StartsWith("version", StringComparison.OrdinalIgnoreCase) ? line.Split('=')[0] + "= 3.99.0" : line)) + "\n";
        File.WriteAllText(config, lying);
        repo.WriteAndStage(("requirements.txt", "alpha==1.0\n"));

        var check = Check(repo);

        UserFacing.AssertNoStackTrace(check.Result);
        // The venv is read by its layout on disk (lib/python3.X), as its own Python would find site-packages, so the
        // lie changes nothing: the real drift is found (alpha 2.0 installed, 1.0 declared).
        Assert.True(check.Result.ExitCode == 1, check.Result.ToString());
        Assert.Contains("alpha", check.Result.StandardOutput + check.Result.StandardError);
    }

    public static TheoryData<string> UnreadableFiles => new() { "METADATA", "pyvenv.cfg", "index" };

    /// <summary>
    /// Root reads any file whatever its mode, so the check runs as <c>nobody</c> (util-linux <c>setpriv</c>); the
    /// repository and venv stay root's and readable, but for the one file under test.
    /// </summary>
    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task An_unreadable_file_read_by_a_non_root_user_is_a_clear_error_naming_it(string which)
    {
        using var repo = await RepoAsync();
        repo.WriteAndStage(("requirements.txt", "alpha==2.0\n"));
        var unreadable = which switch
        {
            "METADATA" => AlphaMetadata(repo.VenvPath("")),
            "pyvenv.cfg" => Path.Combine(repo.VenvPath(""), "pyvenv.cfg"),
            _ => Path.Combine(repo.WorkTree, ".git", "index"),
        };
        File.SetUnixFileMode(unreadable, UnixFileMode.None);
        Assert.True(File.Exists("/usr/bin/setpriv"), "setpriv (util-linux) is needed to run the check as a non-root user.");

        var check = repo.Repo.Run("/usr/bin/setpriv", ["--reuid=nobody", "--regid=nogroup", "--clear-groups",
            "timeout", TimeLimitSeconds.ToString(CultureInfo.InvariantCulture), HookGuardExecutable.ReachableByAnyUser, "check"]);

        AssertClearError(check, Path.GetFileName(unreadable));
        Assert.Contains("denied", check.StandardError);
    }
}
