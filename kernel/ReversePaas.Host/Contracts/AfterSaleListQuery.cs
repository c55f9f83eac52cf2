using Microsoft.AspNetCore.Mvc;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>Query string of <c>GET /api/v1/after-sales</c>.</summary>
public sealed class AfterSaleListQuery
{
    public const int MaxPage = 100_000;

    public const int MaxPageSize = 200;

    /// <summary>Only this order.</summary>
    [FromQuery(Name = "orderId")]
    public string? OrderId { get; set; }

    /// <summary>Only this status.</summary>
    [FromQuery(Name = "status")]
    public AfterSaleStatus? Status { get; set; }

    /// <summary>Only this type.</summary>
    [FromQuery(Name = "type")]
    public AfterSaleType? Type { get; set; }

    /// <summary>Only this merchant.</summary>
    [FromQuery(Name = "venderId")]
    public string? VenderId { get; set; }

    /// <summary>true: only after-sales risk control holds; false: only those it does not.</summary>
    [FromQuery(Name = "held")]
    public bool? Held { get; set; }

    /// <summary>true: archived after-sales too (finished longer ago than <c>Archive:After</c>); otherwise hot ones only.</summary>
    [FromQuery(Name = "archived")]
    public bool? Archived { get; set; }

    /// <summary>Text in ids, reasons or SKU names.</summary>
    [FromQuery(Name = "q")]
    public string? Q { get; set; }

    /// <summary>1-based page (default 1).</summary>
    [FromQuery(Name = "page")]
    public int? Page { get; set; }

    /// <summary>Items per page, 1–200 (default 20).</summary>
    [FromQuery(Name = "pageSize")]
    public int? PageSize { get; set; }
}
