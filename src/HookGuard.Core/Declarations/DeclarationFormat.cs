namespace HookGuard.Core.Declarations;

/// <summary>The kinds of file a project can declare its dependencies in (SPEC sec. 9). CONTRACT.</summary>
public enum DeclarationFormat
{
    /// <summary>pip requirement files (<c>requirements.txt</c> and the configured globs), with their <c>-r</c> includes.</summary>
    RequirementFiles,

    /// <summary><c>uv.lock</c> (https://docs.astral.sh/uv/concepts/projects/layout/#the-lockfile).</summary>
    UvLock,

    /// <summary><c>poetry.lock</c>, lock-version 1.1, 2.0 and 2.1.</summary>
    PoetryLock,

    /// <summary><c>Pipfile.lock</c> (JSON).</summary>
    PipfileLock,

    /// <summary><c>pdm.lock</c>.</summary>
    PdmLock,

    /// <summary><c>pylock.toml</c> or <c>pylock.NAME.toml</c> (PEP 751).</summary>
    Pylock,

    /// <summary><c>pyproject.toml</c>: PEP 621 <c>[project]</c>, PEP 735 <c>[dependency-groups]</c>, <c>[tool.poetry]</c>.</summary>
    Pyproject,

    /// <summary><c>Pipfile</c>: <c>[packages]</c> and <c>[dev-packages]</c>.</summary>
    Pipfile,
}

/// <summary>What a <see cref="DeclarationFormat"/> is, asked in one place.</summary>
public static class DeclarationFormats
{
    /// <summary>Whether the format is a lock file: it selects packages for an environment itself, and only its tool rewrites it.</summary>
    public static bool IsLock(this DeclarationFormat format) =>
        format is not (DeclarationFormat.RequirementFiles or DeclarationFormat.Pyproject or DeclarationFormat.Pipfile);
}
