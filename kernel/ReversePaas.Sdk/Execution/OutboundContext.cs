using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Sdk.Execution;

/// <summary>An exchange or a repair whose goods are to be sent out to the customer. Since Sdk 1.2.</summary>
public sealed class OutboundContext
{
    /// <summary>The order's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The forward order.</summary>
    public required OrderView Order { get; init; }

    /// <summary>The after-sale (the idempotency key of every call about it).</summary>
    public required string AfterSaleId { get; init; }

    /// <summary>The goods to send: for an exchange the replacement SKUs, for a repair the repaired ones.</summary>
    public required IReadOnlyList<ReturnLine> Lines { get; init; }

    /// <summary>
    /// For an exchange, true when the replacement was reserved (<see cref="IExchangeFulfilment.ReserveAsync"/> succeeded);
    /// false when the reservation was refused or has not run.
    /// </summary>
    public bool ReplacementReserved { get; init; }

    /// <summary>Which attempt this is (1 for the first; later after a refusal or an unreachable system).</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The warehouse system.</summary>
    public required IWarehousePort Warehouse { get; init; }

    /// <summary>The courier system.</summary>
    public required ILogisticsPort Logistics { get; init; }

    /// <summary>The inventory system.</summary>
    public required IInventoryPort Inventory { get; init; }

    /// <summary>The plugin-owned fields the after-sale carries, by plugin id.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
