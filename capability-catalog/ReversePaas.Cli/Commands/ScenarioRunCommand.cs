using System.CommandLine;
using ReversePaas.Cli.Scenarios;

namespace ReversePaas.Cli.Commands;

/// <summary>
/// <c>scenario run FOLDER [--host URL --key ACTOR=KEY… [--rabbitmq URI]]</c>: replays every scenario of the folder
/// (docs/scenarios.md) on an in-process kernel (default: the real host on a fresh SQLite file, its clock moved by the
/// scenarios) or a running host, and prints <c>PASS</c>/<c>FAIL</c>/<c>SKIP</c> per scenario and a summary. Exit 0 when
/// at least one passed and none failed; 1 when one failed or none passed (a folder without scenarios proves nothing);
/// 2 for a malformed scenario file (file and JSON path named) or an unusable folder, host or key.
/// </summary>
internal static class ScenarioRunCommand
{
    private static readonly TimeSpan SettleAtLeast = TimeSpan.FromSeconds(30);

    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("FOLDER") { Description = "A folder of scenario files (*.json), e.g. extensions/RetailPop/scenarios." };
        var host = new Option<string?>("--host") { Description = "Replay against this running host instead of an in-process kernel.", HelpName = "URL" };
        var keys = new Option<string[]>("--key")
        {
            Description = $"With --host: the API key of an actor (Role:subject) or a whole role, e.g. --key Ops=dev-ops --key User:u-1=dev-user-u1 (repeatable; also {ScenarioKeys.Variable}='Ops=…;User=…'). Ops reads the outcomes.",
            HelpName = "ACTOR=KEY",
            AllowMultipleArgumentsPerToken = false,
        };
        var rabbitMq = new Option<string?>("--rabbitmq") { Description = "With --host: publish inbound events to this broker (amqp://…); without it such scenarios are skipped.", HelpName = "URI" };
        var plugins = new Option<string?>("--plugins") { Description = "In-process: the plugins folder to load (default: the bundled plugins beside the tool).", HelpName = "DIR" };
        var mappings = new Option<string?>("--mappings") { Description = "In-process: the identity-mappings folder (default: the one beside the tool).", HelpName = "DIR" };
        var timeout = new Option<double>("--timeout") { Description = "Seconds to wait for background work before a difference counts (default 10).", DefaultValueFactory = _ => 10 };
        var command = new Command("run", "Replay business scenarios (order, messages, expected outcome) and report PASS/FAIL/SKIP per scenario.")
        {
            folder, host, keys, rabbitMq, plugins, mappings, timeout,
        };
        command.SetAction(context.Action(async (parse, cli, cancellationToken) =>
        {
            var scenarios = await ScenarioLoader.LoadFolderAsync(parse.GetRequiredValue(folder), cancellationToken);
            var wait = TimeSpan.FromSeconds(Math.Clamp(parse.GetValue(timeout), 0.1, 600));
            await using var target = await TargetAsync(parse.GetValue(host), parse.GetValue(keys) ?? [], parse.GetValue(rabbitMq),
                parse.GetValue(plugins), parse.GetValue(mappings), scenarios, wait, cancellationToken);
            var runner = new ScenarioRunner(target, wait);
            var results = new List<ScenarioResult>();
            foreach (var scenario in scenarios)
            {
                var result = await runner.RunAsync(scenario, cancellationToken);
                results.Add(result);
                cli.Line(result.ToString());
            }

            var passed = results.Count(r => r.Verdict == ScenarioResult.Passed);
            var failed = results.Count(r => r.Verdict == ScenarioResult.Failed);
            var summary = results.Count == 0
                ? $"No scenario in '{parse.GetRequiredValue(folder)}': nothing was proven."
                : $"{results.Count} scenario(s): {passed} passed, {failed} failed, {results.Count - passed - failed} skipped.";
            cli.Line(summary);
            cli.Document(new ScenarioRunReport(results, passed, failed, results.Count - passed - failed));
            if (results.Count == 0)
            {
                cli.Note(summary);
            }

            return failed > 0 || passed == 0 ? ExitCodes.Findings : ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<IScenarioTarget> TargetAsync(
        string? host, string[] keyOptions, string? rabbitMq, string? plugins, string? mappings, IReadOnlyList<Scenario> scenarios, TimeSpan wait, CancellationToken cancellationToken)
    {
        if (host is null)
        {
            return await InProcessKernel.StartAsync(
                plugins ?? Path.Combine(AppContext.BaseDirectory, "plugins"),
                mappings ?? Path.Combine(AppContext.BaseDirectory, "identity-mappings"),
                scenarios.SelectMany(s => s.Actors),
                // Settling ends as soon as no outbox message is due, so a generous bound costs a passing run nothing
                // and keeps a loaded machine from failing a scenario whose refund is merely slow.
                wait < SettleAtLeast ? SettleAtLeast : wait,
                cancellationToken);
        }

        if (!Uri.TryCreate(host.EndsWith('/') ? host : host + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--host '{host}' is not an http(s) URL.");
        }

        Uri? broker = null;
        if (rabbitMq is not null && (!Uri.TryCreate(rabbitMq, UriKind.Absolute, out broker) || broker.Scheme is not ("amqp" or "amqps")))
        {
            throw new CliException($"--rabbitmq '{rabbitMq}' is not an amqp:// URI.");
        }

        var keys = ScenarioKeys.Parse(keyOptions, Environment.GetEnvironmentVariable(ScenarioKeys.Variable));
        return new RemoteHost(new ScenarioHttp(address, keys), broker);
    }
}

/// <summary>The <c>--json</c> document of <c>scenario run</c>.</summary>
public sealed record ScenarioRunReport(IReadOnlyList<ScenarioResult> Scenarios, int Passed, int Failed, int Skipped);
