using System.CommandLine;
using ReversePaas.CapabilityCatalog;

namespace ReversePaas.Cli.Commands;

/// <summary>
/// <c>catalog diff OLD NEW</c>: the impact of a release — per identity the capabilities added, removed and
/// rebound, and the plugins that came, went or changed. Exit 0 without changes, 1 with changes (like
/// <c>diff</c>), 2 when a file cannot be read or is not a catalog.
/// </summary>
internal static class CatalogDiffCommand
{
    public static Command Create(CliContext context)
    {
        var before = new Argument<string>("OLD") { Description = "The catalog.json before (e.g. exported from the running release)." };
        var after = new Argument<string>("NEW") { Description = "The catalog.json after (e.g. exported from the release candidate)." };
        var command = new Command("diff", "Compare two catalog.json files: what changes, per identity and plugin.")
        {
            before, after,
        };
        command.SetAction(context.Action((parse, cli, _) => Task.FromResult(Run(parse.GetRequiredValue(before), parse.GetRequiredValue(after), cli))));
        return command;
    }

    private static int Run(string beforePath, string afterPath, CliOutput cli)
    {
        var before = CatalogFile.Read(beforePath);
        var after = CatalogFile.Read(afterPath);
        var diff = CatalogDiff.Compare(before, after);
        cli.Document(diff);
        cli.Text(CatalogDiff.Describe(diff));
        if (!diff.IsEmpty)
        {
            var capabilities = diff.Identities.Sum(i => i.Changes.Count);
            cli.Line($"{Count(diff.Plugins.Count, "plugin")} and {Count(diff.Identities.Count, "identity", "identities")} changed "
                + $"({Count(capabilities, "capability", "capabilities")}).");
        }

        return diff.IsEmpty ? ExitCodes.Success : ExitCodes.Findings;
    }

    private static string Count(int count, string one, string? many = null) => $"{count} {(count == 1 ? one : many ?? one + "s")}";
}
