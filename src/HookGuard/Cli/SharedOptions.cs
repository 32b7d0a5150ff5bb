using System.CommandLine;
using HookGuard.Core.Drift;

namespace HookGuard.Cli;

/// <summary>Options that more than one command takes, spelled once.</summary>
public static class SharedOptions
{
    public static Option<bool> Autostage() => new("--autostage")
    {
        Description = "Fix drift by editing the requirement file and staging the fix into the commit, instead of blocking.",
    };

    public static Option<string?> Policy()
    {
        var option = new Option<string?>("--policy")
        {
            Description = "freeze (every installed distribution declared) or top-level (dependencies of declared ones may be left out).",
        };
        option.AcceptOnlyFromAmong("freeze", "top-level");
        return option;
    }

    public static Policy? ParsePolicy(string? text) => text switch
    {
        "freeze" => Core.Drift.Policy.Freeze,
        "top-level" => Core.Drift.Policy.TopLevel,
        _ => null,
    };
}
