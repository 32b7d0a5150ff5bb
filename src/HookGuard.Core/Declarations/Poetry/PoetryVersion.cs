using HookGuard.Core.Packaging;

namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// A version as poetry-core's constraint algebra sees it (<c>poetry.core.version.pep440.PEP440Version</c> and
/// <c>constraints/version/version.py</c>, poetry-core 1.4.0): PEP 440 ordering, plus the release's precision (how many
/// parts were written), which decides what <c>^</c>, <c>~</c> and the rendered bounds look like.
/// https://github.com/python-poetry/poetry-core/blob/1.4.0/src/poetry/core/version/pep440/version.py
/// </summary>
internal sealed class PoetryVersion : IComparable<PoetryVersion>
{
    private PoetryVersion(long epoch, long[] release, (string Label, long Number)? pre, long? post, long? dev, string? local,
        string? written = null)
    {
        Epoch = epoch;
        ReleaseParts = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        Local = local;
        var normalized = Render();
        // PEP440Parser.parse keeps the text as written (text=value); versions poetry-core computes get to_string().
        Text = written ?? normalized;
        Key = PythonVersion.Parse(normalized);
    }

    public long Epoch { get; }

    /// <summary>The release parts as written (<c>Release.precision</c> is their count).</summary>
    public long[] ReleaseParts { get; }

    public (string Label, long Number)? Pre { get; }

    public long? Post { get; }

    public long? Dev { get; }

    public string? Local { get; }

    /// <summary><c>PEP440Version.text</c>: as written for a parsed version, else the normalized form.</summary>
    public string Text { get; }

    /// <summary>The PEP 440 ordering key (poetry's <c>_compare_key</c> orders as packaging's does).</summary>
    public PythonVersion Key { get; }

    public int Precision => ReleaseParts.Length;

    public long Major => ReleaseParts[0];

    public long? Minor => ReleaseParts.Length > 1 ? ReleaseParts[1] : null;

    public long? Patch => ReleaseParts.Length > 2 ? ReleaseParts[2] : null;

    public bool IsStable => Pre is null && Dev is null;

    public bool IsPostrelease => Post is not null;

    public bool IsLocal => Local is not null;

    /// <summary>Parses as <c>Version.parse</c>; null where poetry-core raises <c>InvalidVersion</c>.</summary>
    public static PoetryVersion? TryParse(string text)
    {
        if (!PythonVersion.TryParse(text.Trim(), out var parsed))
        {
            return null;
        }

        try
        {
            var release = parsed!.Release.Select(part => checked((long)part)).ToArray();
            (string, long)? pre = parsed.Pre is { } p ? (p.Label, checked((long)p.Number)) : null;
            long? post = parsed.Post is { } q ? checked((long)q) : null;
            long? dev = parsed.Dev is { } d ? checked((long)d) : null;
            return new PoetryVersion(checked((long)parsed.Epoch), release, pre, post, dev, parsed.Local, text);
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary><c>Version.from_parts</c>: a release of exactly these parts.</summary>
    public static PoetryVersion FromParts(params long[] parts) => new(0, parts, null, null, null, null);

    /// <summary><c>Version.stable</c>: without pre and dev (a post release survives only if there is no pre).</summary>
    public PoetryVersion Stable => IsStable ? this : new PoetryVersion(Epoch, ReleaseParts, null, Pre is null ? Post : null, null, null);

    /// <summary><c>first_prerelease()</c>: the release's <c>a0</c>, which a <c>&lt;V</c> bound excludes too.</summary>
    public PoetryVersion FirstPrerelease => new(Epoch, ReleaseParts, ("a", 0), null, null, null);

    public PoetryVersion WithoutLocal => Local is null ? this : new PoetryVersion(Epoch, ReleaseParts, Pre, Post, Dev, null);

    public PoetryVersion WithoutPostrelease => Post is null ? this : new PoetryVersion(Epoch, ReleaseParts, Pre, null, Dev, Local);

    private bool IsIncrementRequired => IsStable || (Pre is null && IsPostrelease);

    public PoetryVersion NextMajor()
    {
        var release = ReleaseParts;
        if (IsIncrementRequired || CompareRelease(Padded(release[0], 0, 0), release) < 0)
        {
            release = Bump(release, 0);
        }

        return new PoetryVersion(Epoch, release, null, null, null, null);
    }

    public PoetryVersion NextMinor()
    {
        var release = ReleaseParts;
        if (IsIncrementRequired || CompareRelease(Padded(release[0], Minor ?? 0, 0), release) < 0)
        {
            release = Bump(release, 1);
        }

        return new PoetryVersion(Epoch, release, null, null, null, null);
    }

    public PoetryVersion NextPatch()
    {
        var release = ReleaseParts;
        if (IsIncrementRequired || CompareRelease(Padded(release[0], Minor ?? 0, Patch ?? 0), release) < 0)
        {
            release = Bump(release, 2);
        }

        return new PoetryVersion(Epoch, release, null, null, null, null);
    }

    /// <summary><c>next_breaking()</c>: what <c>^</c> stops before (the first non-zero of major, minor, patch).</summary>
    public PoetryVersion NextBreaking()
    {
        if (Major > 0 || Minor is null)
        {
            return Stable.NextMajor();
        }

        if (Minor > 0 || Patch is null)
        {
            return Stable.NextMinor();
        }

        return Stable.NextPatch();
    }

    /// <summary>
    /// <c>_make_compare_key</c>: packaging's order, except the release, whose key is <c>(major, minor or 0, patch or 0,
    /// *extra)</c> (segments.py <c>Release</c>), so 1.0.0 equals 1.0 but not 1.0.0.0.
    /// </summary>
    public int CompareTo(PoetryVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var c = Epoch.CompareTo(other.Epoch);
        if (c == 0)
        {
            c = CompareRelease(ReleaseParts, other.ReleaseParts);
        }

        // Equal poetry release keys are equal PEP 440 releases; the rest (pre, post, dev, local) orders as packaging's.
        return c != 0 ? c : Key.CompareTo(other.Key);
    }

    public bool SameAs(PoetryVersion? other) => CompareTo(other) == 0 && other is not null;

    /// <summary><c>Release.__eq__</c>, by the same key.</summary>
    public bool SameRelease(PoetryVersion other) => CompareRelease(ReleaseParts, other.ReleaseParts) == 0;

    public override string ToString() => Text;

    // Release.next_major/next_minor/next_patch: bump one part, zero the later written parts, write a missing minor or
    // patch only when bumping it (Release(major=1).next_minor() is 1.1, next_patch() is 1.0.1).
    private static long[] Bump(long[] release, int index)
    {
        var length = Math.Max(release.Length, index + 1);
        var result = new long[length];
        for (var i = 0; i < length; i++)
        {
            result[i] = i < index ? (i < release.Length ? release[i] : 0) : i == index ? (i < release.Length ? release[i] : 0) + 1 : 0;
        }

        return result;
    }

    private static long[] Padded(long major, long minor, long patch) => [major, minor, patch];

    // Release._compare_key is (major, minor or 0, patch or 0, *extra): trailing extras count, missing ones are absent.
    private static int CompareRelease(long[] left, long[] right)
    {
        static long At(long[] parts, int i) => i < parts.Length ? parts[i] : 0;
        var leftKey = left.Length > 3 ? left.Length : 3;
        var rightKey = right.Length > 3 ? right.Length : 3;
        for (var i = 0; i < Math.Min(leftKey, rightKey); i++)
        {
            var c = At(left, i).CompareTo(At(right, i));
            if (c != 0)
            {
                return c;
            }
        }

        return leftKey.CompareTo(rightKey);
    }

    private string Render()
    {
        var text = string.Join('.', ReleaseParts);
        if (Epoch != 0)
        {
            text = $"{Epoch}!{text}";
        }

        if (Pre is { } pre)
        {
            text += pre.Label + pre.Number;
        }

        if (Post is { } post)
        {
            text += ".post" + post;
        }

        if (Dev is { } dev)
        {
            text += ".dev" + dev;
        }

        if (Local is { } local)
        {
            text += "+" + local;
        }

        return text.ToLowerInvariant();
    }
}
