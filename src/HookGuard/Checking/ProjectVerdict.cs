using HookGuard.Core.Drift;
using HookGuard.Core.Installed;
using HookGuard.Core.Projects;
using HookGuard.Core.Requirements;
using HookGuard.Venv;

namespace HookGuard.Checking;

/// <summary>
/// What checking one project found: the declared set it read, where its venv is, and the comparison. A project
/// whose venv could not be found has no <see cref="Installed"/> set and no <see cref="Report"/>.
/// </summary>
public sealed record ProjectVerdict(LocatedProject Project, DeclaredSet Declared, VenvLocation Venv, InstalledSet? Installed, DriftReport? Report)
{
    public bool VenvMissing => Report is null;
}
