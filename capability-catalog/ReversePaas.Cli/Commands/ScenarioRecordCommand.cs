using System.CommandLine;
using System.Text.Json;
using ReversePaas.Cli.Scenarios;

namespace ReversePaas.Cli.Commands;

/// <summary>
/// <c>scenario record AFTERSALEID --host URL --key Ops=KEY [--out FILE]</c>: writes a scenario (docs/scenarios.md) from an
/// after-sale's real timeline, so ops turn a production case into a regression test that replays on an in-process
/// kernel. Exit 0 when written, 2 when the host, key or after-sale is unusable.
/// </summary>
internal static class ScenarioRecordCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create(CliContext context)
    {
        var afterSale = new Argument<string>("AFTERSALEID") { Description = "The after-sale to record, e.g. AS-0963-01a2…" };
        var host = new Option<string>("--host") { Description = "The host that holds it, e.g. http://127.0.0.1:5080.", HelpName = "URL", Required = true };
        var keys = new Option<string[]>("--key")
        {
            Description = $"An Ops API key, as --key Ops=KEY (or {ScenarioKeys.Variable}='Ops=KEY'): Ops reads after-sales and orders.",
            HelpName = "ACTOR=KEY",
        };
        var output = new Option<string?>("--out") { Description = "Write the scenario to this file (default: stdout).", HelpName = "FILE" };
        var command = new Command("record", "Write a scenario from an after-sale's real timeline (a production case as a regression test).")
        {
            afterSale, host, keys, output,
        };
        command.SetAction(context.Action(async (parse, cli, cancellationToken) =>
        {
            var url = parse.GetRequiredValue(host);
            if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            {
                throw new CliException($"--host '{url}' is not an http(s) URL.");
            }

            var apiKeys = ScenarioKeys.Parse(parse.GetValue(keys) ?? [], Environment.GetEnvironmentVariable(ScenarioKeys.Variable));
            if (!apiKeys.Keys.Any(k => k.StartsWith(ScenarioHttp.Reader, StringComparison.Ordinal)))
            {
                throw new CliException($"No Ops key: pass --key Ops=KEY (or set {ScenarioKeys.Variable}).");
            }

            using var http = new ScenarioHttp(address, apiKeys);
            var scenario = await new ScenarioRecorder(http, cli.Note).RecordAsync(parse.GetRequiredValue(afterSale), cancellationToken);
            var text = scenario.ToJsonString(Indented) + Environment.NewLine;
            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
                    await File.WriteAllTextAsync(file, text, cancellationToken);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    throw new CliException($"Cannot write '{file}': {ex.Message}", innerException: ex);
                }

                cli.Progress($"Wrote {file}.");
            }
            else
            {
                cli.Text(text);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
