using HookGuard.Core.Installed;
using HookGuard.IntegrationTests.Fixtures;
using HookGuard.Venv;

namespace HookGuard.IntegrationTests.Venv;

/// <summary>
/// Builds one venv per Python in <see cref="PythonInterpreters.Versions"/> (in parallel), shapes each with
/// <see cref="ShapeAsync"/>, then takes both answers: <c>pip freeze</c> (the reference) and <see cref="VenvReader"/>.
/// A spec class gets this as its class fixture, so every venv is built and frozen once per class.
/// </summary>
public abstract class VenvDifferentialFixture : IAsyncLifetime
{
    private readonly Dictionary<string, Outcome> _outcomes = new(StringComparer.Ordinal);

    /// <summary>What one venv gave: the reference lines, HookGuard's lines, the set HookGuard read.</summary>
    public sealed record Outcome(PythonVenv Venv, string FreezeOutput, IReadOnlyList<FrozenEntry> PipFreeze, IReadOnlyList<FrozenEntry> HookGuard, InstalledSet Installed)
    {
        /// <summary><c>pip freeze --all</c>'s output, when the fixture asked for it (<see cref="AlsoFreezeAll"/>).</summary>
        public string? FreezeAllOutput { get; init; }

        /// <summary>How pip freeze shows each version HookGuard read (normal form, or legacy text).</summary>
        public required IReadOnlyDictionary<string, string[]> DisplayedVersions { get; init; }
    }

    protected virtual bool WithPip => false;
    protected virtual bool SystemSitePackages => false;
    protected virtual bool AlsoFreezeAll => false;

    /// <summary>Installs and writes what the spec is about.</summary>
    protected abstract Task ShapeAsync(PythonVenv venv);

    public Outcome this[string pythonVersion] => _outcomes[pythonVersion];

    public async Task InitializeAsync()
    {
        var versions = PythonInterpreters.VersionList;
        var built = await Task.WhenAll(versions.Select(async version =>
        {
            var venv = await PythonVenv.CreateAsync(version, WithPip, SystemSitePackages);
            await ShapeAsync(venv);
            var freeze = venv.FreezeAsync();
            var freezeAll = AlsoFreezeAll ? venv.FreezeAsync(all: true) : Task.FromResult<string>(null!);
            var installed = VenvReader.Read(venv.Path, venv.Environment);
            return (version, venv, freeze: await freeze, freezeAll: await freezeAll, installed);
        }));

        var displayed = await FrozenEntry.PipDisplayedVersionsAsync(
            built.SelectMany(b => b.installed.Distributions.Concat(b.installed.Hidden).Select(d => d.Version)), Path.GetTempPath());
        foreach (var (version, venv, freeze, freezeAll, installed) in built)
            _outcomes[version] = new Outcome(venv, freeze, FrozenEntry.ParseFreeze(freeze), FrozenEntry.FromInstalled(installed.Distributions, displayed), installed) { DisplayedVersions = displayed, FreezeAllOutput = freezeAll };
    }

    public Task DisposeAsync()
    {
        foreach (var outcome in _outcomes.Values) outcome.Venv.Dispose();
        return Task.CompletedTask;
    }
}
