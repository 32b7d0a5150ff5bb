using HookGuard.Cli;
using HookGuard.Core.Configuration;

namespace HookGuard.Configuration;

/// <summary>Reads <c>.hookguard.toml</c> from the work-tree root (SPEC sec. 6); no file means the defaults.</summary>
public static class ConfigFile
{
    public static HookGuardConfig Load(string workTreeRoot)
    {
        var path = Path.Combine(workTreeRoot, HookGuardConfig.FileName);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return HookGuardConfig.Default;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot be read: {e.Message}");
        }

        return ConfigParser.Parse(text, HookGuardConfig.FileName);
    }
}
