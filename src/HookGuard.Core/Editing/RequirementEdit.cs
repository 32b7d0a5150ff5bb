using HookGuard.Core.Requirements;

namespace HookGuard.Core.Editing;

/// <summary>One change an autostage fix asks of a requirements file.</summary>
public abstract record RequirementEdit;

/// <summary>Pin <paramref name="Entry"/> to exactly <paramref name="Version"/>, in place, as <c>==Version</c>.</summary>
public sealed record UpdatePin(RequirementEntry Entry, string Version) : RequirementEdit;

/// <summary>Append <c>Name==Version</c> (pip freeze's spelling: the distribution's own name) at the end of the file.</summary>
public sealed record AppendRequirement(string Name, string Version) : RequirementEdit;
