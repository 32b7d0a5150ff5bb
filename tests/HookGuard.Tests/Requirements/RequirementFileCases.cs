using System.Text;

namespace HookGuard.Tests.Requirements;

/// <summary>One generated project: requirement files by relative path (as bytes), the roots to read, the variables set.</summary>
internal sealed record RequirementFileCase(int Id, Dictionary<string, byte[]> Files, string[] Roots, Dictionary<string, string> Variables);

/// <summary>
/// Generates requirement files the way people (and pip-compile, and careless editors) write them, nasty corners
/// included: continuations (also at EOF and before comments), tabs, CRLF, BOMs, PEP 263 headers, --hash on
/// continuation lines, ${VAR}, options with and without '=', -r/-c chains, and lines pip refuses.
/// </summary>
internal static class RequirementFileCases
{
    /// <summary>Directories the generated lines refer to; the differential harness creates them as installable projects.</summary>
    public static readonly string[] LocalProjects = ["pkg", "libs/a"];

    public static readonly Dictionary<string, string> Variables = new()
    {
        ["HG_VERSION"] = "2.0.1",
        ["HG_NAME"] = "colorama",
        ["HG_HOST"] = "example.com",
        ["HG_EMPTY"] = "",
        ["HG_SPACED"] = "six ==1.16.0",
    };

    private static readonly string[] Requirements =
    [
        "requests==2.31.0", "Django>=4.2,<5", "numpy ~= 1.26", "flask[async]==3.0.0", "flask[async, dotenv] >= 2",
        "pytest ; python_version >= '3.8'", "black==23.1.0; sys_platform == 'linux'", "zope.interface===5.0",
        "idna (>=2.5, <4)", "typing_extensions", "Pillow!=9.1.0", "pywin32==306 ; platform_system == \"Windows\"",
        "urllib3 @ https://example.com/urllib3-2.0.0-py3-none-any.whl",
        "demo @ https://example.com/demo.tar.gz ; python_version > '3'",
        "https://example.com/pkgs/simplejson-3.19.1-py3-none-any.whl",
        "https://example.com/archive/foo-1.0.tar.gz#egg=foo",
        "https://example.com/archive/bar.zip",
        "https://example.com/archive/baz.zip#sha256=abcdef",
        "git+https://github.com/psf/requests.git@v2.31.0#egg=requests",
        "git+https://github.com/psf/requests.git@v2.31.0",
        "./pkg", "./libs/a[extra1]", "./pkg ; python_version >= '3'",
        "./dist/demo_pkg-1.2.3-py3-none-any.whl", "dist/other-0.1-py2.py3-none-any.whl",
        "./dist/sdist-1.0.tar.gz",
        "${HG_NAME}==1.0", "pkg==${HG_VERSION}", "https://${HG_HOST}/x/y-1.0-py3-none-any.whl", "${HG_SPACED}",
        "six==1.16.0 --hash=sha256:abc --hash=sha256:def", "six==1.16.0 --hash sha256:abc",
        "certifi==2023.7.22 --hash=sha384:aa --hash=sha512:bb", "pkg==1.0 --global-option=--quiet",
        "pkg==1.0 -C key=value", "pkg==1.0 --config-settings=a=b --config-settings a=c", "wheel==0.41 --pre",
        "pkg==1.0 -r ignored.txt", "pkg  ==1.0", "PKG_with.Odd-Name==1.0",
    ];

    private static readonly string[] Editables =
    [
        "-e git+https://github.com/pallets/flask.git#egg=flask", "-e .", "-e ./pkg", "-e ./pkg[dev]",
        "--editable ./libs/a", "--editable=./pkg", "-e git+ssh://git@github.com/x/y.git@main#egg=y&subdirectory=src",
        "-e hg+https://hg.example.com/repo#egg=Repo", "-e git://github.com/a/b.git#egg=b",
        "-e file:./pkg#egg=pkg", "-e .[dev] --config-settings k=v", "-e ./pkg --hash=sha256:abc",
    ];

    private static readonly string[] Options =
    [
        "--index-url https://pypi.org/simple", "-i https://x.example/simple", "-ihttps://y.example/simple",
        "--extra-index-url=https://y.example", "--no-index", "-f ./wheels", "--find-links=https://z.example",
        "--pre", "--prefer-binary", "--require-hashes", "--only-binary :all:", "--no-binary=:none:",
        "--trusted-host host.example", "--use-feature=fast-deps", "--use-feature truststore", "--pypi-url=https://q",
        "--index https://abbrev.example", "--extra https://abbrev.example", "-C k=v", "--hash=sha256:lonely",
        "--no-index --pre -f 'quoted dir'", "--find-links \"a b\"",
    ];

    private static readonly string[] Invalid =
    [
        "--unknown-option", "pkg==1.0 --hash=md5:abc", "pkg==1.0 --hash=nocolon", "foo bar baz", "pkg=1.0",
        "-r", "--use-feature=bogus", "--no-index=1", "pkg==1.0 --hash='abc", "--in https://ambiguous",
        "pkg==1.0\t--hash=sha256:abc", "pkg==1.0#notacomment", "-C novalue", "--no-binary -x",
        "${HG_UNSET_VAR}==1.0", "-e https://example.com/not-vcs.zip", "-e git+https://github.com/a/noegg.git",
        "./dist/bad.whl", "pkg===", "-x", "pkg==${HG_EMPTY}1.0", "attrs==${hg_lower}",
    ];

    private static readonly string[] Comments = ["# a comment", "#", "   # indented comment", "## double", "#comment \\"];

    public static IReadOnlyList<RequirementFileCase> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var cases = new List<RequirementFileCase>();
        for (var id = 0; id < count; id++)
        {
            var files = new Dictionary<string, byte[]>();
            var shape = id % 6;
            var includeTargets = new List<string>();
            if (shape is 1 or 4) includeTargets.Add("other.txt");
            if (shape is 2) includeTargets.Add("sub/child.txt");

            var root = Lines(random, invalidChance: id % 5 == 0 ? 0.25 : 0.0);
            if (shape == 1) root.Insert(random.Next(root.Count + 1), Pick(random, "-r other.txt", "-rother.txt", "--requirement=other.txt", "--requirement other.txt", "-r ./other.txt"));
            if (shape == 2) root.Insert(random.Next(root.Count + 1), "-r sub/child.txt");
            if (shape == 3) root.Insert(random.Next(root.Count + 1), Pick(random, "-c constraints.txt", "--constraint=constraints.txt", "-cconstraints.txt"));
            if (shape == 4) root.Insert(random.Next(root.Count + 1), "-r other.txt");
            if (shape == 5) root.Insert(random.Next(root.Count + 1), Pick(random, "-r missing.txt", "-r other.txt"));

            files["requirements.txt"] = Encode(random, Continuations(random, root));
            if (shape is 1 or 4 or 5 && random.Next(3) > 0)
            {
                var other = Lines(random, 0);
                if (shape == 4 && random.Next(2) == 0) other.Add("-r requirements.txt"); // a cycle
                files["other.txt"] = Encode(random, Continuations(random, other));
            }
            if (shape == 2)
            {
                files["sub/child.txt"] = Encode(random, Continuations(random, [.. Lines(random, 0), "-r ../other.txt"]));
                files["other.txt"] = Encode(random, Continuations(random, Lines(random, 0)));
            }
            if (shape == 3)
            {
                var constraints = new List<string> { "requests<3", "numpy==1.26.0 --hash=sha256:cc" };
                if (random.Next(3) == 0) constraints.Add("-r other.txt");
                files["constraints.txt"] = Encode(random, Continuations(random, constraints));
                files["other.txt"] = Encode(random, Continuations(random, Lines(random, 0)));
            }
            cases.Add(new RequirementFileCase(id, files, ["requirements.txt"], Variables));
        }
        return cases;
    }

    private static List<string> Lines(Random random, double invalidChance)
    {
        var lines = new List<string>();
        var count = random.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            var roll = random.NextDouble();
            var line = roll < invalidChance ? Pick(random, Invalid)
                : roll < 0.55 ? Pick(random, Requirements)
                : roll < 0.65 ? Pick(random, Editables)
                : roll < 0.8 ? Pick(random, Options)
                : roll < 0.9 ? Pick(random, Comments)
                : "";
            if (random.Next(6) == 0 && line.Length > 0 && !line.StartsWith('#')) line += Pick(random, "  # trailing comment", "\t# tab comment", " #", "\t");
            if (random.Next(10) == 0) line = Pick(random, "\t", "  ", " \t") + line;
            lines.Add(line);
        }
        return lines;
    }

    // Breaks lines with '\' continuations at spaces, sometimes with a comment right after, sometimes at EOF.
    private static string Continuations(Random random, List<string> lines)
    {
        var physical = new List<string>();
        foreach (var line in lines)
        {
            var text = line;
            if (random.Next(4) == 0 && text.Contains(' '))
            {
                var spaces = Enumerable.Range(0, text.Length).Where(i => text[i] == ' ').ToList();
                var at = spaces[random.Next(spaces.Count)];
                text = text[..at] + Pick(random, " \\\n    ", "\\\n", " \\\n\t", " \\\n") + text[(at + 1)..];
            }
            if (random.Next(25) == 0) text += " \\\n# comment after a continuation";
            physical.Add(text);
        }
        var body = string.Join("\n", physical);
        var ending = random.Next(8) switch { 0 => "", 1 => " \\", 2 => " \\\n", _ => "\n" };
        return body + ending;
    }

    private static byte[] Encode(Random random, string text)
    {
        var newline = random.Next(5) == 0 ? "\r\n" : "\n";
        text = text.Replace("\n", newline);
        switch (random.Next(12))
        {
            case 0: return [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];
            case 1: return [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(text)];
            case 2: return [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(text)];
            case 3: return Encoding.Latin1.GetBytes("# -*- coding: latin-1 -*-" + newline + "# caf\u00e9" + newline + text);
            case 4: return Encoding.UTF8.GetBytes("# r\u00e9sum\u00e9 \u2713" + newline + text);
            default: return Encoding.UTF8.GetBytes(text);
        }
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];
}
