using System.Text.Json.Nodes;

namespace ReversePaas.Cli.Scenarios;

/// <summary>Where scenarios are replayed: an in-process kernel (<see cref="InProcessKernel"/>) or a running host (<see cref="RemoteHost"/>).</summary>
internal interface IScenarioTarget : IAsyncDisposable
{
    /// <summary>Now on the target's clock (what <c>{now}</c> means).</summary>
    DateTimeOffset Now { get; }

    /// <summary>Why <paramref name="scenario"/> cannot run here (it moves the clock of a real host, …), or null.</summary>
    string? SkipReason(Scenario scenario);

    /// <summary>A REST call as <paramref name="actor"/> (Role:subject); the reserved actor <see cref="ScenarioHttp.Reader"/> reads outcomes.</summary>
    Task<ScenarioReply> SendAsync(string actor, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken);

    /// <summary>An inbound CloudEvent, as another system would send it.</summary>
    Task PublishAsync(string type, string subject, JsonObject data, CancellationToken cancellationToken);

    /// <summary>Waits (bounded) for the background work the last steps started, where the target can tell.</summary>
    Task SettleAsync(CancellationToken cancellationToken);

    /// <summary>Moves the clock and runs the deadlines that came due.</summary>
    Task AdvanceAsync(TimeSpan by, CancellationToken cancellationToken);
}

/// <summary>An answer: HTTP status and body (null when empty or not JSON).</summary>
internal sealed record ScenarioReply(int Status, JsonNode? Body);
