using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Core.Deploy;

/// <summary>
/// The requirements a deploy target selects differently from the venv (SPEC sec. 11): a line whose marker holds in the
/// venv but not on the target (the deploy leaves the package out, and an import of it fails there), or the reverse (the
/// deploy installs what the venv never had, untested).
/// </summary>
public static class MarkerDivergence
{
    /// <summary>
    /// For requirement files, <c>pyproject.toml</c> and <c>Pipfile</c>: each declared line's marker evaluated for the
    /// venv and for the target, as <c>DriftChecker</c> evaluates it (<c>extra</c> is <c>""</c> on a requirement line).
    /// A marker that has no defined result is drift's to report, not this check's; one that reads a variable the target
    /// does not tell, or whose verdict the candidates disagree on, is not judged.
    /// </summary>
    public static IEnumerable<DeployFinding> OfDeclarations(
        DeclaredSet declared, MarkerEnvironment venv, TargetEnvironment target, string targetLabel, bool blocks)
    {
        foreach (var entry in declared.Requirements)
        {
            if (entry.Requirement is not { Marker: { } marker } requirement
                || marker.Comparisons().Any(comparison => target.Unknown.Contains(comparison.Variable)))
            {
                continue;
            }

            if (Evaluate(marker, venv) is not { } inVenv || Agreed(marker, target) is not { } onTarget || inVenv == onTarget)
            {
                continue;
            }

            var line = Line(entry.Text);
            var message = inVenv
                ? $"'{line}' is installed in the venv but the target ({targetLabel}) skips it"
                : $"'{line}' is skipped in the venv but the target ({targetLabel}) installs it";
            yield return new DeployFinding(DeployFindingKind.MarkerMismatch, entry.Location, requirement.Name, message, blocks);
        }
    }

    /// <summary>
    /// For a lock, which selects by environment inside its reader: what it selects for the venv against what it selects
    /// for the target (read again with each candidate environment), by name and locked version. A difference counts
    /// only when every candidate gives it.
    /// </summary>
    public static IEnumerable<DeployFinding> OfLock(
        DeclaredSet forVenv, TargetEnvironment target, Func<MarkerEnvironment, DeclaredSet> readForTarget, string targetLabel, bool blocks)
    {
        var venvSelection = Selection(forVenv);
        Dictionary<string, DeployFinding>? agreed = null;
        foreach (var candidate in target.Candidates)
        {
            var differences = Differences(venvSelection, Selection(readForTarget(candidate)), targetLabel, blocks)
                .ToDictionary(finding => finding.Message, StringComparer.Ordinal);
            agreed = agreed is null
                ? differences
                : agreed.Where(pair => differences.ContainsKey(pair.Key)).ToDictionary(StringComparer.Ordinal);
        }

        return (agreed ?? []).Values.OrderBy(finding => finding.Location.Line).ThenBy(finding => finding.Subject, StringComparer.Ordinal);
    }

    private static IEnumerable<DeployFinding> Differences(
        Dictionary<string, (string Version, RequirementEntry Entry)> venv,
        Dictionary<string, (string Version, RequirementEntry Entry)> target,
        string targetLabel,
        bool blocks)
    {
        foreach (var (name, (version, entry)) in venv)
        {
            var display = entry.Requirement!.Name;
            if (!target.TryGetValue(name, out var onTarget))
            {
                yield return new DeployFinding(DeployFindingKind.MarkerMismatch, entry.Location, display,
                    $"'{display}=={version}' is installed in the venv but the target ({targetLabel}) skips it", blocks);
            }
            else if (onTarget.Version != version)
            {
                yield return new DeployFinding(DeployFindingKind.MarkerMismatch, onTarget.Entry.Location, display,
                    $"the lock gives the venv {display} {version} but the target ({targetLabel}) {display} {onTarget.Version}", blocks);
            }
        }

        foreach (var (name, (version, entry)) in target)
        {
            if (!venv.ContainsKey(name))
            {
                var display = entry.Requirement!.Name;
                yield return new DeployFinding(DeployFindingKind.MarkerMismatch, entry.Location, display,
                    $"'{display}=={version}' is skipped in the venv but the target ({targetLabel}) installs it", blocks);
            }
        }
    }

    /// <summary>A lock's selection: each package name with its locked version (the lock readers give <c>name==version</c>).</summary>
    private static Dictionary<string, (string Version, RequirementEntry Entry)> Selection(DeclaredSet declared)
    {
        var selection = new Dictionary<string, (string, RequirementEntry)>(StringComparer.Ordinal);
        foreach (var entry in declared.Requirements)
        {
            if (entry.Requirement is { } requirement)
            {
                selection.TryAdd(requirement.NormalizedName, (requirement.Specifier.ExactPin ?? requirement.Specifier.Text, entry));
            }
        }

        return selection;
    }

    private static bool? Evaluate(Marker marker, MarkerEnvironment environment)
    {
        try
        {
            return marker.Evaluate(environment, "");
        }
        catch (PackagingFormatException)
        {
            return null;
        }
    }

    /// <summary>The verdict every candidate gives; null when they differ or one cannot evaluate.</summary>
    private static bool? Agreed(Marker marker, TargetEnvironment target)
    {
        bool? verdict = null;
        foreach (var candidate in target.Candidates)
        {
            if (Evaluate(marker, candidate) is not { } value || (verdict is { } earlier && earlier != value))
            {
                return null;
            }

            verdict = value;
        }

        return verdict;
    }

    /// <summary>The requirement as written, on one line (a continued line joined), for the message.</summary>
    private static string Line(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
