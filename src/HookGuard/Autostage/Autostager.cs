using HookGuard.Checking;
using HookGuard.Core.Editing;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;
using HookGuard.Git;

namespace HookGuard.Autostage;

/// <summary>
/// Turns drift into a fix inside the commit being made (SPEC sec. 5): edits the requirement files as staged, stages
/// the result into the index git is committing and writes it to the work tree, or refuses and touches nothing.
/// </summary>
/// <remarks>
/// Safety rules, in the order they are checked (all before anything is written):
/// <list type="number">
/// <item>The editor must accept every edit (it refuses files using <c>--hash</c>, pins it cannot rewrite in place, and
/// any result that would not re-read as intended).</item>
/// <item>Unstaged edits in the file must be neither committed nor lost. When the work-tree copy differs from the staged
/// copy, the same edits are made to the work-tree copy too, but only when each lands on a line the user did not touch
/// (a pin whose line reads the same in both copies, once; a name the work tree does not declare yet); anything less
/// certain is refused rather than merged by guesswork.</item>
/// <item>In a partial commit (<c>git commit -- paths</c>) git commits from a temporary index and afterwards keeps
/// its own <c>index.lock</c> as the repository's index. The fix is staged into both, so that the repository's index
/// does not go back to the unfixed file after the commit; if the two disagree about the file (staged changes that
/// are not part of this commit), HookGuard refuses.</item>
/// </list>
/// Writes go index first, then the work tree (each atomic); if a later write fails, the earlier ones are undone.
/// </remarks>
public sealed class Autostager(StagedIndex index, Func<string, string?> variables)
{
    private sealed record PendingFix(
        string File, byte[] Before, byte[] After, byte[] WorkTreeBefore, byte[] WorkTreeAfter, GitFileMode Mode, IReadOnlyList<LineChange> Changes);

    public AutostageResult Apply(ProjectVerdict verdict)
    {
        var report = verdict.Report!;
        var plan = FixPlan.For(report, verdict.Declared, verdict.Installed!);
        if (plan.IsEmpty)
        {
            return new AutostageResult([], report.Findings, null);
        }

        var pending = new List<PendingFix>();
        foreach (var (file, edits) in plan.EditsByFile)
        {
            var parsed = verdict.Declared.ParsedFiles[file];
            // One hashed file puts the whole `pip install -r` into hash-checking mode, so an unhashed line anywhere breaks it.
            switch (RequirementFileEditor.Apply(parsed, edits, variables, installChecksHashes: verdict.Declared.UsesHashes))
            {
                case EditRefused refused:
                    return Refuse(report.Findings, $"{refused.Location}: {refused.Message}");
                case EditedFile edited:
                    var entry = index.Find(file);
                    if (entry is null)
                    {
                        return Refuse(report.Findings, $"{file} is not in the index being committed.");
                    }

                    var staged = index.ReadBlob(entry.BlobId, file);
                    if (CheckPartialCommit(file, entry) is { } partialCommitRefusal)
                    {
                        return Refuse(report.Findings, partialCommitRefusal);
                    }

                    var workTree = WorkTreeFile.Read(WorkTreePath(file));
                    if (workTree is null)
                    {
                        return Refuse(report.Findings,
                            $"{file} is staged but missing from the work tree; autostage would have to recreate it. Restore it (git checkout -- {file}) or fix the file by hand.");
                    }

                    string? unstagedRefusal = null;
                    var workTreeAfter = workTree.AsSpan().SequenceEqual(staged)
                        ? edited.Content
                        : EditUnstagedCopy(file, workTree, edits, verdict.Declared.UsesHashes, out unstagedRefusal);
                    if (workTreeAfter is null)
                    {
                        return Refuse(report.Findings, unstagedRefusal ?? $"{file} has unstaged changes autostage cannot fix.");
                    }

                    pending.Add(new PendingFix(file, staged, edited.Content, workTree, workTreeAfter, entry.Mode, edited.Changes));
                    break;
            }
        }

        Write(pending);
        return new AutostageResult(pending.Select(fix => new StagedFix(fix.File, fix.Changes)).ToArray(), plan.Unfixable, null);
    }

    private static AutostageResult Refuse(IReadOnlyList<Core.Drift.Finding> findings, string why) => new([], findings, why);

    /// <summary>
    /// The work-tree copy with the same fix, when it holds unstaged edits: each pin update must find its line, word for
    /// word and exactly once, in the work-tree copy, and each appended name must not be declared there already.
    /// </summary>
    private byte[]? EditUnstagedCopy(string file, byte[] workTree, IReadOnlyList<RequirementEdit> edits, bool installChecksHashes, out string? refusal)
    {
        var advice = $"Autostage never commits unstaged edits and never overwrites them: stage them (git add {file}) or stash them, then commit again; or run 'hookguard fix' and review.";
        ParsedRequirementFile parsed;
        try
        {
            parsed = RequirementFileParser.Parse(file, workTree, variables);
        }
        catch (RequirementFileError error)
        {
            refusal = $"{file} has unstaged changes that pip could not read ({error.Message}). {advice}";
            return null;
        }

        var translated = new List<RequirementEdit>();
        foreach (var edit in edits)
        {
            switch (edit)
            {
                case UpdatePin pin:
                    var same = parsed.Requirements.Where(entry => entry.Text == pin.Entry.Text).ToArray();
                    if (same.Length != 1)
                    {
                        refusal = $"{file} has unstaged changes on the line autostage must fix ({pin.Entry.Location}: {pin.Entry.Text.Trim()}). {advice}";
                        return null;
                    }

                    translated.Add(pin with { Entry = same[0] });
                    break;
                case AppendRequirement append:
                    var name = PackageName.Normalize(append.Name);
                    if (parsed.Requirements.Any(entry => entry.Requirement?.NormalizedName == name))
                    {
                        refusal = $"{file} has unstaged changes that declare {append.Name}, which autostage must add to the commit. {advice}";
                        return null;
                    }

                    translated.Add(append);
                    break;
            }
        }

        switch (RequirementFileEditor.Apply(parsed, translated, variables, installChecksHashes: installChecksHashes))
        {
            case EditedFile edited:
                refusal = null;
                return edited.Content;
            case EditRefused refused:
                refusal = $"{file} has unstaged changes, and the fix cannot be made to them: {refused.Message}. {advice}";
                return null;
            default:
                throw new InvalidOperationException("The editor returned neither an edited file nor a refusal.");
        }
    }

    /// <summary>
    /// The repository's own index while a partial commit is in flight, when it differs from the index being committed.
    /// </summary>
    private string? MainIndexLockDuringPartialCommit()
    {
        var mainIndex = index.Location.DefaultIndexFile;
        var mainLock = mainIndex + ".lock";
        var committing = Path.GetFullPath(index.IndexFile);
        if (committing == Path.GetFullPath(mainIndex) || committing == Path.GetFullPath(mainLock))
        {
            return null;
        }

        return File.Exists(mainLock) ? mainLock : null;
    }

    private string? CheckPartialCommit(string file, StagedEntry entry)
    {
        if (MainIndexLockDuringPartialCommit() is not { } mainLock)
        {
            return null;
        }

        using var main = StagedIndex.Open(index.Location, mainLock);
        return main.Find(file)?.BlobId == entry.BlobId
            ? null
            : $"{file} has staged changes that are not part of this partial commit (git commit -- paths). Autostage cannot fix the commit without changing them: commit them too, or unstage them, then commit again.";
    }

    private void Write(IReadOnlyList<PendingFix> fixes)
    {
        var mainLock = MainIndexLockDuringPartialCommit();
        var undo = new Stack<Action>();
        try
        {
            foreach (var fix in fixes)
            {
                IndexWriter.Stage(index.Location, index.IndexFile, fix.File, fix.After, fix.Mode);
                undo.Push(() => IndexWriter.Stage(index.Location, index.IndexFile, fix.File, fix.Before, fix.Mode));
                if (mainLock is not null)
                {
                    IndexWriter.Stage(index.Location, mainLock, fix.File, fix.After, fix.Mode);
                    undo.Push(() => IndexWriter.Stage(index.Location, mainLock, fix.File, fix.Before, fix.Mode));
                }

                var path = WorkTreePath(fix.File);
                WorkTreeFile.ReplaceAtomically(path, fix.WorkTreeAfter);
                undo.Push(() => WorkTreeFile.ReplaceAtomically(path, fix.WorkTreeBefore));
            }
        }
        catch
        {
            // Put back what was already written, newest first, so that a failure leaves the repository as it was.
            while (undo.TryPop(out var step))
            {
                step();
            }

            throw;
        }
    }

    private string WorkTreePath(string file) => Path.Combine(index.Location.WorkTreeRoot, file);
}
