using HookGuard.Core.Packaging;

namespace HookGuard.Core.Installed;

/// <summary>The distributions a venv holds, each once (first on <c>sys.path</c> wins), and the venv's marker environment.</summary>
public sealed record InstalledSet(string VenvPath, MarkerEnvironment Environment, IReadOnlyList<InstalledDistribution> Distributions);
