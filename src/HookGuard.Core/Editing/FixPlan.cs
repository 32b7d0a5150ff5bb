using HookGuard.Core.Declarations;
using HookGuard.Core.Drift;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Reporting;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Editing;

/// <summary>
/// Which edits, in which requirement file, make a project's declared set match its venv (SPEC sec. 5): a stale pin is
/// updated where it is written (which may be an <c>-r</c> included file), an undeclared distribution is appended to the
/// project's first root requirement file, as <c>pip freeze</c> would write it. Declared-but-not-installed lines are
/// never edited: they are left for <see cref="Unfixable"/> to report. Neither is a distribution installed from a URL,
/// a local path or in editable mode: <c>Name==Version</c> would send <c>pip install -r</c> to an index that may not have
/// it, and the right line (<c>-e path</c>, <c>name @ url</c>) depends on where the deploy finds the source.
/// </summary>
public sealed record FixPlan(IReadOnlyDictionary<string, IReadOnlyList<RequirementEdit>> EditsByFile, IReadOnlyList<Finding> Unfixable)
{
    public bool IsEmpty => EditsByFile.Count == 0;

    /// <summary>
    /// A requirement file of the project that uses <c>--hash</c>, or null. One hash anywhere puts pip in hash-checking
    /// mode for the whole install (https://pip.pypa.io/en/stable/topics/secure-installs/#hash-checking-mode), so an
    /// unhashed line in any file of the project, not only in this one, would make <c>pip install -r</c> refuse it.
    /// </summary>
    public string? HashCheckedFile { get; init; }

    /// <summary>
    /// Set when the project is declared by a lock, <c>pyproject.toml</c> or a <c>Pipfile</c>: HookGuard edits only pip
    /// requirement files, never a file another tool owns (SPEC sec. 9), so every finding is left to that tool.
    /// </summary>
    public string? NotOurs { get; init; }

    /// <summary>Why the edits cannot be made honestly (SPEC sec. 5: no unhashed line under --hash), or null.</summary>
    public string? Refusal => NotOurs ?? (HashCheckedFile is { } hashed && !IsEmpty
        ? $"{hashed} uses --hash, which puts pip in hash-checking mode for every requirement of the install: an unhashed " +
          $"line in {string.Join(", ", EditsByFile.Keys)} would make pip refuse it, and the hashes of the installed versions " +
          "are not known here. Update the files with pip-compile --generate-hashes or by hand."
        : null);

    public static FixPlan For(DriftReport report, DeclaredSet declared, InstalledSet installed)
    {
        if (declared.Format != DeclarationFormat.RequirementFiles)
        {
            var file = declared.Files.FirstOrDefault() ?? "the declaration";
            return new FixPlan(new Dictionary<string, IReadOnlyList<RequirementEdit>>(), report.Findings)
            {
                NotOurs = report.InSync ? null
                    : report.AgainstLock
                        ? $"{file} belongs to {declared.Tool.Name}, and HookGuard never rewrites a lock: " +
                          (report.Findings.Any(finding => finding.Kind == FindingKind.StaleLock) && declared.Tool.LockCommand is { } relock
                              ? $"refresh it with '{FixSuggestion.InProject(report, relock)}' and then run '{FixSuggestion.InProject(report, declared.Tool.SyncCommand)}'"
                              : $"bring the venv in line with it with '{FixSuggestion.InProject(report, declared.Tool.SyncCommand)}'") +
                          ", then commit again."
                        : $"{file} is edited with {declared.Tool.Name}, not by HookGuard: see the fix of each finding below.",
            };
        }

        var fromDirectUrl = installed.Distributions
            .Where(distribution => distribution.DirectUrl is not null)
            .Select(distribution => distribution.NormalizedName)
            .ToHashSet(StringComparer.Ordinal);
        var edits = new Dictionary<string, List<RequirementEdit>>(StringComparer.Ordinal);
        var unfixable = new List<Finding>();
        foreach (var finding in report.Findings)
        {
            switch (finding)
            {
                case { Kind: FindingKind.VersionMismatch, Declared: { } entry, InstalledVersion: { } version }:
                    EditsOf(entry.Location.File).Add(new UpdatePin(entry, version));
                    break;
                case { Kind: FindingKind.Undeclared, InstalledVersion: { } version }
                    when declared.Files.Count > 0 && !fromDirectUrl.Contains(PackageName.Normalize(finding.Name)):
                    EditsOf(declared.Files[0]).Add(new AppendRequirement(finding.Name, version));
                    break;
                default:
                    unfixable.Add(finding);
                    break;
            }
        }

        return new FixPlan(
            edits.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<RequirementEdit>)pair.Value, StringComparer.Ordinal),
            unfixable)
        {
            HashCheckedFile = declared.Files.FirstOrDefault(file => declared.ParsedFiles.TryGetValue(file, out var parsed) && parsed.UsesHashes),
        };

        List<RequirementEdit> EditsOf(string file)
        {
            if (!edits.TryGetValue(file, out var list))
            {
                edits[file] = list = [];
            }

            return list;
        }
    }
}
