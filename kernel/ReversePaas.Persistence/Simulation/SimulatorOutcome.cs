namespace ReversePaas.Persistence.Simulation;

/// <summary>
/// The first successful answer of a simulated system to one idempotency key (<c>simulator_outcomes</c>). Its primary
/// key is what makes "first success wins" hold across threads and host processes: a second success for the same key
/// cannot be inserted and is answered as a replay of this one.
/// </summary>
public sealed class SimulatorOutcome
{
    /// <summary><c>system:operation:key</c>.</summary>
    public string DoneKey { get; set; } = "";

    /// <summary>The reference answered, returned again to every repeated call.</summary>
    public string Reference { get; set; } = "";

    /// <summary>When the key first succeeded.</summary>
    public DateTimeOffset At { get; set; }
}
