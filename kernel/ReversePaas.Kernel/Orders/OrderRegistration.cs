using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Orders;

/// <summary>A forward order as the order center registers it (already parsed; the kernel validates the rules).</summary>
public sealed record OrderRegistration
{
    public required string OrderId { get; init; }

    public required string UserId { get; init; }

    public required string VenderId { get; init; }

    /// <summary>Merchant type.</summary>
    public required string VenderType { get; init; }

    /// <summary>Order type.</summary>
    public required string OrderType { get; init; }

    /// <summary>Sales channel.</summary>
    public required string Channel { get; init; }

    /// <summary>Forward status at registration.</summary>
    public required OrderStatus Status { get; init; }

    /// <summary>Warehouse stage at registration.</summary>
    public required WarehouseStage WarehouseStage { get; init; }

    /// <summary>Freight paid.</summary>
    public required decimal Freight { get; init; }

    /// <summary>ISO 4217 currency.</summary>
    public required string Currency { get; init; }

    /// <summary>When the customer received it (Completed orders).</summary>
    public required DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Key/value data of the business line.</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    public required IReadOnlyList<OrderRegistrationLine> Lines { get; init; }

    public required IReadOnlyList<OrderRegistrationDiscount> Discounts { get; init; }

    /// <summary>A fingerprint of the request as sent, so a re-post can be told apart from a different body.</summary>
    public required string Fingerprint { get; init; }
}
