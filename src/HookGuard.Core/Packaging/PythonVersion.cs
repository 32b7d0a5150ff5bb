namespace HookGuard.Core.Packaging;

/// <summary>A PEP 440 version (https://peps.python.org/pep-0440/). CONTRACT: implemented by the packaging work.</summary>
public sealed class PythonVersion : IComparable<PythonVersion>, IEquatable<PythonVersion>
{
    /// <summary>The text as written.</summary>
    public string Text { get; }

    private PythonVersion(string text) => Text = text;

    /// <summary>Parses a PEP 440 version; <see langword="false"/> for legacy or malformed versions.</summary>
    public static bool TryParse(string text, out PythonVersion? version) => throw new NotImplementedException();

    /// <summary>Parses or throws <see cref="PackagingFormatException"/>.</summary>
    public static PythonVersion Parse(string text) => throw new NotImplementedException();

    public bool IsPrerelease => throw new NotImplementedException();

    public int CompareTo(PythonVersion? other) => throw new NotImplementedException();
    public bool Equals(PythonVersion? other) => throw new NotImplementedException();
    public override bool Equals(object? obj) => Equals(obj as PythonVersion);
    public override int GetHashCode() => throw new NotImplementedException();
    public override string ToString() => Text;
}
