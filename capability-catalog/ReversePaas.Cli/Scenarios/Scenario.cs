using System.Text.Json.Nodes;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// One scenario file (docs/scenarios.md): an order, the messages that reach the kernel, and the expected outcome.
/// Read only after the file passed docs/scenarios.schema.json, so the shapes here can be trusted.
/// </summary>
internal sealed record Scenario(string Name, string File, JsonObject Order, IReadOnlyList<ScenarioStep> Steps, ScenarioOutcome Expect)
{
    /// <summary>True when a step moves the clock: only an in-process kernel's clock can be moved.</summary>
    public bool MovesClock => Steps.Any(s => s.Advance is not null);

    /// <summary>True when a step is an inbound broker event.</summary>
    public bool HasEvents => Steps.Any(s => s.Event is not null);

    /// <summary>Every actor the scenario acts as, so an in-process kernel can give each an API key.</summary>
    public IEnumerable<string> Actors => Steps.Select(s => s.As).OfType<string>();
}

/// <summary>One message: exactly one of a REST call, an inbound event, a clock move or a wait (the schema's oneOf).</summary>
internal sealed record ScenarioStep(
    int Index,
    string? Call,
    string? As,
    JsonNode? Body,
    string? Save,
    ScenarioResponse? Response,
    string? Event,
    string? Subject,
    JsonObject? Data,
    TimeSpan? Advance,
    string? Await,
    IReadOnlyList<string> Status);

/// <summary>What a REST call must answer: its status (null: any 2xx) and a subset of its body.</summary>
internal sealed record ScenarioResponse(int? Status, JsonNode? Body);

/// <summary>The expected outcome: a subset of the order and, per saved name, of each after-sale (plus <c>served</c>).</summary>
internal sealed record ScenarioOutcome(JsonObject? Order, IReadOnlyDictionary<string, JsonObject> AfterSales);
