using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Activity 2, Interception: cancellation of an order. Unpaid → cancelled at once. Paid, not shipped → a
/// <c>Cancel</c> after-sale claiming everything still unclaimed (freight included), and the identity's
/// interceptor stops the goods (stop push / WMS intercept / merchant); packed goods fail the cancellation.
/// </summary>
public sealed class InterceptionActivity
{
    private readonly IReverseStore _store;
    private readonly AfterSaleWork _work;
    private readonly InterceptionStep _interception;
    private readonly TimeProvider _time;

    public InterceptionActivity(IReverseStore store, AfterSaleWork work, InterceptionStep interception, TimeProvider time)
    {
        _store = store;
        _work = work;
        _interception = interception;
        _time = time;
    }

    /// <summary>Cancels; returns the order, and the cancellation after-sale when the order was paid.</summary>
    public Task<(Order Order, AfterSale? AfterSale)> CancelAsync(string orderId, string reason, Actor actor, CancellationToken cancellationToken)
        => _work.OnOrderAsync<(Order, AfterSale?)>(orderId, actor, async order =>
        {
            var now = _time.GetUtcNow();
            if (order.Status == OrderStatus.PendingPayment)
            {
                order.CancelUnpaid(now);
                return (order, null);
            }

            if (order.Status != OrderStatus.PendingShipment)
            {
                throw new DomainRuleException(ReasonCodes.NotEligible,
                    $"Order '{orderId}' is {order.Status}: only orders pending payment or shipment can be cancelled; after shipment, apply for a return.");
            }

            var sale = OpenCancellation(order, await _store.AfterSalesOfOrderAsync(orderId, cancellationToken), reason, actor, now);
            _store.Add(sale, null, null);
            await _interception.InterceptAsync(sale, order, cancellationToken);
            return (order, sale);
        }, cancellationToken);

    /// <summary>
    /// A paid cancellation refunds everything the order still has (DOMAIN.md: the whole paid amount, freight included),
    /// so it waits for every claim that could still give money back: an after-sale still under review or waiting for its
    /// goods may be rejected or withdrawn, and a cancellation under way may fail. Cancelling past them would leave that
    /// money claimable by nobody once the order is <c>Cancelled</c>.
    /// </summary>
    private static void RefuseWhileClaimsMayReturn(Order order, IReadOnlyList<AfterSale> existing)
    {
        var cancelling = existing.FirstOrDefault(s => s.Type == AfterSaleType.Cancel && s.Status == AfterSaleStatus.Intercepting);
        if (cancelling is not null)
        {
            throw new DomainRuleException(ReasonCodes.OpenAfterSales,
                $"Order '{order.OrderId}' is already being cancelled by after-sale '{cancelling.AfterSaleId}' ({cancelling.Status}).");
        }

        var open = existing.Where(s => s.Status is AfterSaleStatus.PendingReview or AfterSaleStatus.PendingReturn or AfterSaleStatus.Appealed).ToList();
        if (open.Count > 0)
        {
            var names = string.Join(", ", open.Select(s => $"'{s.AfterSaleId}' ({s.Type}, {s.Status})"));
            throw new DomainRuleException(ReasonCodes.OpenAfterSales,
                $"Order '{order.OrderId}' has after-sales that are not decided yet: {names}. Withdraw them or wait for their review, then cancel: the cancellation refunds everything that is left.");
        }
    }

    /// <summary>
    /// The cancellation's claim: on every line, the units nobody claimed and whatever the line paid that no claim
    /// covers (what is left after a partial refund too), and the freight unless it was claimed. No refund calculator
    /// is asked: what a cancellation refunds is the kernel's rule, not a business line's.
    /// </summary>
    private static AfterSale OpenCancellation(Order order, IReadOnlyList<AfterSale> existing, string reason, Actor actor, DateTimeOffset now)
    {
        RefuseWhileClaimsMayReturn(order, existing);
        var claims = new OrderClaims(existing);
        var lines = order.Lines
            .Select(l => new AfterSaleDraftLine(l.LineNo, l.SkuId, l.SkuName, Math.Max(0, claims.Remaining(l)), l.PaidAmount - claims.Amount(l.LineNo)))
            .Where(l => l.Quantity > 0 || l.RefundAmount > 0)
            .ToList();
        var freight = claims.FreightClaimed ? 0m : order.Freight;
        if (lines.Count == 0 && freight == 0)
        {
            throw new DomainRuleException(ReasonCodes.NothingToCancel, $"Every unit and every cent of order '{order.OrderId}' is already claimed by other after-sales.");
        }

        return ClaimOpening.OpenPriced(order, lines, freight, new ClaimRequest(AfterSaleType.Cancel, reason, actor, [], null), now);
    }
}
