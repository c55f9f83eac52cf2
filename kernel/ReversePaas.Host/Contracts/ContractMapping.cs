using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Host.Contracts;

/// <summary>Aggregates → response contracts (kernel types never reach the serializer directly).</summary>
internal static class ContractMapping
{
    public static OrderResponse ToResponse(this Order order) => new(
        order.OrderId,
        order.UserId,
        order.VenderId,
        order.VenderType,
        order.OrderType,
        order.Channel,
        order.Status,
        order.WarehouseStage,
        order.Freight,
        order.Currency,
        order.CompletedAt,
        order.Attributes,
        order.BusinessIdentity,
        [.. order.Lines.Select(l => new OrderLineResponse(l.LineNo, l.SkuId, l.SkuName, l.Quantity, l.UnitPrice, l.PromotionType, l.WeightGrams, l.AllocatedDiscount, l.PaidAmount))],
        [.. order.Discounts.OrderBy(d => d.Position).Select(d => new DiscountResponse(d.Code, d.Kind, d.Amount, d.ScopeLineNos()))],
        new LedgerResponse(order.Ledger.Paid, order.Ledger.Refunded, order.Ledger.Reserved, order.Ledger.Refundable));

    /// <summary>The after-sale as its reader sees it; <paramref name="pickupAddress"/> is already opened and masked for that reader.</summary>
    public static AfterSaleResponse ToResponse(this AfterSale sale, PickupAddressResponse? pickupAddress) => new(
        sale.AfterSaleId,
        sale.OrderId,
        sale.Type,
        sale.Status,
        sale.BusinessIdentity,
        sale.Reason,
        $"{sale.ApplicantRole}:{sale.ApplicantSubject}",
        sale.ReviewBy?.ToString(),
        sale.RefundAmount,
        sale.FreightRefund,
        [.. sale.Lines.OrderBy(l => l.LineNo).Select(l => new AfterSaleLineResponse(l.LineNo, l.SkuId, l.SkuName, l.Quantity, l.RefundAmount, l.ReplacementSkuId))],
        sale.Evidence,
        sale.PickupAt,
        pickupAddress,
        sale.Carrier is { } carrier ? new ReturnShipmentResponse(carrier, sale.TrackingNo ?? "") : null,
        sale.OutboundCarrier is { } outboundCarrier ? new OutboundShipmentResponse(outboundCarrier, sale.OutboundTrackingNo ?? "") : null,
        sale.ShipmentId,
        sale.Pickup is { } pickup ? new PickupResponse(pickup.TrackingNo, pickup.CourierName, pickup.CourierPhone, pickup.Status, pickup.UpdatedAt) : null,
        new RefundProgressResponse(sale.RefundAttempts, sale.NextAttemptAt, sale.RefundReference, sale.LastError),
        sale.HoldAt is { } heldAt ? new HoldResponse(sale.HoldReason ?? "", sale.HoldBy ?? "", heldAt) : null,
        [.. sale.Timeline.OrderBy(t => t.Sequence).Select(t => new TimelineEntryResponse(t.At, t.Status, t.Actor, t.Note))],
        [.. sale.Capabilities.OrderBy(c => c.Sequence).Select(c => new CapabilityResponse(c.ExtensionPoint, c.Extension, c.Plugin))],
        sale.PluginFields.Values.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(StringComparer.Ordinal),
        sale.CreatedAt,
        sale.UpdatedAt);
}
