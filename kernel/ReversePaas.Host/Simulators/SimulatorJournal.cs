using System.Collections.Concurrent;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Simulators;

/// <summary>
/// The memory of the embedded simulators: every call (for <c>GET /api/v1/simulators/calls</c>) and the first
/// successful answer per idempotency key, so that a repeated call is answered the same and has no second effect.
/// </summary>
internal sealed class SimulatorJournal(TimeProvider time)
{
    private readonly ConcurrentQueue<SimulatedCall> _calls = new();
    private readonly ConcurrentDictionary<string, PortResult> _done = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public IReadOnlyList<SimulatedCall> Calls => [.. _calls];

    /// <summary>
    /// Runs one simulated operation: replays a stored success for the same key, applies faults, otherwise
    /// succeeds with a deterministic reference derived from the key.
    /// </summary>
    public PortResult Run(string system, string operation, string key, string orderId, decimal? amount, string detail, SystemSimulatorOptions faults, Func<int, string?>? refusal = null)
    {
        var doneKey = $"{system}:{operation}:{key}";
        if (_done.TryGetValue(doneKey, out var first))
        {
            Record(system, operation, key, orderId, amount, "replayed", first.Reference, detail);
            return first;
        }

        if (faults.Unavailable)
        {
            Record(system, operation, key, orderId, amount, "unavailable", "", detail);
            throw new PortUnavailableException(system, $"The {system} simulator is set to be unavailable (Simulators:{Capitalized(system)}:Unavailable).");
        }

        var attempt = _attempts.AddOrUpdate(doneKey, 1, (_, n) => n + 1);
        var reason = faults.FailOrderIds.Contains(orderId, StringComparer.Ordinal)
            ? $"Simulated refusal: order '{orderId}' is in Simulators:{Capitalized(system)}:FailOrderIds."
            : refusal?.Invoke(attempt);
        if (reason is not null)
        {
            Record(system, operation, key, orderId, amount, "refused", "", reason);
            return PortResult.Failure(reason);
        }

        var result = _done.GetOrAdd(doneKey, _ => PortResult.Success($"{system.ToUpperInvariant()[..3]}-{operation}-{key}"));
        Record(system, operation, key, orderId, amount, "succeeded", result.Reference, detail);
        return result;
    }

    private void Record(string system, string operation, string key, string orderId, decimal? amount, string outcome, string reference, string detail)
        => _calls.Enqueue(new SimulatedCall(system, operation, key, orderId, amount, outcome, reference, detail, time.GetUtcNow()));

    private static string Capitalized(string system) => char.ToUpperInvariant(system[0]) + system[1..];
}
