using HookGuard.Cli;

return CommandLine.Run(args, CommandContext.FromProcess());
