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
/// Nothing is written unless every project's drift can be fixed: a commit that stays blocked (a declared
/// distribution is not installed, a refusal below, in any project) leaves the index and the work tree as they were, so
/// that git discarding its temporary index cannot leave a fixed work tree next to an unfixed index.
/// Safety rules, in the order they are checked (all before anything is written):
/// <list type="number">
/// <item>The editor must accept every edit (it refuses files using <c>--hash</c>, pins it cannot rewrite in place, and
/// any result that would not re-read as intended).</item>
/// <item>Unstaged edits must be neither committed nor lost. The work-tree copy is compared with the staged copy (byte
/// for byte, or once git's own conversions such as <c>core.autocrlf</c> are applied, as <c>git status</c> compares;
/// a converted file is written back as a checkout would write the fixed blob). When they differ, the same edits are
/// made to the work-tree copy, but only when each lands on a line the user did not touch (a pin line that reads the
/// same in both copies, exactly once; a name the work tree does not declare yet); anything less certain is refused
/// rather than merged by guesswork.</item>
/// <item>In a partial commit (<c>git commit -- paths</c>) git commits from a temporary index and afterwards keeps
/// its own <c>index.lock</c> as the repository's index. The fix is staged into both, so that the repository's index
/// does not go back to the unfixed file after the commit; if the two disagree about the file (staged changes that
/// are not part of this commit), HookGuard refuses.</item>
/// </list>
/// Writes go index first, then the work tree (each atomic); if a later write fails, the earlier ones are undone.
/// </remarks>
public sealed class Autostager(StagedIndex index, Func<string, string?> variables)
{
    private sealed record WorkTreeState(byte[] Content, bool Converted, bool HasUnstagedEdits = false);

    /// <summary>Works out the fix of one project and checks the safety rules; writes nothing (see <see cref="Write"/>).</summary>
    public AutostageResult Prepare(ProjectVerdict verdict)
    {
        var report = verdict.Report!;
        var plan = FixPlan.For(report, verdict.Declared, verdict.Installed!);
        if (plan.NotOurs is { } ownedByATool)
        {
            return Refuse(report.Findings, ownedByATool);
        }

        if (plan.IsEmpty)
        {
            return new AutostageResult([], report.Findings, null);
        }

        if (plan.Refusal is { } hashChecking)
        {
            return Refuse(report.Findings, hashChecking);
        }

        var pending = new List<PendingFix>();
        foreach (var (file, edits) in plan.EditsByFile)
        {
            var parsed = verdict.Declared.ParsedFiles[file];
            switch (RequirementFileEditor.Apply(parsed, edits, variables))
            {
                case EditRefused refused:
                    return Refuse(report.Findings, $"{refused.Location}: {refused.Message}");
                case EditedFile edited:
                    // A staged symbolic link was read through to the file it names (StagedFileReader): edit that file.
                    var resolved = StagedFileReader.Resolve(index, file);
                    if (resolved is not { Path: { } target, InIndex: { } entry })
                    {
                        return Refuse(report.Findings, resolved.OutsidePath is { } outside
                            ? $"{file} is a symbolic link to {outside}, outside the repository: a fix there would not be part of the commit. Edit that file by hand."
                            : $"{file} is not in the index being committed.");
                    }

                    var staged = index.ReadBlob(entry.BlobId, target);
                    // The partial-commit check first: a file whose staged changes are left out of this commit differs
                    // from the work tree too, and "stage them" would be the wrong advice for it.
                    if (CheckPartialCommit(target, entry) is { } leftOut)
                    {
                        return Refuse(report.Findings, leftOut);
                    }

                    var (workTree, refusal) = CheckWorkTree(target, staged, entry.BlobId);
                    if (workTree is null)
                    {
                        return Refuse(report.Findings, refusal!);
                    }

                    byte[]? unstagedAfter = null;
                    if (workTree.HasUnstagedEdits)
                    {
                        unstagedAfter = EditUnstagedCopy(target, workTree.Content, edits, out var unstagedRefusal);
                        if (unstagedAfter is null)
                        {
                            return Refuse(report.Findings, unstagedRefusal!);
                        }
                    }

                    pending.Add(new PendingFix(target, staged, edited.Content, entry.Mode, edited.Changes, workTree.Content, workTree.Converted, unstagedAfter));
                    break;
            }
        }

        return new AutostageResult(pending.Select(fix => new StagedFix(fix.File, fix.Changes)).ToArray(), plan.Unfixable, null)
        {
            Pending = pending,
        };
    }

    private static AutostageResult Refuse(IReadOnlyList<Core.Drift.Finding> findings, string why) => new([], findings, why);

    /// <summary>
    /// The work-tree file, when it holds exactly what is staged: byte for byte, or after git's own conversion
    /// (core.autocrlf, eol attributes), which <c>git status</c> does not count as a change either.
    /// </summary>
    private (WorkTreeState? State, string? Refusal) CheckWorkTree(string file, byte[] staged, string stagedBlobId)
    {
        var workTree = WorkTreeFile.Read(WorkTreePath(file));
        if (workTree is null)
        {
            return (null, $"{file} is staged but missing from the work tree; autostage would have to recreate it. Restore it (git checkout -- {file}) or fix the file by hand.");
        }

        if (workTree.AsSpan().SequenceEqual(staged))
        {
            return (new WorkTreeState(workTree, Converted: false), null);
        }

        return GitFilters.CleanedBlobId(index.Location.WorkTreeRoot, file) == stagedBlobId
            ? (new WorkTreeState(workTree, Converted: true), null)
            : (new WorkTreeState(workTree, Converted: false, HasUnstagedEdits: true), null);
    }

    /// <summary>
    /// The work-tree copy with the same fix, when it holds unstaged edits: each pin update must find its line, word for
    /// word and exactly once, in the work-tree copy, and each appended name must not be declared there already.
    /// </summary>
    private byte[]? EditUnstagedCopy(string file, byte[] workTree, IReadOnlyList<RequirementEdit> edits, out string? refusal)
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

        switch (RequirementFileEditor.Apply(parsed, translated, variables))
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

    /// <summary>
    /// Writes the prepared fixes of every project, index first, then the work tree; on any failure puts back what was
    /// already written. The caller writes only when the commit will then pass: a blocked commit changes nothing.
    /// </summary>
    public void Write(IEnumerable<AutostageResult> prepared)
    {
        var fixes = prepared.SelectMany(result => result.Pending).ToArray();
        if (fixes.Length == 0)
        {
            return;
        }

        var mainLock = MainIndexLockDuringPartialCommit();
        var undo = new Stack<Action>();
        try
        {
            foreach (var fix in fixes)
            {
                var stagedEntry = IndexWriter.Stage(index.Location, index.IndexFile, fix.File, fix.After, fix.Mode, index.WritesThroughGit);
                undo.Push(() => IndexWriter.Stage(index.Location, index.IndexFile, fix.File, fix.Before, fix.Mode, index.WritesThroughGit));
                TestStopPoint.After("index", variables);
                if (mainLock is not null)
                {
                    IndexWriter.Stage(index.Location, mainLock, fix.File, fix.After, fix.Mode, index.WritesThroughGit);
                    undo.Push(() => IndexWriter.Stage(index.Location, mainLock, fix.File, fix.Before, fix.Mode, index.WritesThroughGit));
                    TestStopPoint.After("main-index", variables);
                }

                var path = WorkTreePath(fix.File);
                var workTreeAfter = fix.UnstagedAfter
                    ?? (fix.WorkTreeConverted ? GitFilters.Smudged(index.Location.WorkTreeRoot, fix.File, stagedEntry.BlobId) : fix.After);
                WorkTreeFile.ReplaceAtomically(path, workTreeAfter);
                undo.Push(() => WorkTreeFile.ReplaceAtomically(path, fix.WorkTreeBefore));
                TestStopPoint.After("work-tree", variables);
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
