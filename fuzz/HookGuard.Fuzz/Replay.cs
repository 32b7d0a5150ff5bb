namespace HookGuard.Fuzz;

/// <summary>
/// Runs a target on saved inputs in this process (afl-fuzz's crashes, a regression's input) and prints what each
/// gave: "ok", or the exception that would have been a crash, with the frame that threw it. Exit 1 if any crashed.
/// </summary>
internal static class Replay
{
    public static int Run(FuzzTarget target, IEnumerable<string> files)
    {
        var crashed = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok");
            }
            catch (Exception error)
            {
                crashed++;
                var frame = error.StackTrace?.Split('\n').FirstOrDefault()?.Trim();
                Console.WriteLine($"{file}: {error.GetType().FullName}: {error.Message.Split('\n')[0]} {frame}");
            }
        }

        return crashed == 0 ? 0 : 1;
    }
}
