namespace ReversePaas.Persistence.Simulation;

/// <summary>
/// How many times a key reached a simulated system's decision (<c>simulator_attempts</c>), for fault drills that
/// refuse the first attempts. Incremented by one atomic upsert, so concurrent hosts never count the same attempt twice.
/// </summary>
public sealed class SimulatorAttempt
{
    /// <summary><c>system:operation:key</c>.</summary>
    public string DoneKey { get; set; } = "";

    /// <summary>Attempts so far.</summary>
    public int Attempts { get; set; }
}
