using System.Text;
using HookGuard.Git;
using HookGuard.Hooks;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Hooks;

/// <summary>
/// A pre-commit hook that records what a real <c>git commit</c> shows its hook (current directory, the <c>GIT_*</c>
/// variables, a copy of the index being committed and git's own <c>git diff --cached</c>), then fails so the commit
/// is aborted and HEAD stays what the hook saw. The reader is then run on exactly that state.
/// </summary>
internal sealed class CommitRecorder
{
    private static readonly string[] Variables = ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_COMMON_DIR"];
    private readonly string _record;

    public CommitRecorder(TempGitRepo repo)
    {
        _record = Directory.CreateDirectory(Path.Combine(repo.Scratch, "recorded commit")).FullName;
        var record = ShellQuoting.SingleQuote(_record);
        var saveVariables = string.Join("\n", Variables.Select(name =>
            $"if [ \"${{{name}+set}}\" = set ]; then printf '%s' \"${name}\" > {record}/{name}; fi"));
        TempGitRepo.WriteScript(Path.Combine(HookTestKit.HooksDirectory(repo), "pre-commit"), $"""
            #!/bin/sh
            pwd -P > {record}/pwd
            {saveVariables}
            git diff --cached --no-renames --name-status -z > {record}/diff
            cp "${"{"}GIT_INDEX_FILE:-$(git rev-parse --git-dir)/index{"}"}" {record}/index
            exit 1
            """);
    }

    /// <summary>The hook's current directory.</summary>
    public string WorkingDirectory => File.ReadAllText(Path.Combine(_record, "pwd")).TrimEnd('\n');

    /// <summary>The <c>GIT_*</c> variables git gave the hook (only those it set).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        Variables.Where(name => File.Exists(Path.Combine(_record, name)))
            .ToDictionary(name => name, name => File.ReadAllText(Path.Combine(_record, name)));

    /// <summary>A copy of the index the commit was being made from.</summary>
    public string IndexCopy => Path.Combine(_record, "index");

    /// <summary>git's own answer in the hook (<c>git diff --cached --no-renames</c>), as staged changes.</summary>
    public IReadOnlyList<StagedChange> GitsStagedChanges
    {
        get
        {
            var fields = File.ReadAllText(Path.Combine(_record, "diff"), Encoding.UTF8).Split('\0', StringSplitOptions.RemoveEmptyEntries);
            var changes = new List<StagedChange>();
            for (var i = 0; i < fields.Length;)
            {
                var status = fields[i++];
                changes.Add(status[0] switch
                {
                    'A' => new StagedChange(StagedChangeKind.Added, fields[i++]),
                    'M' => new StagedChange(StagedChangeKind.Modified, fields[i++]),
                    'D' => new StagedChange(StagedChangeKind.Deleted, fields[i++]),
                    'T' => new StagedChange(StagedChangeKind.TypeChanged, fields[i++]),
                    _ => throw new InvalidOperationException($"Unexpected status {status} from git diff."),
                });
            }

            return changes;
        }
    }

    /// <summary>Runs the reader as HookGuard would in that hook, on the recorded copy of the index.</summary>
    public IReadOnlyList<StagedChange> ReadersStagedChanges()
    {
        var location = RepositoryLocator.Locate(WorkingDirectory, Environment);
        using var index = StagedIndex.Open(location, IndexCopy);
        return index.ListStagedChanges();
    }

    public static IReadOnlyList<StagedChange> Sorted(IEnumerable<StagedChange> changes) =>
        changes.OrderBy(change => change.Path, StringComparer.Ordinal).ThenBy(change => change.Kind).ToArray();
}
