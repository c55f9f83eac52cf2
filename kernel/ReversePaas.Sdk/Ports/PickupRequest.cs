namespace ReversePaas.Sdk.Ports;

/// <summary>A pickup of returned goods; <see cref="ShipmentKey"/> makes it idempotent.</summary>
public sealed class PickupRequest
{
    /// <summary>Unique per shipment: booking the same key twice books one pickup.</summary>
    public required string ShipmentKey { get; init; }

    /// <summary>The order the goods belong to.</summary>
    public required string OrderId { get; init; }

    /// <summary>The after-sales whose goods travel in this shipment.</summary>
    public required IReadOnlyList<string> AfterSaleIds { get; init; }

    /// <summary>When the courier should come.</summary>
    public required DateTimeOffset PickupAt { get; init; }
}
