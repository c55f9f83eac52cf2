namespace ReversePaas.Host.Broker;

/// <summary>What became of one inbound message.</summary>
internal enum InboundVerdict
{
    /// <summary>Its effect is saved (with its id).</summary>
    Applied,

    /// <summary>Its id was applied before: acknowledged, nothing done.</summary>
    Duplicate,

    /// <summary>It can never be applied as it is: to the dead-letter queue with the reason.</summary>
    Dead,

    /// <summary>It could not be applied now (a lock, a system, the database): offered again later.</summary>
    Retry,
}

/// <summary>A verdict with the reason ops read in the dead-letter header or the log.</summary>
internal readonly record struct InboundOutcome(InboundVerdict Verdict, string Reason = "")
{
    public static InboundOutcome Applied { get; } = new(InboundVerdict.Applied);

    public static InboundOutcome Duplicate { get; } = new(InboundVerdict.Duplicate);

    public static InboundOutcome Dead(string reason) => new(InboundVerdict.Dead, reason);

    public static InboundOutcome Retry(string reason) => new(InboundVerdict.Retry, reason);
}
