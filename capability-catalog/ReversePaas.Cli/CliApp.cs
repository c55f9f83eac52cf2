using System.CommandLine;
using System.CommandLine.Invocation;
using ReversePaas.Cli.Commands;

namespace ReversePaas.Cli;

/// <summary>
/// The <c>reversepaas</c> command line: <c>catalog export</c>, <c>catalog diff</c>, <c>plugin validate</c>, <c>plugin pack</c> and <c>plugin publish</c>, <c>scenario run</c> and <c>scenario record</c>, each
/// with <c>--json</c>. Runs in-process against any writers, so tests call <see cref="RunAsync"/> directly.
/// </summary>
public static class CliApp
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var context = new CliContext(stdout, stderr);
        var root = BuildRootCommand(context);
        var parse = root.Parse(args);
        if (parse.Action is ParseErrorAction)
        {
            // Usage errors exit 2 (the library's default is 1, which here means "findings").
            var output = context.OutputFor(parse);
            var command = CommandPath(parse.CommandResult.Command);
            return output.Fail(
                string.Join(" ", parse.Errors.Select(e => e.Message)),
                [$"Run 'reversepaas {(command.Length == 0 ? "" : command + " ")}--help' for usage."],
                ExitCodes.Usage);
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary>The command tree, writing to <paramref name="context"/>'s writers.</summary>
    internal static RootCommand BuildRootCommand(CliContext context)
    {
        var root = new RootCommand(
            "reversepaas: the ReversePaas capability catalog and plugins, without running the host.\n"
            + "Exit codes: 0 done, 1 done with findings (catalog errors, changes, invalid plugins), 2 usage or input error.")
        {
            context.JsonOption,
        };
        var catalog = new Command("catalog", "Export the capability catalog and its identity maps; compare two catalogs.")
        {
            CatalogExportCommand.Create(context),
            CatalogDiffCommand.Create(context),
        };
        var plugin = new Command("plugin", "Check plugin folders before deploying them; pack a plugin project as a package; publish a package to a running host.")
        {
            PluginValidateCommand.Create(context),
            PluginPackCommand.Create(context),
            PluginPublishCommand.Create(context),
        };
        var scenario = new Command("scenario", "Replay business scenarios against a kernel; record a real after-sale as a scenario.")
        {
            ScenarioRunCommand.Create(context),
            ScenarioRecordCommand.Create(context),
        };
        root.Add(catalog);
        root.Add(plugin);
        root.Add(scenario);
        return root;
    }

    // "catalog export" for the export command; "" for the root.
    private static string CommandPath(Command command)
    {
        var names = new Stack<string>();
        for (var symbol = command; symbol is not null and not RootCommand; symbol = symbol.Parents.OfType<Command>().FirstOrDefault())
        {
            names.Push(symbol.Name);
        }

        return string.Join(' ', names);
    }
}

/// <summary>What every command of one run shares: the writers and the global <c>--json</c> option.</summary>
internal sealed class CliContext(TextWriter stdout, TextWriter stderr)
{
    /// <summary>Global: the result as one JSON document on stdout, nothing else there.</summary>
    public Option<bool> JsonOption { get; } = new("--json")
    {
        Description = "Write the result as one JSON document on stdout (progress and errors still go to stderr).",
        Recursive = true,
    };

    /// <summary>The output of the command <paramref name="parse"/> chose.</summary>
    public CliOutput OutputFor(ParseResult parse) => new(stdout, stderr, parse.GetValue(JsonOption));

    /// <summary>
    /// The action of a command: expected failures (<see cref="CliException"/>) become a sentence and exit 2,
    /// never a stack trace.
    /// </summary>
    public Func<ParseResult, CancellationToken, Task<int>> Action(Func<ParseResult, CliOutput, CancellationToken, Task<int>> run)
        => async (parse, cancellationToken) =>
        {
            var output = OutputFor(parse);
            try
            {
                return await run(parse, output, cancellationToken);
            }
            catch (CliException ex)
            {
                return output.Fail(ex.Message, ex.Details, ex.ExitCode);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return output.Fail("Cancelled.", [], ExitCodes.Cancelled);
            }
#pragma warning disable CA1031 // The last resort: anything else is a bug, reported with its stack trace and exit 3.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                return output.Fail($"Unexpected failure (a bug in reversepaas): {ex.Message}", [.. ex.ToString().Split('\n').Select(l => l.TrimEnd('\r'))], ExitCodes.Internal);
            }
        };
}
