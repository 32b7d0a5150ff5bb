using HookGuard.Cli;

namespace HookGuard.Git.Objects;

/// <summary>The errors of the object reader: damaged or unreadable files become <see cref="UserError"/>s naming the file.</summary>
internal static class ObjectStoreErrors
{
    public static UserError Damaged(string file, string why, Exception? inner = null) =>
        new($"The git object file '{file}' is damaged: {why.TrimEnd('.')}. 'git fsck' will say more.", inner: inner);

    public static UserError Unreadable(string file, Exception inner) =>
        new($"Cannot read the git object file '{file}': {inner.Message}", inner: inner);
}
