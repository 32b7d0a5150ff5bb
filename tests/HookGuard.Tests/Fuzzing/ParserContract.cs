using HookGuard.Core.Configuration;
using HookGuard.Core.Declarations;
using HookGuard.Core.Installed;
using HookGuard.Core.Packaging;
using HookGuard.Core.Requirements;

namespace HookGuard.Tests.Fuzzing;

/// <summary>
/// ARCHITECTURE rule 5 as a check: a parser returns, or throws its own typed error pointing into the input (a file and
/// a line of at least 1, or a column); anything else escaping it (IndexOutOfRange, NullReference, InvalidCast, a
/// FormatException of the runtime, a stack overflow caught as a crash of the run) is a bug.
/// </summary>
internal static class ParserContract
{
    /// <param name="expectedFile">The file the error must name; null: any, as long as one is named.</param>
    public static void Holds(string? expectedFile, Action parse)
    {
        try
        {
            parse();
        }
        catch (RequirementFileError e)
        {
            Located(expectedFile, e.Location.File, e.Location.Line, e);
        }
        catch (DeclarationFileError e)
        {
            Assert.True(e.Location.Line >= 1, $"no line in: {e.Message}");
            Assert.False(string.IsNullOrEmpty(e.Location.File), $"no file in: {e.Message}");
        }
        catch (ConfigError e)
        {
            Located(expectedFile, e.File, e.Line, e);
        }
        catch (VenvFormatException e)
        {
            // Line 0 means the whole file (a METADATA without Name); the file is always named.
            Assert.True(e.Line >= 0);
            Named(expectedFile, e.File);
        }
        catch (PackagingFormatException e)
        {
            Assert.False(string.IsNullOrEmpty(e.Message));
        }
    }

    private static void Located(string? expectedFile, string file, int line, Exception e)
    {
        Assert.True(line >= 1, $"no line in: {e.Message}");
        Named(expectedFile, file);
    }

    private static void Named(string? expectedFile, string file)
    {
        if (expectedFile is null) Assert.False(string.IsNullOrEmpty(file));
        else Assert.Equal(expectedFile, file);
    }
}
