using System.Text;
using CliWrap.Buffered;
using HookGuard.Core.Imports;
using HookGuard.IntegrationTests.Fixtures;
using Xunit.Abstractions;

namespace HookGuard.IntegrationTests.Imports;

/// <summary>
/// The reader against CPython's own parser: reference_imports.py applies the same rules over <c>ast</c> to the
/// standard library sources of a pyenv Python, and every (line, level, module, need) must agree. A bounded sample of
/// files by default; HOOKGUARD_IMPORTS_ALL_FILES=1 compares every file.
/// </summary>
public sealed class ImportReaderDifferentialSpecs(ITestOutputHelper output)
{
    private const int SampleSize = 300;

    [Theory]
    [MemberData(nameof(PythonInterpreters.Versions), MemberType = typeof(PythonInterpreters))]
    public async Task The_reader_agrees_with_ast_on_the_standard_library(string version)
    {
        var python = PythonInterpreters.ForVersion(version);
        var work = Path.GetTempPath();
        var stdlib = (await PythonInterpreters.Clean(python, ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], work)
            .ExecuteBufferedAsync()).StandardOutput.Trim();
        var all = Directory.EnumerateFiles(stdlib, "*.py", SearchOption.AllDirectories)
            .Where(f => !f.Contains("site-packages", StringComparison.Ordinal))
            .OrderBy(f => f, StringComparer.Ordinal).ToList();
        var files = Environment.GetEnvironmentVariable("HOOKGUARD_IMPORTS_ALL_FILES") == "1"
            ? all
            : all.Where((_, i) => i % Math.Max(1, all.Count / SampleSize) == 0).ToList();

        var script = Path.Combine(AppContext.BaseDirectory, "Imports", "reference_imports.py");
        var result = await PythonInterpreters.Clean(python, [script, "-"], work)
            .WithStandardInputPipe(CliWrap.PipeSource.FromString(string.Join('\n', files)))
            .ExecuteBufferedAsync(Encoding.UTF8);
        Assert.True(result.ExitCode == 0, result.StandardError);

        var expected = ParseReference(result.StandardOutput, out int skipped);
        int compared = 0;
        var mismatches = new List<string>();
        foreach (var (file, imports) in expected)
        {
            var actual = PythonImportReader.Read(File.ReadAllBytes(file))
                .Select(i => $"{i.Line}\t{i.Level}\t{i.Module}\t{i.Need}").ToList();
            compared += imports.Count;
            if (!actual.SequenceEqual(imports))
                mismatches.Add($"{file}:\n  ast:    {string.Join(" | ", imports.Except(actual))}\n  reader: {string.Join(" | ", actual.Except(imports))}");
        }
        output.WriteLine($"Python {version}: {expected.Count} files compared ({skipped} skipped as unparseable), {compared} imports, {mismatches.Count} files mismatched");
        Assert.True(expected.Count >= Math.Min(100, files.Count / 2), $"only {expected.Count} of {files.Count} files parsed");
        Assert.True(compared > 500, $"only {compared} imports compared");
        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches.Take(20)));
    }

    private static Dictionary<string, List<string>> ParseReference(string text, out int skipped)
    {
        var files = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        skipped = 0;
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("F\t", StringComparison.Ordinal)) files[line[2..]] = current = [];
            else if (line.StartsWith("S\t", StringComparison.Ordinal)) { skipped++; current = null; }
            else current?.Add(line);
        }
        return files;
    }
}
