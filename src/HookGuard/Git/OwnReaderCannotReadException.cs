namespace HookGuard.Git;

/// <summary>
/// HookGuard's own index or repository reader met something git reads and it does not (a sparse index, SHA-256 ids,
/// an unknown extension): not an error for the user, the signal for <see cref="StagedIndex"/> to ask git instead.
/// </summary>
/// <param name="what">What was met, for <c>--verbose</c> and debugging.</param>
internal sealed class OwnReaderCannotReadException(string what) : Exception($"HookGuard's own reader does not read {what}; git does.");
