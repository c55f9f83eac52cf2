using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ReversePaas.Cli.Commands;

/// <summary>
/// <c>plugin publish FILE --host URL --api-key KEY [--activate]</c>: uploads a <c>.rpplugin</c> to a running host
/// (<c>POST /api/v1/plugins/packages</c>) and, with <c>--activate</c>, makes it the serving version
/// (<c>POST /api/v1/plugins/{id}/activate</c>). Exit 0 when stored (and activated), 1 when the host refuses the package
/// (the problem's fault is shown), 2 when the file, the host or the key is unusable.
/// </summary>
internal static class PluginPublishCommand
{
    /// <summary>Read when <c>--api-key</c> is not given, so the key need not sit in shell history.</summary>
    public const string ApiKeyVariable = "REVERSEPAAS_API_KEY";

    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "The package, as 'reversepaas plugin pack' wrote it (<id>.<version>.rpplugin).",
        };
        var host = new Option<string>("--host")
        {
            Description = "The host's base address, e.g. http://127.0.0.1:5080 (any host of the cluster: packages are kept in its database).",
            HelpName = "URL",
            Required = true,
        };
        var apiKey = new Option<string?>("--api-key")
        {
            Description = $"An Ops API key (X-Api-Key). Default: the {ApiKeyVariable} environment variable.",
            HelpName = "KEY",
        };
        var activate = new Option<bool>("--activate")
        {
            Description = "Also activate the uploaded version: this host serves it at once, the others within Plugins:SyncInterval.",
        };
        var command = new Command("publish", "Upload a plugin package to a running host, and optionally activate it.")
        {
            file, host, apiKey, activate,
        };
        command.SetAction(context.Action((parse, cli, cancellationToken) => RunAsync(
            parse.GetRequiredValue(file),
            BaseAddress(parse.GetRequiredValue(host)),
            parse.GetValue(apiKey) ?? Environment.GetEnvironmentVariable(ApiKeyVariable),
            parse.GetValue(activate),
            cli,
            cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(string path, Uri host, string? apiKey, bool activate, CliOutput cli, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(apiKey))
        {
            throw new CliException($"No API key: pass --api-key or set {ApiKeyVariable} (an Ops key of the host).");
        }

        if (!File.Exists(path))
        {
            throw new CliException($"'{path}' does not exist: give the .rpplugin file 'reversepaas plugin pack' wrote.");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        using var client = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        cli.Progress($"Uploading {Path.GetFileName(path)} ({bytes.Length} bytes) to {host}...");
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var uploaded = await SendAsync(client, HttpMethod.Post, "api/v1/plugins/packages", content, cancellationToken);
        if (uploaded.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
        {
            throw await RefusalAsync(uploaded, "The host refused the package", cancellationToken);
        }

        var package = await uploaded.Content.ReadFromJsonAsync<StoredPackage>(Web, cancellationToken)
            ?? throw new CliException($"The host answered {(int)uploaded.StatusCode} without a package: is {host} a ReversePaas host?");
        var stored = uploaded.StatusCode == HttpStatusCode.Created;
        cli.Line(stored
            ? $"Uploaded {package.Id} {package.Version} (sha256 {package.Sha256}): {package.State}"
            : $"{package.Id} {package.Version} was already stored with these bytes (sha256 {package.Sha256}): {package.State}");

        var state = package.State;
        if (activate)
        {
            using var body = JsonContent.Create(new { version = package.Version });
            using var activated = await SendAsync(client, HttpMethod.Post, $"api/v1/plugins/{Uri.EscapeDataString(package.Id)}/activate", body, cancellationToken);
            if (activated.StatusCode != HttpStatusCode.OK)
            {
                throw await RefusalAsync(activated, $"Uploaded, but the host did not activate {package.Id} {package.Version}", cancellationToken);
            }

            var served = await activated.Content.ReadFromJsonAsync<ServedPlugin>(Web, cancellationToken);
            state = "Active";
            cli.Line($"Activated {package.Id} {package.Version} on {host}: {served?.State ?? "?"} here; every other host serves it within Plugins:SyncInterval.");
        }

        cli.Document(new PublishResult(host.ToString(), package.Id, package.Version, package.Sha256, state, stored, activate));
        return ExitCodes.Success;
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static Uri BaseAddress(string value)
    {
        if (!Uri.TryCreate(value.EndsWith('/') ? value : value + "/", UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--host '{value}' is not an http(s) address such as http://127.0.0.1:5080.");
        }

        return uri;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(new HttpRequestMessage(method, path) { Content = content }, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"Could not reach {client.BaseAddress}: {ex.Message}", innerException: ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliException($"{client.BaseAddress} did not answer within {client.Timeout.TotalSeconds:0} s.", innerException: ex);
        }
    }

    /// <summary>
    /// The host's answer as an error: a refused package (400, 409) is a finding (exit 1) naming the problem's fault;
    /// anything else (a wrong key, a host that is not ReversePaas) is unusable input (exit 2).
    /// </summary>
    private static async Task<CliException> RefusalAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var details = new List<string> { $"HTTP {status} {response.ReasonPhrase}" };
        try
        {
            using var problem = JsonDocument.Parse(text);
            foreach (var name in new[] { "type", "title", "detail", "fault" })
            {
                if (problem.RootElement.ValueKind == JsonValueKind.Object && problem.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    details.Add($"{name}: {value.GetString()}");
                }
            }
        }
        catch (JsonException)
        {
            details.Add(text.Length > 200 ? text[..200] + "…" : text);
        }

        var hint = response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ": the API key is not known to the host",
            HttpStatusCode.Forbidden => ": the API key is not an Ops key",
            _ => "",
        };
        var exitCode = response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Conflict or HttpStatusCode.NotFound ? ExitCodes.Findings : ExitCodes.Usage;
        return new CliException($"{what} ({status}){hint}.", details, exitCode);
    }

    private sealed record StoredPackage(string Id, string Version, string Sha256, string State);

    private sealed record ServedPlugin(string Id, string? Version, string State);
}

/// <summary>The result of <c>plugin publish</c> (its <c>--json</c> document).</summary>
/// <param name="Host">The host the package went to.</param>
/// <param name="Id">The plugin id.</param>
/// <param name="Version">The plugin version.</param>
/// <param name="Sha256">The package's SHA-256 as the host computed it.</param>
/// <param name="State">The version's state after the command: Staged, Active or Retired.</param>
/// <param name="Uploaded">True when these bytes were new to the host; false when they were already stored.</param>
/// <param name="Activated">True when <c>--activate</c> made it the serving version.</param>
public sealed record PublishResult(string Host, string Id, string Version, string Sha256, string State, bool Uploaded, bool Activated);
