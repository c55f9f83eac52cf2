using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>Body of <c>POST /api/v1/orders</c> (API.md). Nullable so that a missing field is reported by name.</summary>
public sealed record OrderRequest(
    string? OrderId,
    string? UserId,
    string? VenderId,
    string? VenderType,
    string? OrderType,
    string? Channel,
    OrderStatus? Status,
    WarehouseStage? WarehouseStage,
    decimal? Freight,
    string? Currency,
    DateTimeOffset? CompletedAt,
    Dictionary<string, string>? Attributes,
    List<OrderLineRequest?>? Lines,
    List<DiscountRequest?>? Discounts);

/// <summary>A line of <see cref="OrderRequest"/>.</summary>
public sealed record OrderLineRequest(int? LineNo, string? SkuId, string? SkuName, int? Quantity, decimal? UnitPrice, string? PromotionType, int? WeightGrams);

/// <summary>A discount of <see cref="OrderRequest"/>; empty or absent <c>lineNos</c> = whole order.</summary>
public sealed record DiscountRequest(string? Code, string? Kind, decimal? Amount, List<int>? LineNos);

/// <summary>Body of <c>POST /api/v1/orders/{orderId}/status</c>.</summary>
public sealed record OrderStatusRequest(OrderStatus? Status, WarehouseStage? WarehouseStage);

/// <summary>Body of <c>POST /api/v1/orders/{orderId}/cancel</c>.</summary>
public sealed record CancelRequest(string? Reason);

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
