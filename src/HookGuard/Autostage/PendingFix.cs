using HookGuard.Core.Editing;
using HookGuard.Git;

namespace HookGuard.Autostage;

/// <summary>A prepared fix of one requirement file: what is staged now, what will be, and the work-tree file as it is.</summary>
/// <param name="Before">The staged bytes, to put back if a later write fails.</param>
/// <param name="After">The fixed bytes to stage.</param>
/// <param name="WorkTreeBefore">The work-tree file as it was, to put back if a later write fails.</param>
/// <param name="WorkTreeConverted">Git converts the file between index and work tree (line endings, filters), so the
/// work tree gets the fixed blob as a checkout would write it, not the staged bytes.</param>
/// <param name="UnstagedAfter">The work-tree file holds unstaged edits: these are its bytes with the same fix made to
/// them, written instead of the staged bytes so that the edits stay unstaged and are not lost.</param>
internal sealed record PendingFix(
    string File,
    byte[] Before,
    byte[] After,
    GitFileMode Mode,
    IReadOnlyList<LineChange> Changes,
    byte[] WorkTreeBefore,
    bool WorkTreeConverted,
    byte[]? UnstagedAfter = null);
