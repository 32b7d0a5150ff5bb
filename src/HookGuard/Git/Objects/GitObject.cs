namespace HookGuard.Git.Objects;

/// <summary>One object read from the object database: its type and its whole content (no header).</summary>
internal readonly record struct GitObject(GitObjectType Type, byte[] Data);
