using HookGuard.Cli;
using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Fuzz;

/// <summary>
/// ARCHITECTURE rule 5, as <c>tests/HookGuard.Tests/Fuzzing/ParserContract</c> states it for the property tests: a
/// parser returns or throws its typed error naming the file (and a line of at least 1 where a line means something).
/// Those errors are swallowed here; an error that names no file or line is turned into a crash, and every other
/// exception passes through as one.
/// </summary>
internal static class ParserErrors
{
    /// <summary>The declaration-file parsers' errors (requirement files, METADATA, pyvenv.cfg, direct_url.json, config, TOML, locks).</summary>
    public static void Declared(Action parse)
    {
        try
        {
            parse();
        }
        catch (RequirementFileError e)
        {
            Located(e.Location.File, e.Location.Line, e);
        }
        catch (DeclarationFileError e)
        {
            Located(e.Location.File, e.Location.Line, e);
        }
        catch (ConfigError e)
        {
            Located(e.File, e.Line, e);
        }
        catch (VenvFormatException e)
        {
            // Line 0 means the whole file (a METADATA without Name); the file is always named.
            Located(e.File, Math.Max(e.Line, 1), e);
        }
        catch (PackagingFormatException e) when (e.Message.Length > 0)
        {
        }
    }

    /// <summary>The git readers' errors: a <see cref="UserError"/> naming the file, or data the reader hands to git.</summary>
    public static void Git(string file, Action read)
    {
        try
        {
            read();
        }
        catch (UserError e) when (e.Message.Contains(file, StringComparison.Ordinal))
        {
        }
        catch (Git.OwnReaderCannotReadException)
        {
            // An extension HookGuard's reader leaves to git (StagedIndex then asks git, which judges the file).
        }
    }

    private static void Located(string file, int line, Exception error)
    {
        if (string.IsNullOrEmpty(file) || line < 1)
        {
            throw new InvalidOperationException($"A parser error without a file or a line: '{error.Message}'", error);
        }
    }
}
