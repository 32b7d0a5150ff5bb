namespace HookGuard.Fuzz;

/// <summary>Writes a target's seeds as files <c>seed-NNN</c>, the corpus afl-fuzz starts from (<c>-i</c>).</summary>
internal static class SeedCorpus
{
    /// <summary>afl-fuzz refuses seeds over 1 MB, and large seeds only slow it down.</summary>
    private const int MaximumSeedBytes = 64 * 1024;

    public static int Write(FuzzTarget target, string directory)
    {
        Directory.CreateDirectory(directory);
        var written = 0;
        foreach (var seed in target.Seeds().Where(seed => seed.Length <= MaximumSeedBytes).DistinctBy(Convert.ToBase64String))
        {
            File.WriteAllBytes(Path.Combine(directory, $"seed-{written++:D3}"), seed);
        }

        return written;
    }
}
