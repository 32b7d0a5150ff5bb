using HookGuard.Core.Packaging;

namespace HookGuard.Core.Declarations.Uv;

/// <summary>
/// Whether two specifier sets or two markers mean the same, for comparing what uv recorded with what pyproject.toml says.
/// uv does not keep a requirement as written: it rewrites markers into its canonical form (<c>python_version &lt; "3.11"</c>
/// becomes <c>python_full_version &lt; '3.11'</c>, terms are reordered, quotes change; crates/uv-pep508/src/marker/tree.rs)
/// and prints specifiers with its own spacing. Texts that normalize alike are equal; otherwise both are evaluated on
/// every environment that can tell them apart: the versions at and around each literal they compare with, and each
/// literal (and one other value) of every string variable.
/// </summary>
internal static class RequirementEquivalence
{
    // Beyond this many environments the markers are compared by their normalized text alone (a difference is then
    // reported, which `uv lock` clears); real markers mention two or three variables.
    private const int MaxEnvironments = 20_000;

    private const string OtherValue = "\u0001other";

    private static readonly string[] PythonVariables = ["python_version", "python_full_version", "implementation_version"];

    public static bool SameSpecifiers(SpecifierSet left, SpecifierSet right)
    {
        if (left.Normalized == right.Normalized)
        {
            return true;
        }

        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var specifier in left.Specifiers.Concat(right.Specifiers))
        {
            AddVersionNeighbours(specifier.Version, candidates, withSuffixes: true);
        }

        foreach (var version in candidates)
        {
            if (left.Contains(version) != right.Contains(version))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Equal when they agree on every distinguishing environment whose Python <paramref name="requiresPython"/> allows.</summary>
    public static bool SameMarkers(Marker? left, Marker? right, SpecifierSet requiresPython)
    {
        if (left?.Normalized == right?.Normalized)
        {
            return true;
        }

        var values = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var pythons = new HashSet<string>(StringComparer.Ordinal) { "2.7.18", "3.8.10", "3.12.3" };
        foreach (var marker in new[] { left, right })
        {
            foreach (var (variable, value) in marker?.Comparisons() ?? [])
            {
                if (PythonVariables.Contains(variable))
                {
                    AddVersionNeighbours(value, pythons, withSuffixes: false);
                    continue;
                }

                if (!values.TryGetValue(variable, out var set))
                {
                    set = [variable == "extra" ? "" : OtherValue];
                    values.Add(variable, set);
                }

                set.Add(variable == "extra" ? PackageName.Normalize(value) : value);
            }
        }

        var pythonAxis = pythons.Where(version => requiresPython.Contains(version)).ToList();
        if (pythonAxis.Count == 0)
        {
            pythonAxis.AddRange(pythons);
        }

        var axes = values.Select(pair => (pair.Key, Values: pair.Value.ToArray())).ToArray();
        long count = pythonAxis.Count;
        foreach (var axis in axes)
        {
            count *= axis.Values.Length;
            if (count > MaxEnvironments)
            {
                return false;
            }
        }

        var chosen = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var python in pythonAxis)
        {
            if (!AgreeOnAll(left, right, python, axes, 0, chosen))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AgreeOnAll(Marker? left, Marker? right, string python, (string Key, string[] Values)[] axes, int axis,
        Dictionary<string, string> chosen)
    {
        if (axis == axes.Length)
        {
            var environment = Environment(python, chosen);
            var extra = chosen.GetValueOrDefault("extra", "");
            return Evaluate(left, environment, extra) == Evaluate(right, environment, extra);
        }

        foreach (var value in axes[axis].Values)
        {
            chosen[axes[axis].Key] = value;
            if (!AgreeOnAll(left, right, python, axes, axis + 1, chosen))
            {
                return false;
            }
        }

        return true;
    }

    private static bool? Evaluate(Marker? marker, MarkerEnvironment environment, string extra)
    {
        if (marker is null)
        {
            return true;
        }

        try
        {
            return marker.Evaluate(environment, extra);
        }
        catch (PackagingFormatException)
        {
            return null;
        }
    }

    private static MarkerEnvironment Environment(string python, Dictionary<string, string> values)
    {
        string Get(string key, string fallback) => values.TryGetValue(key, out var value) ? value : fallback;
        var environment = MarkerEnvironment.Create(python, Get("os_name", "posix"), Get("sys_platform", "linux"),
            Get("platform_system", "Linux"), Get("platform_machine", "x86_64"), Get("platform_release", ""), Get("platform_version", ""));
        return environment with
        {
            PlatformPythonImplementation = Get("platform_python_implementation", "CPython"),
            ImplementationName = Get("implementation_name", "cpython"),
        };
    }

    /// <summary>The version itself and the nearest ones on each side of it, at each length of its release.</summary>
    private static void AddVersionNeighbours(string text, HashSet<string> into, bool withSuffixes)
    {
        var stripped = text.EndsWith(".*", StringComparison.Ordinal) ? text[..^2] : text;
        if (!PythonVersion.TryParse(stripped, out var version))
        {
            into.Add(stripped);
            return;
        }

        // Capped: a date-like release part beyond long is still a point on the line.
        var release = version!.Release.Select(part => (long)System.Numerics.BigInteger.Min(part, long.MaxValue - 1)).ToList();
        while (release.Count < 3)
        {
            release.Add(0);
        }

        into.Add(version.Normalized);
        for (var i = 0; i < release.Count; i++)
        {
            var up = release.Take(i + 1).ToList();
            up[i]++;
            into.Add(Join(up, release.Count - i - 1, 0));
            if (release[i] > 0)
            {
                var down = release.Take(i + 1).ToList();
                down[i]--;
                into.Add(Join(down, release.Count - i - 1, 99));
            }
        }

        if (withSuffixes)
        {
            into.Add(version.BaseVersion + "rc1");
            into.Add(version.BaseVersion + ".dev0");
            into.Add(version.BaseVersion + ".post1");
        }
    }

    private static string Join(List<long> head, int padding, long pad) =>
        string.Join('.', head.Concat(Enumerable.Repeat(pad, padding)));
}
