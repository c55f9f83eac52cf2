using System.Globalization;
using System.Text.Json.Nodes;
using CloudNative.CloudEvents;
using CloudNative.CloudEvents.SystemTextJson;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReversePaas.Host;
using ReversePaas.Host.Broker;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// The real host (<see cref="ReversePaasApp.Build"/>) started in this process on a free loopback port, on a fresh SQLite
/// file, with an API key per actor and a clock scenarios move (<see cref="ScenarioClock"/>). Scenarios talk to it over
/// HTTP as clients do; inbound events go straight to its <see cref="InboundEventHandler"/> (no broker needed), and
/// deadlines that a clock move made due are run at once through the kernel's <see cref="Deadlines"/> (what their job
/// runs), so nothing waits for the pump's next poll.
/// </summary>
internal sealed class InProcessKernel : IScenarioTarget
{
    private static readonly JsonEventFormatter Formatter = new();
    private readonly WebApplication _app;
    private readonly ScenarioClock _clock;
    private readonly ScenarioHttp _http;
    private readonly string _folder;
    private readonly TimeSpan _settleTimeout;

    private InProcessKernel(WebApplication app, ScenarioClock clock, ScenarioHttp http, string folder, TimeSpan settleTimeout)
    {
        _app = app;
        _clock = clock;
        _http = http;
        _folder = folder;
        _settleTimeout = settleTimeout;
    }

    public DateTimeOffset Now => _clock.GetUtcNow();

    public static async Task<InProcessKernel> StartAsync(string pluginsDirectory, string mappingsDirectory, IEnumerable<string> actors, TimeSpan settleTimeout, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(pluginsDirectory))
        {
            throw new CliException($"Plugins folder '{pluginsDirectory}' does not exist: pass --plugins (a folder of plugin folders).");
        }

        if (!Directory.Exists(mappingsDirectory))
        {
            throw new CliException($"Identity-mappings folder '{mappingsDirectory}' does not exist: pass --mappings.");
        }

        var folder = Path.Combine(Path.GetTempPath(), "reversepaas-scenarios", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        // Every actor gets a key of its own (Role:subject decides what the host lets it do); Ops reads the outcomes.
        var keys = actors.Append(ScenarioHttp.Reader + ":scenario-runner").Append(ScenarioRunner.OrderCenter).Distinct(StringComparer.Ordinal)
            .ToDictionary(a => a, _ => "scenario-" + Guid.NewGuid().ToString("N"), StringComparer.Ordinal);
        keys[ScenarioHttp.Reader] = keys[ScenarioHttp.Reader + ":scenario-runner"];
        var index = 0;
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Scenarios",
            // Its own content root and no broker: an appsettings.json in the caller's folder, or RabbitMq__Uri in the
            // environment, must not reach the kernel the scenarios run on.
            $"--contentRoot={folder}",
            "--RabbitMq:Uri=",
            $"--Plugins:Directory={pluginsDirectory}",
            $"--IdentityMappings:Directory={mappingsDirectory}",
            $"--ConnectionStrings:ReversePaas=Data Source={Path.Combine(folder, "reversepaas.db")}",
            "--RateLimiting:Enabled=false",
            "--Activities:RefundRetryDelay=00:00:00.050",
            "--Jobs:PollingInterval=00:00:00.200",
            .. keys.Where(k => k.Key.Contains(':', StringComparison.Ordinal)).SelectMany(k => Key(index++, k.Value, k.Key)),
        ];
        var clock = new ScenarioClock();
        var app = ReversePaasApp.Build(args, builder =>
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
            // The tool's output is the PASS/FAIL lines: the host's own logs would drown them.
            builder.Logging.ClearProviders();
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new InProcessKernel(app, clock, new ScenarioHttp(new Uri(address), keys), folder, settleTimeout);
    }

    public string? SkipReason(Scenario scenario) => null;

    public Task<ScenarioReply> SendAsync(string actor, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
        => _http.SendAsync(actor, method, path, body, cancellationToken);

    public async Task PublishAsync(string type, string subject, JsonObject data, CancellationToken cancellationToken)
    {
        var cloudEvent = new CloudEvent
        {
            Id = "scenario-" + Guid.NewGuid().ToString("N"),
            Type = type,
            Source = new Uri("urn:reversepaas:scenario"),
            Subject = subject,
            Time = Now,
            DataContentType = "application/json",
            Data = System.Text.Json.JsonDocument.Parse(data.ToJsonString()).RootElement.Clone(),
        };
        // Through the formatter and Parse, exactly as a delivery from the broker would arrive.
        var body = Formatter.EncodeStructuredModeMessage(cloudEvent, out _);
        var (parsed, fault) = InboundEventHandler.Parse(body);
        if (parsed is null)
        {
            throw new ScenarioFault($"event {type} could not be read: {fault}");
        }

        // A passing reason (the order busy with a background step) is retried as the broker consumer would, bounded.
        var until = DateTime.UtcNow + _settleTimeout;
        while (true)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var handler = ActivatorUtilities.CreateInstance<InboundEventHandler>(scope.ServiceProvider);
            var outcome = await handler.ApplyAsync(parsed, cancellationToken);
            if (outcome.Verdict == InboundVerdict.Applied)
            {
                return;
            }

            if (outcome.Verdict != InboundVerdict.Retry || DateTime.UtcNow >= until)
            {
                throw new ScenarioFault($"event {type} for {subject} was not applied: {outcome.Verdict} {outcome.Reason}".TrimEnd());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        }
    }

    public async Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken)
    {
        // Deadlines are set by an outbox consumer: let it set them on the clock as it stands before moving it.
        await SettleAsync(cancellationToken);
        _clock.Advance(by);
        var now = Now;
        var jobs = await _http.SendAsync(ScenarioHttp.Reader, HttpMethod.Get, "/api/v1/ops/jobs", null, cancellationToken);
        foreach (var deadline in jobs.Body?["deadlines"]?.AsArray() ?? [])
        {
            var due = (string?)deadline?["dueAt"] is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : now;
            if (due <= now && Enum.TryParse<DeadlineKind>(((string)deadline!["kind"]!).Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out var kind))
            {
                // What the deadline's job runs: the pump would queue it within a poll; running it here makes the
                // step deterministic. A second run by the pump finds the state moved on and does nothing.
                await using var scope = _app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(kind, (string)deadline["key"]!, cancellationToken);
            }
        }
    }

    /// <summary>Waits (bounded) until no outbox message is due: background steps and deadline scheduling have run.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        var until = DateTime.UtcNow + _settleTimeout;
        while (DateTime.UtcNow < until)
        {
            await using var scope = _app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            var pending = await db.OutboxMessages.AsNoTracking().Where(m => m.DispatchedAt == null).Select(m => m.NextAttemptAt).ToListAsync(cancellationToken);
            var now = Now;
            if (!pending.Any(next => next is null || next <= now))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (SQLite's pool) leaves a temporary folder behind; nothing depends on it.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string[] Key(int index, string key, string actor) =>
    [
        $"--Auth:ApiKeys:{index}:Key={key}",
        $"--Auth:ApiKeys:{index}:Role={actor.Split(':')[0]}",
        $"--Auth:ApiKeys:{index}:Subject={actor.Split(':', 2)[1]}",
    ];
}
