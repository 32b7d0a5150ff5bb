using System.Text;
using HookGuard.Tests.Declarations.Pdm;
using HookGuard.Tests.Declarations.Pipenv;
using HookGuard.Tests.Declarations.Poetry;
using HookGuard.Tests.Declarations.Pylock;
using HookGuard.Tests.Declarations.Pyproject;
using HookGuard.Tests.Declarations.Uv;
using HookGuard.Tests.Packaging;
using HookGuard.Tests.Requirements;
using HookGuard.Tests.Toml;

namespace HookGuard.Tests.Fuzzing;

/// <summary>Valid documents to mutate: the generators and fixtures the other specs already use.</summary>
internal static class FuzzSeeds
{
    public static byte[][] RequirementFiles { get; } =
        [.. RequirementFileCases.Generate(60, seed: 11).SelectMany(c => c.Files.Values)];

    public static string[] TomlDocuments { get; } =
        [.. Enumerable.Range(0, 60).Select(seed => new GeneratedTomlDocuments(seed).Document())];

    public static string[] Metadata { get; } =
    [
        "Metadata-Version: 2.1\nName: Foo_Bar.Baz\nVersion: 1.0.0-RC1\nRequires-Dist: requests (>=2.0)\nRequires-Dist: idna; python_version < \"3.8\"\n\nBody\n",
        "Metadata-Version: 1.0\r\nName: legacy\r\nVersion: 0.1\r\nSummary: folded\r\n  continuation\r\nProvides-Extra: x\r\n",
        "Name: a\nVersion: 1!2.0.post1.dev3+local.7\nRequires-Dist: b[c,d]>=1; extra == \"x\"\nRequires-Python: >=3.8\n",
    ];

    public static string[] PyvenvConfigs { get; } =
    [
        "home = /root/.pyenv/versions/3.11.7/bin\ninclude-system-site-packages = false\nversion = 3.11.7\nexecutable = /root/.pyenv/versions/3.11.7/bin/python3.11\ncommand = /x -m venv /v\n",
        "home = C:\\Python312\r\nimplementation = CPython\r\nversion_info = 3.12.1.final.0\r\nvirtualenv = 20.25.0\r\ninclude-system-site-packages = TRUE\r\nbase-prefix = C:\\Python312\r\n",
    ];

    public static string[] DirectUrls { get; } =
    [
        """{"url": "file:///home/me/proj", "dir_info": {"editable": true}}""",
        """{"archive_info": {"hashes": {"sha256": "ab"}, "hash": "sha256=ab"}, "url": "file:///tmp/foo-1.0-py3-none-any.whl"}""",
        """{"url": "https://github.com/a/b.git", "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "main"}, "subdirectory": "pkg"}""",
    ];

    public static string[] Configs { get; } =
    [
        """
        policy = "freeze"              # or "top-level"
        autostage = false
        requirements = ["requirements.txt"]
        ignore = ["pip", "setuptools", "wheel"]
        on-missing-venv = "warn"

        [[project]]
        path = "services/api"
        venv = "../../.venvs/api"
        requirements = ["requirements/prod.txt"]
        """,
        """
        policy = "top-level"
        autostage = true
        requirements = ["requirements*.txt", "requirements/*.txt"]
        on-missing-venv = "block"
        installed-source = "pip"
        project = [{ path = "a", policy = "freeze" }, { path = "b", authoritative = "uv.lock", groups = ["dev"] }]
        """,
    ];

    public static (string Lock, string Declaration)[] Locks(string format) => format switch
    {
        "uv.lock" => [(UvLockReaderSpecs.LockText, UvLockReaderSpecs.PyprojectText)],
        "poetry.lock" => [(PoetryLockReaderSpecs.Lock21, PoetryLockReaderSpecs.Pyproject), (PoetryLockReaderSpecs.Lock20, PoetryLockReaderSpecs.Pyproject20)],
        "pdm.lock" => [(PdmLockReaderSpecs.Lock, PdmLockReaderSpecs.Pyproject), (PdmLockReaderSpecs.Lock450, PdmLockReaderSpecs.Pep735Pyproject)],
        "Pipfile.lock" => [(PipfileLockReaderSpecs.Lock, PipfileLockReaderSpecs.RealPipfileWithSource)],
        "pylock.toml" => [(PylockReaderSpecs.Lock, "")],
        "pyproject.toml" => [(Pep621DeclarationsSpecs.Pyproject, ""), (PoetryLockReaderSpecs.Pyproject, ""), (UvLockReaderSpecs.PyprojectText, "")],
        "Pipfile" => [(PipfileReaderSpecs.Pipfile, "")],
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string[] Packaging(Func<PackagingCases, string> make) =>
        [.. Enumerable.Range(0, 80).Select(seed => make(new PackagingCases(seed)))];

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
