using System.Text;
using CliWrap;
using HookGuard.IntegrationTests.Fixtures;

namespace HookGuard.IntegrationTests.Objects;

/// <summary>Every object git itself can read in a repository (alternates included), byte for byte: <c>git cat-file --batch-all-objects --batch</c>.</summary>
internal static class GitObjectDump
{
    public static IReadOnlyDictionary<string, (string Type, byte[] Data)> All(TempGitRepo repo, string? workingDirectory = null)
    {
        using var output = new MemoryStream();
        global::CliWrap.Cli.Wrap("git")
            .WithArguments(["cat-file", "--batch-all-objects", "--batch"])
            .WithWorkingDirectory(workingDirectory ?? repo.WorkTree)
            .WithEnvironmentVariables(repo.Environment())
            .WithStandardOutputPipe(PipeTarget.ToStream(output))
            .ExecuteAsync().GetAwaiter().GetResult();

        // Each object: "<id> <type> <size>\n<content>\n".
        var bytes = output.ToArray();
        var objects = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        var position = 0;
        while (position < bytes.Length)
        {
            var newline = Array.IndexOf(bytes, (byte)'\n', position);
            var header = Encoding.ASCII.GetString(bytes, position, newline - position).Split(' ');
            var size = int.Parse(header[2], System.Globalization.CultureInfo.InvariantCulture);
            objects[header[0]] = (header[1], bytes.AsSpan(newline + 1, size).ToArray());
            position = newline + 1 + size + 1;
        }

        return objects;
    }
}
