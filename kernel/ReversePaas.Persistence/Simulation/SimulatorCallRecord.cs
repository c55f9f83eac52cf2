namespace ReversePaas.Persistence.Simulation;

/// <summary>
/// One call an embedded simulator of an external system answered (<c>simulator_calls</c>). Stored rather than kept
/// in memory because the simulators stand for systems with their own memory: the list outlives a host restart and is
/// shared by hosts on one database.
/// </summary>
public sealed class SimulatorCallRecord
{
    /// <summary>Sequence number (database-generated); the order the calls were recorded in.</summary>
    public long Id { get; set; }

    /// <summary>payment, warehouse, logistics, inventory, settlement.</summary>
    public string System { get; set; } = "";

    /// <summary>The port method, e.g. <c>refund</c>.</summary>
    public string Operation { get; set; } = "";

    /// <summary>The idempotency key (refund id, after-sale id, shipment key, order id).</summary>
    public string Key { get; set; } = "";

    public string OrderId { get; set; } = "";

    /// <summary>Money, for payment and settlement.</summary>
    public decimal? Amount { get; set; }

    /// <summary>succeeded, refused, unavailable, replayed.</summary>
    public string Outcome { get; set; } = "";

    /// <summary>What the system answered (empty unless it succeeded or replayed).</summary>
    public string Reference { get; set; } = "";

    /// <summary>Route, lines or the reason of a refusal.</summary>
    public string Detail { get; set; } = "";

    /// <summary>When the call was answered.</summary>
    public DateTimeOffset At { get; set; }
}
