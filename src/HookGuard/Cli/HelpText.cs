using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Runtime.CompilerServices;

namespace HookGuard.Cli;

/// <summary>
/// Examples a user can copy, at the end of a command's <c>--help</c> (as git's manual pages end). Kept beside the
/// command rather than in its description, so the root's list of commands stays one line each.
/// </summary>
public static class HelpText
{
    private static readonly ConditionalWeakTable<Command, string> ExamplesOf = [];

    /// <summary>Gives <paramref name="command"/> these examples; returns it.</summary>
    public static T WithExamples<T>(this T command, params (string What, string Line)[] examples) where T : Command
    {
        var width = examples.Max(example => example.Line.Length);
        ExamplesOf.AddOrUpdate(command, "Examples:\n" + string.Concat(examples.Select(example => $"  {example.Line.PadRight(width)}   # {example.What}\n")));
        return command;
    }

    /// <summary>Makes the root's help option (which every subcommand shares) print the examples after the usual help.</summary>
    public static void Install(RootCommand root)
    {
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is HelpAction standard)
        {
            help.Action = new HelpWithExamples(standard);
        }
    }

    private sealed class HelpWithExamples(HelpAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var exitCode = standard.Invoke(parseResult);
            if (ExamplesOf.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                parseResult.InvocationConfiguration.Output.Write(examples);
            }

            return exitCode;
        }
    }
}
