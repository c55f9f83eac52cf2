using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Sdk.Interception;

/// <summary>What the interception activity knows about a paid order being cancelled.</summary>
public sealed class InterceptionContext
{
    /// <summary>The order's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The forward order.</summary>
    public required OrderView Order { get; init; }

    /// <summary>The cancellation after-sale.</summary>
    public required string AfterSaleId { get; init; }

    /// <summary>The warehouse system.</summary>
    public required IWarehousePort Warehouse { get; init; }
}
