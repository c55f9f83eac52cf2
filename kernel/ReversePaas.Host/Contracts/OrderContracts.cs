using System.ComponentModel.DataAnnotations;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>Body of <c>POST /api/v1/orders</c> (API.md). Nullable so that a missing field is reported by name.</summary>
public sealed record OrderRequest(
    [property: Required] string? OrderId = null,
    [property: Required] string? UserId = null,
    [property: Required] string? VenderId = null,
    [property: Required] string? VenderType = null,
    [property: Required] string? OrderType = null,
    [property: Required] string? Channel = null,
    [property: Required] OrderStatus? Status = null,
    WarehouseStage? WarehouseStage = null,
    decimal? Freight = null,
    string? Currency = null,
    DateTimeOffset? CompletedAt = null,
    Dictionary<string, string>? Attributes = null,
    [property: Required] List<OrderLineRequest?>? Lines = null,
    List<DiscountRequest?>? Discounts = null);

/// <summary>A line of <see cref="OrderRequest"/>.</summary>
public sealed record OrderLineRequest([property: Required] int? LineNo = null, [property: Required] string? SkuId = null, string? SkuName = null, [property: Required] int? Quantity = null, [property: Required] decimal? UnitPrice = null, string? PromotionType = null, int? WeightGrams = null);

/// <summary>A discount of <see cref="OrderRequest"/>; empty or absent <c>lineNos</c> = whole order.</summary>
public sealed record DiscountRequest([property: Required] string? Code = null, [property: Required] string? Kind = null, [property: Required] decimal? Amount = null, List<int>? LineNos = null);

/// <summary>Body of <c>POST /api/v1/orders/{orderId}/status</c>.</summary>
public sealed record OrderStatusRequest(OrderStatus? Status = null, WarehouseStage? WarehouseStage = null);

/// <summary>Body of <c>POST /api/v1/orders/{orderId}/cancel</c>.</summary>
public sealed record CancelRequest(string? Reason = null);

/// <summary>A stored order.</summary>
public sealed record OrderResponse(
    string OrderId,
    string UserId,
    string VenderId,
    string VenderType,
    string OrderType,
    string Channel,
    OrderStatus Status,
    WarehouseStage WarehouseStage,
    decimal Freight,
    string Currency,
    DateTimeOffset? CompletedAt,
    IReadOnlyDictionary<string, string> Attributes,
    string BusinessIdentity,
    IReadOnlyList<OrderLineResponse> Lines,
    IReadOnlyList<DiscountResponse> Discounts,
    LedgerResponse Ledger);

/// <summary>A stored line with its allocation.</summary>
public sealed record OrderLineResponse(int LineNo, string SkuId, string SkuName, int Quantity, decimal UnitPrice, string PromotionType, int? WeightGrams, decimal AllocatedDiscount, decimal PaidAmount);

/// <summary>A stored discount.</summary>
public sealed record DiscountResponse(string Code, string Kind, decimal Amount, IReadOnlyList<int> LineNos);

/// <summary>The ledger: paid (freight included), refunded, refundable (paid − refunded − reserved by open after-sales).</summary>
public sealed record LedgerResponse(decimal Paid, decimal Refunded, decimal Reserved, decimal Refundable);
