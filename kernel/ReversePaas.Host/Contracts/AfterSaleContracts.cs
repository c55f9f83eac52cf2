using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>
/// Body of <c>POST /api/v1/after-sales</c>. <c>extensions</c> (our addition to API.md) carries plugin-owned fields: per
/// plugin id, a value its manifest's <c>fields</c> schema accepts. <c>pickupAddress</c> (API.md v1.1) is personal data:
/// encrypted before it is stored, masked for merchants (docs/security.md).
/// </summary>
public sealed record AfterSaleRequest(
    [property: Required] string? OrderId = null,
    [property: Required] AfterSaleType? Type = null,
    string? Reason = null,
    [property: Required] List<AfterSaleLineRequest?>? Lines = null,
    List<string>? Evidence = null,
    DateTimeOffset? PickupAt = null,
    Dictionary<string, JsonElement>? Extensions = null,
    PickupAddressRequest? PickupAddress = null);

/// <summary>Where the courier collects the goods, and whom to call: all three fields are required when it is sent.</summary>
public sealed record PickupAddressRequest([property: Required] string? Name = null, [property: Required] string? Phone = null, [property: Required] string? Address = null);

/// <summary>
/// A requested line; promotionType, unitPrice and weightGrams narrow the split-data match. <c>missingWeightGrams</c>
/// (our addition to API.md) states a weight difference for business lines that refund by weight; <c>replacementSkuId</c>
/// (API.md v1.1, Exchange lines only) names the goods to send back (default: the same SKU).
/// </summary>
public sealed record AfterSaleLineRequest([property: Required] string? SkuId = null, string? PromotionType = null, decimal? UnitPrice = null, int? WeightGrams = null, [property: Required] int? Quantity = null, decimal? RefundAmount = null, int? MissingWeightGrams = null, string? ReplacementSkuId = null);

/// <summary>Body of <c>POST /api/v1/after-sales/{id}/review</c>.</summary>
public sealed record ReviewRequest([property: Required] ReviewDecision? Decision = null, string? Comment = null);

/// <summary>A review decision.</summary>
public enum ReviewDecision
{
    Approve,

    Reject,
}

/// <summary>Body of <c>POST /api/v1/after-sales/{id}/return-shipment</c>.</summary>
public sealed record ReturnShipmentRequest([property: Required] string? Carrier = null, [property: Required] string? TrackingNo = null);

/// <summary>Body of <c>POST /api/v1/after-sales/{id}/appeal</c>.</summary>
public sealed record AppealRequest([property: Required] string? Reason = null);

/// <summary>Body of <c>POST /api/v1/after-sales/{id}/hold</c>.</summary>
public sealed record HoldRequest([property: Required] string? Reason = null);

/// <summary>Risk control's hold of an after-sale's refund.</summary>
public sealed record HoldResponse(string Reason, string By, DateTimeOffset At);

/// <summary>
/// Body of <c>POST /api/v1/after-sales/{id}/repair-finished</c>: the outcome (no body, or no outcome, means
/// <c>Repaired</c>) and a note for the timeline.
/// </summary>
public sealed record RepairFinishedRequest(RepairOutcome? Outcome = null, string? Note = null);

/// <summary>Body of <c>POST /api/v1/after-sales/{id}/warehouse-receipt</c>.</summary>
public sealed record WarehouseReceiptRequest([property: Required] List<ReceiptLineRequest?>? Lines = null);

/// <summary>A received line.</summary>
public sealed record ReceiptLineRequest([property: Required] int? LineNo = null, [property: Required] int? Quantity = null);

/// <summary>An after-sale, current.</summary>
public sealed record AfterSaleResponse(
    string AfterSaleId,
    string OrderId,
    AfterSaleType Type,
    AfterSaleStatus Status,
    string BusinessIdentity,
    string Reason,
    string Applicant,
    string? ReviewBy,
    decimal RefundAmount,
    decimal FreightRefund,
    IReadOnlyList<AfterSaleLineResponse> Lines,
    IReadOnlyList<string> Evidence,
    DateTimeOffset? PickupAt,
    PickupAddressResponse? PickupAddress,
    ReturnShipmentResponse? ReturnShipment,
    OutboundShipmentResponse? OutboundShipment,
    string? ShipmentId,
    PickupResponse? Pickup,
    RefundProgressResponse Refund,
    HoldResponse? Hold,
    IReadOnlyList<TimelineEntryResponse> Timeline,
    IReadOnlyList<CapabilityResponse> Capabilities,
    IReadOnlyDictionary<string, JsonElement> Extensions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// True when the after-sale was moved to the archive (finished longer ago than <c>Archive:After</c>): read-only, every
    /// change is a 409 <c>after-sale-archived</c>. Additive (docs/api.md): false on every hot after-sale.
    /// </summary>
    public bool Archived { get; init; }
}

/// <summary>A claimed line; <c>replacementSkuId</c> is what an exchange sends back (null on the other types).</summary>
public sealed record AfterSaleLineResponse(int LineNo, string SkuId, string SkuName, int Quantity, decimal RefundAmount, string? ReplacementSkuId);

/// <summary>
/// The pickup address: in full for the order's customer, customer service, ops and systems; masked for merchants and
/// risk control (docs/api.md says how).
/// </summary>
public sealed record PickupAddressResponse(string Name, string Phone, string Address);

/// <summary>The user's return shipment.</summary>
public sealed record ReturnShipmentResponse(string Carrier, string TrackingNo);

/// <summary>The shipment of an exchange's replacement or of repaired goods to the customer (null until it shipped).</summary>
public sealed record OutboundShipmentResponse(string Carrier, string TrackingNo);

/// <summary>The courier's latest pickup update (inbound event <c>reversepaas.logistics.pickup-updated</c>).</summary>
public sealed record PickupResponse(string TrackingNo, string CourierName, string CourierPhone, PickupState Status, DateTimeOffset UpdatedAt);

/// <summary>Refund progress: attempts, next attempt, payment reference, last error.</summary>
public sealed record RefundProgressResponse(int Attempts, DateTimeOffset? NextAttemptAt, string? Reference, string? LastError);

/// <summary>A timeline entry.</summary>
public sealed record TimelineEntryResponse(DateTimeOffset At, string Status, string Actor, string Note);

/// <summary>An extension that ran for the after-sale.</summary>
public sealed record CapabilityResponse(string ExtensionPoint, string Extension, string Plugin);

/// <summary>A page of after-sales.</summary>
public sealed record AfterSaleListResponse(IReadOnlyList<AfterSaleResponse> Items, int Total, int Page, int PageSize);
