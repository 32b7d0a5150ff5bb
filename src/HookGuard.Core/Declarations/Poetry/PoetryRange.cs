namespace HookGuard.Core.Declarations.Poetry;

/// <summary>
/// One contiguous range of poetry-core's constraint algebra: a <c>VersionRange</c>, or a single <c>Version</c>
/// (<see cref="IsVersion"/>), which poetry-core also treats as a range from itself to itself. A port of
/// https://github.com/python-poetry/poetry-core/blob/1.4.0/src/poetry/core/constraints/version/version_range.py and
/// version_range_constraint.py, kept to what parsing a constraint and rendering it needs.
/// </summary>
internal sealed class PoetryRange
{
    /// <summary><c>VersionRange()</c>: any version.</summary>
    public static readonly PoetryRange Any = new(null, null, false, false);

    public PoetryRange(PoetryVersion? min, PoetryVersion? max, bool includeMin, bool includeMax, bool alwaysIncludeMaxPrerelease = false)
    {
        Min = min;
        Max = max;
        IncludeMin = includeMin;
        IncludeMax = includeMax;
        // VersionRange.__init__: "<2.0" also excludes 2.0's pre-releases, unless the lower bound is a pre-release of 2.0.
        FullMax = !alwaysIncludeMaxPrerelease && !includeMax && max is { IsStable: true, IsPostrelease: false }
                  && (min is null || min.IsStable || !min.SameRelease(max))
            ? max.FirstPrerelease
            : max;
    }

    private PoetryRange(PoetryVersion version)
    {
        Min = Max = FullMax = version;
        IncludeMin = IncludeMax = true;
        IsVersion = true;
    }

    public PoetryVersion? Min { get; }

    public PoetryVersion? Max { get; }

    public PoetryVersion? FullMax { get; }

    public bool IncludeMin { get; }

    public bool IncludeMax { get; }

    /// <summary>A <c>Version</c> rather than a <c>VersionRange</c>: rendered bare, allows its local versions.</summary>
    public bool IsVersion { get; }

    public bool IsAny => !IsVersion && Min is null && Max is null;

    public static PoetryRange Of(PoetryVersion version) => new(version);

    public bool Allows(PoetryVersion other)
    {
        if (IsVersion)
        {
            // Version.allows: weak equality, 3.0.0+local.1 is allowed by 3.0.0.
            return Min!.SameAs(!Min.IsLocal && other.IsLocal ? other.WithoutLocal : other);
        }

        if (Min is not null)
        {
            if (other.CompareTo(Min) < 0 || (!IncludeMin && other.SameAs(Min)))
            {
                return false;
            }
        }

        if (FullMax is not null)
        {
            var candidate = other;
            if (!FullMax.IsLocal && candidate.IsLocal)
            {
                candidate = candidate.WithoutLocal;
            }

            if (!FullMax.IsPostrelease && candidate.IsPostrelease)
            {
                candidate = candidate.WithoutPostrelease;
            }

            if (candidate.CompareTo(FullMax) > 0 || (!IncludeMax && candidate.SameAs(FullMax)))
            {
                return false;
            }
        }

        return true;
    }

    public bool AllowsLower(PoetryRange other)
    {
        if (Min is null)
        {
            return other.Min is not null;
        }

        if (other.Min is null)
        {
            return false;
        }

        var c = Min.CompareTo(other.Min);
        return c < 0 || (c == 0 && IncludeMin && !other.IncludeMin);
    }

    public bool AllowsHigher(PoetryRange other)
    {
        if (FullMax is null)
        {
            return other.Max is not null;
        }

        if (other.FullMax is null)
        {
            return false;
        }

        var c = FullMax.CompareTo(other.FullMax);
        return c > 0 || (c == 0 && IncludeMax && !other.IncludeMax);
    }

    public bool IsStrictlyLower(PoetryRange other)
    {
        if (FullMax is null || other.Min is null)
        {
            return false;
        }

        var c = FullMax.CompareTo(other.Min);
        return c < 0 || (c == 0 && (!IncludeMax || !other.IncludeMin));
    }

    public bool IsStrictlyHigher(PoetryRange other) => other.IsStrictlyLower(this);

    public bool IsAdjacentTo(PoetryRange other) =>
        VersionEquals(Max, other.Min) && ((IncludeMax && !other.IncludeMin) || (!IncludeMax && other.IncludeMin));

    public bool AllowsAny(PoetryRange other)
    {
        if (IsVersion)
        {
            return other.IsVersion ? Allows(other.Min!) : other.Allows(Min!);
        }

        return other.IsVersion ? Allows(other.Min!) : !other.IsStrictlyLower(this) && !other.IsStrictlyHigher(this);
    }

    /// <summary><c>intersect</c> of two ranges; null is <c>EmptyConstraint</c>.</summary>
    public PoetryRange? Intersect(PoetryRange other)
    {
        if (IsVersion)
        {
            return other.Allows(Min!) ? this : other.IsVersion && Allows(other.Min!) ? other : null;
        }

        if (other.IsVersion)
        {
            return Allows(other.Min!) ? other : null;
        }

        PoetryVersion? min;
        bool includeMin;
        if (AllowsLower(other))
        {
            if (IsStrictlyLower(other))
            {
                return null;
            }

            (min, includeMin) = (other.Min, other.IncludeMin);
        }
        else
        {
            if (other.IsStrictlyLower(this))
            {
                return null;
            }

            (min, includeMin) = (Min, IncludeMin);
        }

        var (max, includeMax) = AllowsHigher(other) ? (other.Max, other.IncludeMax) : (Max, IncludeMax);
        if (min is null && max is null)
        {
            return Any;
        }

        if (VersionEquals(min, max))
        {
            return Of(min!);
        }

        return new PoetryRange(min, max, includeMin, includeMax);
    }

    /// <summary><c>union</c> of two ranges: one range when they overlap or touch, else their <c>VersionUnion</c>.</summary>
    public IReadOnlyList<PoetryRange> Union(PoetryRange other)
    {
        if (IsVersion)
        {
            if (other.Allows(Min!))
            {
                return [other];
            }

            if (!other.IsVersion)
            {
                if (other.Min is not null && Allows(other.Min))
                {
                    return [new PoetryRange(other.Min, other.Max, true, other.IncludeMax)];
                }

                if (other.Max is not null && Allows(other.Max))
                {
                    return [new PoetryRange(other.Min, other.Max, other.IncludeMin, true)];
                }
            }

            return PoetryConstraint.UnionOf([this, other]);
        }

        if (other.IsVersion)
        {
            if (Allows(other.Min!))
            {
                return [this];
            }

            if (VersionEquals(other.Min, Min))
            {
                return [new PoetryRange(Min, Max, true, IncludeMax)];
            }

            if (VersionEquals(other.Min, Max))
            {
                return [new PoetryRange(Min, Max, IncludeMin, true)];
            }

            return PoetryConstraint.UnionOf([this, other]);
        }

        var edgesTouch = (VersionEquals(Max, other.Min) && (IncludeMax || other.IncludeMin))
                         || (VersionEquals(Min, other.Max) && (IncludeMin || other.IncludeMax));
        if (!edgesTouch && !AllowsAny(other))
        {
            return PoetryConstraint.UnionOf([this, other]);
        }

        var (min, includeMin) = AllowsLower(other) ? (Min, IncludeMin) : (other.Min, other.IncludeMin);
        var (max, includeMax) = AllowsHigher(other) ? (Max, IncludeMax) : (other.Max, other.IncludeMax);
        return [new PoetryRange(min, max, includeMin, includeMax)];
    }

    /// <summary><c>difference</c> of two ranges (what of this range the other does not allow).</summary>
    public IReadOnlyList<PoetryRange> Difference(PoetryRange other)
    {
        if (IsVersion)
        {
            return other.Allows(Min!) ? [] : [this];
        }

        if (other.IsVersion)
        {
            var version = other.Min!;
            if (!Allows(version))
            {
                return [this];
            }

            if (VersionEquals(version, Min))
            {
                return IncludeMin ? [new PoetryRange(Min, Max, false, IncludeMax)] : [this];
            }

            if (VersionEquals(version, Max))
            {
                return IncludeMax ? [new PoetryRange(Min, Max, IncludeMin, false)] : [this];
            }

            return PoetryConstraint.UnionOf([new PoetryRange(Min, version, IncludeMin, false), new PoetryRange(version, Max, false, IncludeMax)]);
        }

        if (!AllowsAny(other))
        {
            return [this];
        }

        PoetryRange? before = !AllowsLower(other) ? null
            : VersionEquals(Min, other.Min) ? Of(Min!)
            : new PoetryRange(Min, other.Min, IncludeMin, !other.IncludeMin);
        PoetryRange? after = !AllowsHigher(other) ? null
            : VersionEquals(Max, other.Max) ? Of(Max!)
            : new PoetryRange(other.Max, Max, !other.IncludeMax, IncludeMax);
        return (before, after) switch
        {
            (null, null) => [],
            (null, { } a) => [a],
            ({ } b, null) => [b],
            ({ } b, { } a) => PoetryConstraint.UnionOf([b, a]),
        };
    }

    /// <summary>The order <c>VersionUnion.of</c> sorts by (<c>VersionRange._cmp</c>).</summary>
    public int CompareTo(PoetryRange other)
    {
        if (Min is null)
        {
            return other.Min is null ? CompareMax(other) : -1;
        }

        if (other.Min is null)
        {
            return 1;
        }

        var c = Min.CompareTo(other.Min);
        if (c != 0)
        {
            return c;
        }

        if (IncludeMin != other.IncludeMin)
        {
            return IncludeMin ? -1 : 1;
        }

        return CompareMax(other);
    }

    /// <summary><c>str()</c>: <c>&gt;=1.2,&lt;2.0</c>, a bare version, or <c>*</c>.</summary>
    public override string ToString()
    {
        if (IsVersion)
        {
            return Min!.Text;
        }

        if (Min is null && Max is null)
        {
            return "*";
        }

        var text = Min is null ? "" : (IncludeMin ? ">=" : ">") + Min.Text;
        if (Max is not null)
        {
            text += (Min is null ? "" : ",") + (IncludeMax ? "<=" : "<") + Max.Text;
        }

        return text;
    }

    internal static bool VersionEquals(PoetryVersion? left, PoetryVersion? right) =>
        left is null ? right is null : left.SameAs(right);

    private int CompareMax(PoetryRange other)
    {
        if (Max is null)
        {
            return other.Max is null ? 0 : 1;
        }

        if (other.Max is null)
        {
            return -1;
        }

        var c = Max.CompareTo(other.Max);
        if (c != 0)
        {
            return c;
        }

        return IncludeMax == other.IncludeMax ? 0 : IncludeMax ? 1 : -1;
    }
}
