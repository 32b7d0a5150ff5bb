using HookGuard.Core.Packaging;

namespace HookGuard.Core.Declarations;

/// <summary>
/// What a declaration reader is given. Pure: the caller reads files (from the index for a commit check). CONTRACT.
/// </summary>
/// <param name="ProjectPath">The project's directory, repo-relative (<c>""</c> for the root).</param>
/// <param name="File">The file to read, repo-relative with forward slashes; named in every location and error.</param>
/// <param name="Content">The file's bytes as staged.</param>
/// <param name="ReadFile">Reads another repo-relative file as staged (a lock's <c>pyproject.toml</c> or <c>Pipfile</c>, for
/// the stale check); null when there is no such file.</param>
/// <param name="Environment">The venv's marker environment, for selecting locked packages by marker; null when there is no
/// venv, and then the reader only parses and validates (every package is returned, none is selected away).</param>
/// <param name="Groups">The groups (dependency groups, extras, Poetry groups, Pipfile.lock's <c>develop</c>) the user chose,
/// PEP 503-normalized (compare yours normalized too); null means what the tool installs by default.</param>
/// <param name="InstalledNames">PEP 503 names of what the venv holds; lets a reader tell how the venv was synced (Pipfile.lock's
/// <c>develop</c> packages count when the venv holds one that <c>default</c> does not).</param>
public sealed record DeclarationInput(
    string ProjectPath,
    string File,
    byte[] Content,
    Func<string, byte[]?> ReadFile,
    MarkerEnvironment? Environment,
    IReadOnlyList<string>? Groups,
    IReadOnlySet<string> InstalledNames);
