namespace HookGuard.Core.Imports;

/// <summary>
/// Top-level importable name → the distributions (or unowned files) that provide it in one venv: what
/// <c>importlib.metadata.packages_distributions()</c> of the venv's Python says, plus what it misses (see
/// <see cref="ModuleEvidence"/>). Names compare case-sensitively, as imports do on Linux.
/// </summary>
/// <remarks>A namespace package shared by several distributions lists them all, in the order they were added
/// (<c>sys.path</c> order, then the order the venv reader found them).</remarks>
public sealed class ModuleProviders
{
    private readonly Dictionary<string, List<ModuleProvider>> _providers;

    private ModuleProviders(Dictionary<string, List<ModuleProvider>> providers) => _providers = providers;

    /// <summary>A lookup with no names (a venv that provides nothing).</summary>
    public static ModuleProviders Empty { get; } = new(new Dictionary<string, List<ModuleProvider>>(StringComparer.Ordinal));

    /// <summary>The providers of <paramref name="topLevelName"/>; empty when nothing in the venv provides it.</summary>
    public IReadOnlyList<ModuleProvider> For(string topLevelName) =>
        _providers.TryGetValue(topLevelName, out var list) ? list : [];

    /// <summary>Whether anything in the venv provides <paramref name="topLevelName"/>.</summary>
    public bool Provides(string topLevelName) => _providers.ContainsKey(topLevelName);

    /// <summary>Every name known, in no particular order.</summary>
    public IEnumerable<string> Names => _providers.Keys;

    /// <summary>Collects providers; a distribution is listed once per name (the first evidence wins).</summary>
    public sealed class Builder
    {
        private readonly Dictionary<string, List<ModuleProvider>> _providers = new(StringComparer.Ordinal);

        /// <summary>Whether <paramref name="name"/> has any provider yet.</summary>
        public bool Provides(string name) => _providers.ContainsKey(name);

        /// <summary>Whether the distribution <paramref name="normalizedName"/> already provides <paramref name="name"/>.</summary>
        public bool Provides(string name, string normalizedName) =>
            _providers.TryGetValue(name, out var list) && list.Exists(p => p.NormalizedName == normalizedName);

        /// <summary>Adds <paramref name="provider"/> for <paramref name="name"/> unless the same distribution (or, for an
        /// unowned provider, anything) already provides it.</summary>
        public void Add(string name, ModuleProvider provider)
        {
            if (!_providers.TryGetValue(name, out var list)) _providers[name] = list = new List<ModuleProvider>(1);
            else if (provider.NormalizedName is null ? list.Count > 0 : list.Exists(p => p.NormalizedName == provider.NormalizedName)) return;
            list.Add(provider);
        }

        /// <summary>The lookup (the builder must not be used afterwards).</summary>
        public ModuleProviders Build() => new(_providers);
    }
}
