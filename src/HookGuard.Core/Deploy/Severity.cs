namespace HookGuard.Core.Deploy;

/// <summary>How a deploy check's findings count (<c>imports</c>, <c>target-check</c>): not at all, as warnings, or as blockers.</summary>
public enum Severity { Off, Warn, Block }
