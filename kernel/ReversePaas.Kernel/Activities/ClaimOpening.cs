using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// The last step of every claim on an order (an application or a paid cancellation): price the claimed lines
/// with the identity's refund calculator, guard the figures, reserve the money in the ledger and open the
/// after-sale with the calculator recorded in its capabilities.
/// </summary>
internal static class ClaimOpening
{
    public static AfterSale Open(ExtensionSnapshot snapshot, Order order, OrderView view, OrderClaims claims, IReadOnlyList<ClaimedLine> claimed, ClaimRequest request, DateTimeOffset now)
    {
        var identity = BusinessIdentity.Parse(order.BusinessIdentity);
        var adding = claimed.ToDictionary(c => c.Line.LineNo, c => c.Quantity);
        var calculator = snapshot.Single<IRefundCalculator>(identity);
        if (claimed.Any(c => c.MissingWeightGrams is not null))
        {
            WeightDifference.Check(claimed, calculator.Resolution, identity);
        }

        var quote = calculator.Invoke(
            new RefundCalculationContext
            {
                Identity = identity,
                Settings = snapshot.For(identity).Settings,
                Order = view,
                Type = request.Type,
                Lines = claimed,
                ClaimsEveryRemainingUnit = claims.ClaimsEverything(order, adding),
                FreightAlreadyClaimed = claims.FreightClaimed,
                Fields = request.Fields,
            },
            static (c, ctx) => c.Calculate(ctx));
        var refunds = RefundGuard.Check(order, claimed, quote, claims, calculator, request.Type);
        var freight = AfterSaleTypes.MovesMoney(request.Type) ? quote.Freight : 0m;

        var sale = OpenPriced(order, [.. claimed.Select((c, i) => new AfterSaleDraftLine(c.Line.LineNo, c.Line.SkuId, c.Line.SkuName, c.Quantity, refunds[i],
            request.Type == AfterSaleType.Exchange ? request.Replacements.GetValueOrDefault(c.Line.LineNo, c.Line.SkuId) : null))], freight, request, now);
        sale.RecordCapability(calculator.Resolution);
        return sale;
    }

    /// <summary>Reserves the priced lines and freight in the ledger and opens the after-sale.</summary>
    public static AfterSale OpenPriced(Order order, IReadOnlyList<AfterSaleDraftLine> lines, decimal freight, ClaimRequest request, DateTimeOffset now)
    {
        order.Reserve(lines.Sum(l => l.RefundAmount) + freight, now);
        return AfterSale.Open(
            new AfterSaleDraft
            {
                AfterSaleId = AfterSaleIds.New(order.OrderId, now),
                OrderId = order.OrderId,
                Type = request.Type,
                Identity = BusinessIdentity.Parse(order.BusinessIdentity),
                Reason = request.Reason,
                Applicant = request.Applicant,
                UserId = order.UserId,
                VenderId = order.VenderId,
                Lines = lines,
                FreightRefund = freight,
                Evidence = request.Evidence,
                PickupAt = request.PickupAt,
                PluginFields = request.Fields,
            },
            now);
    }
}

/// <summary>What the claimant asked for, besides the lines.</summary>
internal sealed record ClaimRequest(AfterSaleType Type, string Reason, Actor Applicant, IReadOnlyList<string> Evidence, DateTimeOffset? PickupAt)
{
    /// <summary>Plugin-owned fields, already checked (none for a cancellation).</summary>
    public PluginFields Fields { get; init; } = PluginFields.Empty;

    /// <summary>For an exchange, the replacement SKU by order line, where the applicant named one (else the same SKU).</summary>
    public IReadOnlyDictionary<int, string> Replacements { get; init; } = new Dictionary<int, string>();
}
