namespace HookGuard.Core.Reporting;

/// <summary>
/// A project the check could not compare (no virtualenv found, SPEC 4.5): <see cref="Blocks"/> when the configuration
/// says a missing venv blocks the commit (<c>on-missing-venv = "block"</c>).
/// </summary>
public sealed record UncheckedProject(string ProjectPath, string Reason, bool Blocks);
