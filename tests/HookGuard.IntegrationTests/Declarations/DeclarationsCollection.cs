using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Declarations;

/// <summary>
/// The declaration specs share one package index and one set of locks made by the real tools (SPEC sec. 9): a
/// collection fixture, so the index server starts once and each tool runs once per test run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DeclarationsCollection : ICollectionFixture<LockedProjects>
{
    public const string Name = "Declarations";
}
