using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Commit;

/// <summary>
/// "Text printed from files escapes control characters" (SPEC sec. 11), through the real executable: a venv holding a
/// METADATA whose Name and Version carry ESC sequences, BEL, CR and C1 controls, and requirement lines carrying them,
/// in every report format, coloured or not, in a commit and in the error paths; no raw control byte but a line break
/// (and, in a coloured text report, the report's own colours) reaches stdout or stderr.
/// </summary>
public sealed class HostileTextSpecs(WheelhouseVenvs venvs) : IClassFixture<WheelhouseVenvs>
{
    private const string Hostile = "\u001b[31m\u001b]0;pwned\u0007\u009b2J\u007f\u202Egpj.exe";
    private static readonly string[] OwnColours = ["\u001b[0m", "\u001b[1m", "\u001b[31m", "\u001b[32m", "\u001b[33m", "\u001b[36m"];

    private async Task<GuardedRepo> RepositoryAsync(string requirements, bool hostileVenv = true)
    {
        var repo = new GuardedRepo(venvs);
        await repo.VenvAsync("api", "alpha==2.0");
        if (!hostileVenv)
        {
            repo.WriteAndStage(("api/requirements.txt", requirements));
            return repo;
        }
        var site = Directory.GetDirectories(Path.Combine(repo.VenvPath("api"), "lib"), "python3*").Single();
        // A distribution nobody declares, so every report names it and its version.
        PythonVenv.WriteFile(Path.Combine(site, "site-packages", "evil-1.0.dist-info", "METADATA"),
            $"Metadata-Version: 2.1\nName: evil{Hostile}\r\n  folded{Hostile}\nVersion: 1.0{Hostile}\n\n");
        repo.WriteAndStage(("api/requirements.txt", requirements));
        return repo;
    }

    private static void AssertNoControlCharacters(GitCommandResult result, bool colouredStdout = false)
    {
        var stdout = colouredStdout ? OwnColours.Aggregate(result.StandardOutput, (rest, colour) => rest.Replace(colour, "")) : result.StandardOutput;
        foreach (var (stream, text) in new[] { ("stdout", stdout), ("stderr", result.StandardError) })
        {
            var bad = text.FirstOrDefault(c => (char.IsControl(c) && c != '\n') || c is '\u202E');
            Assert.True(bad == default, $"U+{(int)bad:X4} on {stream}: {result}");
        }
    }

    [Theory]
    [InlineData("text")]
    [InlineData("json")]
    [InlineData("github")]
    [InlineData("markdown")]
    public async Task A_hostile_metadata_and_requirement_line_print_escaped_in_every_format(string format)
    {
        using var repo = await RepositoryAsync($"alpha==1.0 ; os_name != \"{Hostile}\"\n");

        var check = repo.HookGuard("check", "--format", format);

        Assert.Equal(1, check.ExitCode);
        AssertNoControlCharacters(check);
        Assert.Contains("evil", check.StandardOutput);
        // Each format's own escape: JSON's encoder, Markdown's visible \uXXXX, \xNN elsewhere.
        Assert.Contains(format switch { "json" => @"\u001B[31m", "markdown" => "u001B", _ => @"\x1b[31m" }, check.StandardOutput,
            StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_coloured_report_has_its_own_colours_and_none_from_the_files()
    {
        using var repo = await RepositoryAsync($"alpha==1.0 ; os_name != \"{Hostile}\"\n");

        var check = HookGuardExecutable.Run(repo.Repo, ["check"], environment: new Dictionary<string, string?> { ["FORCE_COLOR"] = "1" });

        Assert.Equal(1, check.ExitCode);
        Assert.Contains("\u001b[31mversion-mismatch\u001b[0m", check.StandardOutput);
        AssertNoControlCharacters(check, colouredStdout: true);
        Assert.DoesNotContain("\u001b]0;", check.StandardOutput);
        Assert.Contains(@"\x1b]0;pwned\x07", check.StandardOutput);
    }

    [Fact]
    public async Task Fix_prints_the_hostile_line_it_changed_escaped_even_when_colour_is_on()
    {
        // Colour lets ESC through for the check report only, which escapes file text itself; fix's lines go through the
        // escaping writer like every other output. (A hostile name is never appended: the editor refuses it.)
        using var repo = await RepositoryAsync($"alpha==1.0 ; os_name != \"{Hostile}\"\n", hostileVenv: false);

        var fix = HookGuardExecutable.Run(repo.Repo, ["fix"], environment: new Dictionary<string, string?> { ["FORCE_COLOR"] = "1" });

        Assert.True(fix.ExitCode is 0 or 1, fix.ToString());
        Assert.Contains("fixed", fix.StandardOutput);
        AssertNoControlCharacters(fix);
        Assert.Contains(@"\x1b[31m", fix.StandardOutput);
    }

    [Fact]
    public async Task A_commit_blocked_by_a_hostile_venv_prints_it_escaped()
    {
        using var repo = await RepositoryAsync("alpha==2.0\n");
        repo.InstallHook();

        var commit = repo.GitCommit("-m", "x");

        UserFacing.AssertBlocked(commit);
        AssertNoControlCharacters(commit);
        Assert.Contains(@"evil\x1b[31m", commit.StandardOutput + commit.StandardError);
    }

    [Theory]
    [InlineData("alpha==2.0 and junk{0}\n")]
    [InlineData("alpha==2.0 --unknown-option{0}\n")]
    [InlineData("-r missing{0}.txt\n")]
    [InlineData("alpha==2.0 ; os_name == \"posix\" and ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((os_name == \"{0}\"))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))\n")]
    public async Task A_malformed_hostile_requirement_line_is_an_error_printed_escaped(string line)
    {
        using var repo = await RepositoryAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, line, Hostile));

        var check = repo.HookGuard("check");

        Assert.Equal(2, check.ExitCode);
        UserFacing.AssertNoStackTrace(check);
        AssertNoControlCharacters(check);
        Assert.Contains("api/requirements.txt:1", check.StandardError);
    }
}
