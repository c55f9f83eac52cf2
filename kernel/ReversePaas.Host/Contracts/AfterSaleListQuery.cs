using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>Query string of <c>GET /api/v1/after-sales</c>.</summary>
public sealed class AfterSaleListQuery
{
    /// <summary>Only this order.</summary>
    public string? OrderId { get; set; }

    /// <summary>Only this status.</summary>
    public AfterSaleStatus? Status { get; set; }

    /// <summary>Only this type.</summary>
    public AfterSaleType? Type { get; set; }

    /// <summary>Only this merchant.</summary>
    public string? VenderId { get; set; }

    /// <summary>Text in ids, reasons or SKU names.</summary>
    public string? Q { get; set; }

    /// <summary>1-based page (default 1).</summary>
    public int? Page { get; set; }

    /// <summary>Items per page, 1–200 (default 20).</summary>
    public int? PageSize { get; set; }
}
