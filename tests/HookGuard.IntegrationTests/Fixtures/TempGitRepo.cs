using System.Runtime.InteropServices;
using System.Text;
using CliWrap;
using CliWrap.Buffered;

namespace HookGuard.IntegrationTests.Fixtures;

/// <summary>
/// A real git repository in a fresh temporary directory, driven by the real <c>git</c> with argument arrays, in a
/// clean environment: no <c>GIT_*</c>, <c>PIP_*</c> or <c>PYTHON*</c> variables from the test process, and a private
/// <c>HOME</c> whose <c>.gitconfig</c> names a user, so nothing from the developer's machine leaks in.
/// </summary>
public sealed class TempGitRepo : IDisposable
{
    private readonly string _root;

    /// <param name="directoryName">The repository directory's name (spaces, quotes, non-ASCII welcome).</param>
    /// <param name="init">Run <c>git init</c>.</param>
    public TempGitRepo(string directoryName = "repo", bool init = true)
    {
        _root = Path.Combine(Path.GetTempPath(), "hookguard-tests", Guid.NewGuid().ToString("N")[..12]);
        Home = Path.Combine(_root, "home");
        Directory.CreateDirectory(Home);
        File.WriteAllText(Path.Combine(Home, ".gitconfig"),
            "[user]\n\tname = HookGuard Tests\n\temail = tests@hookguard.invalid\n" +
            "[init]\n\tdefaultBranch = main\n[commit]\n\tgpgsign = false\n[core]\n\tautocrlf = false\n");
        WorkTree = Path.Combine(_root, directoryName);
        Directory.CreateDirectory(WorkTree);
        if (init)
        {
            GitOk("init", "--quiet");
        }
    }

    /// <summary>The work tree root.</summary>
    public string WorkTree { get; }

    /// <summary>The private HOME of every process this fixture starts.</summary>
    public string Home { get; }

    /// <summary>A scratch directory outside the repository, for files a test needs (stubs, records).</summary>
    public string Scratch => Directory.CreateDirectory(Path.Combine(_root, "scratch")).FullName;

    /// <summary>A sibling directory of the work tree (e.g. for a linked worktree).</summary>
    public string Sibling(string name) => Path.Combine(_root, name);

    /// <summary>The environment of every process started here: the clean variables, plus <paramref name="extra"/>.</summary>
    public IReadOnlyDictionary<string, string?> Environment(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var variables = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name.StartsWith("GIT_", StringComparison.Ordinal) || name.StartsWith("PIP_", StringComparison.Ordinal)
                || name.StartsWith("PYTHON", StringComparison.Ordinal) || name.StartsWith("HOOKGUARD_", StringComparison.Ordinal)
                || name is "VIRTUAL_ENV" or "XDG_CONFIG_HOME" or "EMAIL" or "NO_COLOR" or "FORCE_COLOR")
            {
                variables[name] = null; // CliWrap removes a variable set to null
            }
        }

        variables["HOME"] = Home;
        variables["USERPROFILE"] = Home;
        variables["GIT_CONFIG_NOSYSTEM"] = "1";
        // The hookguard apphost must find the runtime the tests run on, wherever the SDK is installed.
        if (System.Environment.GetEnvironmentVariable("DOTNET_ROOT") is null)
        {
            variables["DOTNET_ROOT"] = DotnetRoot();
        }
        foreach (var (name, value) in extra ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return variables;
    }

    /// <summary>The same clean environment as a plain dictionary, as <c>CommandContext.Environment</c> takes it.</summary>
    public IReadOnlyDictionary<string, string> EnvironmentForInProcess(IReadOnlyDictionary<string, string?>? extra = null) =>
        Environment(extra).Where(pair => pair.Value is not null).ToDictionary(pair => pair.Key, pair => pair.Value!, StringComparer.Ordinal);

    /// <summary>Runs git in <paramref name="workingDirectory"/> (default: the work tree); does not throw on failure.</summary>
    public GitCommandResult Git(string[] arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null) =>
        Run("git", arguments, workingDirectory, environment, standardInput);

    /// <summary>Runs git in the work tree and returns its output; throws with the whole output when it fails.</summary>
    public string GitOk(params string[] arguments)
    {
        var result = Git(arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed: {result}");
        }

        return result.StandardOutput;
    }

    /// <summary>Runs any program in the clean environment.</summary>
    public GitCommandResult Run(string program, string[] arguments, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null, string? standardInput = null)
    {
        var command = global::CliWrap.Cli.Wrap(program)
            .WithArguments(arguments)
            .WithWorkingDirectory(workingDirectory ?? WorkTree)
            .WithEnvironmentVariables(Environment(environment))
            .WithValidation(CommandResultValidation.None);
        if (standardInput is not null)
        {
            command = command.WithStandardInputPipe(PipeSource.FromString(standardInput));
        }

        var result = command.ExecuteBufferedAsync(Encoding.UTF8).GetAwaiter().GetResult();
        return new GitCommandResult(result.ExitCode, result.StandardOutput, result.StandardError);
    }

    /// <summary>Writes a work-tree file (UTF-8, exactly these characters), creating directories.</summary>
    public string WriteFile(string relativePath, string content)
    {
        var path = Path.Combine(WorkTree, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Writes, stages and commits files in one commit.</summary>
    public void Commit(string message, params (string Path, string Content)[] files)
    {
        foreach (var (path, content) in files)
        {
            WriteFile(path, content);
            GitOk("add", "--", path);
        }

        GitOk("commit", "--quiet", "--no-verify", "--allow-empty", "-m", message);
    }

    /// <summary>Writes an executable POSIX sh script.</summary>
    public static void WriteScript(string path, string body)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, body.ReplaceLineEndings("\n"));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    public void Dispose()
    {
        try
        {
            foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal); // git objects are read-only on Windows
            }

            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is not worth failing a test for.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string DotnetRoot() =>
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
}
