using ReversePaas.Sdk;

namespace ReversePaas.Kernel.AfterSales;

/// <summary>A validated, priced application, ready to become an <see cref="AfterSale"/>.</summary>
public sealed record AfterSaleDraft
{
    /// <summary>New id.</summary>
    public required string AfterSaleId { get; init; }

    public required string OrderId { get; init; }

    public required AfterSaleType Type { get; init; }

    /// <summary>The order's identity.</summary>
    public required BusinessIdentity Identity { get; init; }

    public required string Reason { get; init; }

    public required Actor Applicant { get; init; }

    /// <summary>The order's customer.</summary>
    public required string UserId { get; init; }

    /// <summary>The order's merchant.</summary>
    public required string VenderId { get; init; }

    /// <summary>Priced lines.</summary>
    public required IReadOnlyList<AfterSaleDraftLine> Lines { get; init; }

    /// <summary>Freight refunded.</summary>
    public required decimal FreightRefund { get; init; }

    /// <summary>Evidence URLs.</summary>
    public required IReadOnlyList<string> Evidence { get; init; }

    /// <summary>Requested pickup.</summary>
    public required DateTimeOffset? PickupAt { get; init; }

    /// <summary>Plugin-owned fields, already checked against their schemas.</summary>
    public PluginFields PluginFields { get; init; } = PluginFields.Empty;
}
