using ReversePaas.Sdk.Orders;

namespace ReversePaas.Sdk.Application;

/// <summary>What the refund calculator is asked to price.</summary>
public sealed class RefundCalculationContext
{
    /// <summary>The order's business identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    /// <summary>The identity's settings.</summary>
    public required IdentitySettings Settings { get; init; }

    /// <summary>The forward order.</summary>
    public required OrderView Order { get; init; }

    /// <summary>The kind of after-sale.</summary>
    public required AfterSaleType Type { get; init; }

    /// <summary>The matched lines, in request order.</summary>
    public required IReadOnlyList<ClaimedLine> Lines { get; init; }

    /// <summary>True when, with this application, every unit of the order is claimed.</summary>
    public required bool ClaimsEveryRemainingUnit { get; init; }

    /// <summary>True when an earlier after-sale already claimed the freight.</summary>
    public required bool FreightAlreadyClaimed { get; init; }

    /// <summary>The plugin-owned fields the application carries, by plugin id (empty for a cancellation). Since Sdk 1.2.</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;
}
