namespace ReversePaas.Sdk.Orders;

/// <summary>A read-only view of the forward order an after-sale is about.</summary>
public sealed class OrderView
{
    /// <summary>The order number.</summary>
    public required string OrderId { get; init; }

    /// <summary>The customer.</summary>
    public required string UserId { get; init; }

    /// <summary>The merchant.</summary>
    public required string VenderId { get; init; }

    /// <summary>Merchant type, e.g. <c>Self</c>, <c>Pop</c>.</summary>
    public required string VenderType { get; init; }

    /// <summary>Order type, e.g. <c>Normal</c>, <c>Fresh</c>, <c>Intent</c>.</summary>
    public required string OrderType { get; init; }

    /// <summary>Sales channel, e.g. <c>App</c>, <c>B2b</c>.</summary>
    public required string Channel { get; init; }

    /// <summary>Forward status.</summary>
    public required OrderStatus Status { get; init; }

    /// <summary>Warehouse stage.</summary>
    public required WarehouseStage WarehouseStage { get; init; }

    /// <summary>Freight paid.</summary>
    public required decimal Freight { get; init; }

    /// <summary>ISO 4217 currency code.</summary>
    public required string Currency { get; init; }

    /// <summary>When the customer received the order, once <see cref="OrderStatus.Completed"/>.</summary>
    public required DateTimeOffset? CompletedAt { get; init; }

    /// <summary>The business line's key/value data (e.g. <c>trusted</c>).</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>The lines with their split data.</summary>
    public required IReadOnlyList<OrderLineView> Lines { get; init; }

    /// <summary>The money ledger.</summary>
    public required LedgerView Ledger { get; init; }
}
