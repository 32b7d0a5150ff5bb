namespace HookGuard.Core.Requirements;

/// <summary>
/// What a local path in a requirements file is on disk, the two questions pip asks there
/// (<c>os.path.isdir</c>, then <c>is_installable_dir</c>: a <c>setup.py</c> or <c>pyproject.toml</c> inside).
/// </summary>
public enum LocalPathKind
{
    NotADirectory,
    Directory,
    ProjectDirectory,
}
