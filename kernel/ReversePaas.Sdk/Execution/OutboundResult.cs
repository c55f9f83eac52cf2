namespace ReversePaas.Sdk.Execution;

/// <summary>
/// What sending goods out came to: shipped (from where, by which carrier, with which tracking number), or refused
/// with a reason (tried again later). Since Sdk 1.2.
/// </summary>
public sealed class OutboundResult
{
    private OutboundResult(bool shipped, string shippedFrom, string carrier, string trackingNo, string? failureReason, bool refund = false)
    {
        Refund = refund;
        Shipped = shipped;
        ShippedFrom = shippedFrom;
        Carrier = carrier;
        TrackingNo = trackingNo;
        FailureReason = failureReason;
    }

    /// <summary>True when the goods left.</summary>
    public bool Shipped { get; }

    /// <summary>The warehouse or service centre they left from (empty when refused).</summary>
    public string ShippedFrom { get; }

    /// <summary>The carrier (empty when refused).</summary>
    public string Carrier { get; }

    /// <summary>The tracking number (empty when refused).</summary>
    public string TrackingNo { get; }

    /// <summary>True when the goods are not sent but the returned units refunded (an exchange only; see <see cref="FailureReason"/> for why).</summary>
    public bool Refund { get; }

    /// <summary>Why it was refused, or why the units are refunded instead (null when shipped).</summary>
    public string? FailureReason { get; }

    /// <summary>The goods left <paramref name="shippedFrom"/> with <paramref name="carrier"/> under <paramref name="trackingNo"/>.</summary>
    public static OutboundResult Ship(string shippedFrom, string carrier, string trackingNo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(shippedFrom);
        ArgumentException.ThrowIfNullOrWhiteSpace(carrier);
        ArgumentException.ThrowIfNullOrWhiteSpace(trackingNo);
        return new(true, shippedFrom, carrier, trackingNo, null);
    }

    /// <summary>
    /// The replacement of an exchange is not sent: the returned units are refunded instead, priced as a return of them
    /// (<paramref name="reason"/> goes on the timeline).
    /// </summary>
    public static OutboundResult RefundInstead(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false, "", "", "", reason, refund: true);
    }

    /// <summary>The goods could not be sent (the step is tried again later).</summary>
    public static OutboundResult Failure(string reason) => new(false, "", "", "", reason);
}
