using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Sdk.Execution;

/// <summary>An approved after-sale whose goods must come back.</summary>
public sealed class ReturnLogisticsContext
{
    /// <summary>The order's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The forward order.</summary>
    public required OrderView Order { get; init; }

    /// <summary>The after-sale.</summary>
    public required string AfterSaleId { get; init; }

    /// <summary>The goods coming back.</summary>
    public required IReadOnlyList<ReturnLine> Lines { get; init; }

    /// <summary>When the applicant wants the goods picked up (null: they send them themselves).</summary>
    public required DateTimeOffset? PickupAt { get; init; }

    /// <summary>
    /// For a pickup, the order's pickup round this return is dispatched in: 1 for the order's first, 2 for returns
    /// approved after that round left, and so on (0 when no pickup was asked for). The kernel dispatches every return
    /// of an order waiting for a pickup in one round, shortly before the earliest time asked for; a business line that
    /// combines them books one shipment keyed by order and round. Since Sdk 1.1.
    /// </summary>
    public int PickupRound { get; init; }

    /// <summary>For a pickup, the earliest pickup time asked for by the returns of this round (null without a pickup). Since Sdk 1.1.</summary>
    public DateTimeOffset? RoundPickupAt { get; init; }

    /// <summary>The warehouse system.</summary>
    public required IWarehousePort Warehouse { get; init; }

    /// <summary>The courier system.</summary>
    public required ILogisticsPort Logistics { get; init; }

    /// <summary>The plugin-owned fields the after-sale carries, by plugin id. Since Sdk 1.2.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
