using HookGuard.Fuzz;

// hookguard-fuzz TARGET                  afl-fuzz mode: run TARGET on each input afl-fuzz sends (SharpFuzz fork server)
// hookguard-fuzz TARGET --replay FILE... run TARGET on files in this process, printing what each one gives
// hookguard-fuzz seeds TARGET DIRECTORY  write TARGET's seed corpus
// hookguard-fuzz list                    the targets, one a line
if (args is ["list"])
{
    foreach (var name in FuzzTargets.Names) Console.WriteLine(name);
    return 0;
}

if (args is ["seeds", var seedTarget, var directory])
{
    var written = SeedCorpus.Write(FuzzTargets.Find(seedTarget), directory);
    Console.WriteLine($"{seedTarget}: {written} seeds in {directory}");
    return 0;
}

if (args is [var replayTarget, "--replay", .. var files])
{
    return Replay.Run(FuzzTargets.Find(replayTarget), files);
}

if (args is [var aflTarget])
{
    var target = FuzzTargets.Find(aflTarget);
    SharpFuzz.Fuzzer.OutOfProcess.Run(stream =>
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        target.Run(buffer.ToArray());
    });
    return 0;
}

Console.Error.WriteLine("usage: hookguard-fuzz list | seeds TARGET DIRECTORY | TARGET [--replay FILE...]");
return 2;
