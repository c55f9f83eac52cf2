using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Interception;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Activity 2, Interception: cancellation of an order. Unpaid → cancelled at once. Paid, not shipped → a
/// <c>Cancel</c> after-sale claiming everything still unclaimed (freight included), and the identity's
/// interceptor stops the goods (stop push / WMS intercept / merchant); packed goods fail the cancellation.
/// </summary>
public sealed class InterceptionActivity
{
    private readonly IReverseStore _store;
    private readonly IOrderLock _locks;
    private readonly ExtensionRuntime _extensions;
    private readonly ExternalSystems _systems;
    private readonly TimeProvider _time;
    private readonly ActivityOptions _options;

    /// <summary>Creates the activity.</summary>
    public InterceptionActivity(IReverseStore store, IOrderLock locks, ExtensionRuntime extensions, ExternalSystems systems, TimeProvider time, ActivityOptions options)
    {
        _store = store;
        _locks = locks;
        _extensions = extensions;
        _systems = systems;
        _time = time;
        _options = options;
    }

    /// <summary>Cancels; returns the order, and the cancellation after-sale when the order was paid.</summary>
    public async Task<(Order Order, AfterSale? AfterSale)> CancelAsync(string orderId, string reason, Actor actor, CancellationToken cancellationToken)
    {
        await using (await _locks.AcquireAsync(orderId, _options.LockTimeout, cancellationToken))
        {
            var order = await _store.FindOrderAsync(orderId, cancellationToken);
            if (order is null || !order.IsVisibleTo(actor))
            {
                throw new NotFoundException("Order", orderId);
            }

            var now = _time.GetUtcNow();
            if (order.Status == OrderStatus.PendingPayment)
            {
                order.CancelUnpaid(now);
                await _store.SaveAsync(cancellationToken);
                return (order, null);
            }

            if (order.Status != OrderStatus.PendingShipment)
            {
                throw new DomainRuleException(ReasonCodes.NotEligible,
                    $"Order '{orderId}' is {order.Status}: only orders pending payment or shipment can be cancelled; after shipment, apply for a return.");
            }

            var sale = OpenCancellation(order, await _store.AfterSalesOfOrderAsync(orderId, cancellationToken), reason, actor, now);
            _store.Add(sale, null, null);
            await InterceptAsync(sale, order, cancellationToken);
            await _store.SaveAsync(cancellationToken);
            return (order, sale);
        }
    }

    /// <summary>The merchant's answer to a cancellation waiting for confirmation: stopped (refund follows) or not.</summary>
    public static void Confirm(AfterSale sale, Order order, bool stopped, Actor actor, string note, DateTimeOffset now)
    {
        if (!sale.AwaitingConfirmation)
        {
            throw new DomainRuleException(ReasonCodes.IllegalTransition, $"Cancellation '{sale.AfterSaleId}' is {sale.Status} and waits for nobody's confirmation.");
        }

        if (stopped)
        {
            sale.Fire(AfterSaleCommand.Intercepted, actor, note, now);
            order.CancelIntercepted(now);
        }
        else
        {
            sale.Fire(AfterSaleCommand.FailInterception, actor, note, now);
            order.Release(sale.RefundAmount, now);
        }
    }

    /// <summary>
    /// Runs the identity's interceptor for a cancellation in <c>Intercepting</c>. A system that cannot be reached
    /// leaves it there for the background executor to try again.
    /// </summary>
    public async Task InterceptAsync(AfterSale sale, Order order, CancellationToken cancellationToken)
    {
        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        var snapshot = _extensions.Current;
        var interceptor = snapshot.Single<IOrderInterceptor>(identity);
        sale.RecordCapability(interceptor.Resolution);
        var context = new InterceptionContext
        {
            Identity = identity,
            Settings = snapshot.For(identity).Settings,
            Order = order.ToView(),
            AfterSaleId = sale.AfterSaleId,
            Warehouse = _systems.Warehouse,
        };

        InterceptionOutcome outcome;
        try
        {
            outcome = await interceptor.InvokeAsync(context, static (i, c, ct) => i.InterceptAsync(c, ct), cancellationToken);
        }
        catch (PortUnavailableException ex)
        {
            var now = _time.GetUtcNow();
            sale.RecordBackgroundError($"Interception waits: {ex.Message}", now + _options.UnavailableRetryDelay, now);
            return;
        }

        var at = _time.GetUtcNow();
        if (outcome.IsAwaitingConfirmation)
        {
            // A merchant who never answers must not hold the customer's money: the review timeout confirms for them.
            var timeoutHours = context.Settings.GetInt32(ReviewActivity.ReviewTimeoutHours, 0);
            sale.AwaitConfirmation(Sdk.Review.Reviewer.Merchant, outcome.Note, at, timeoutHours > 0 ? at.AddHours(timeoutHours) : null);
            return;
        }

        if (outcome.Stopped)
        {
            sale.Fire(AfterSaleCommand.Intercepted, Actor.Kernel, outcome.Note, at);
            order.CancelIntercepted(at);
        }
        else
        {
            sale.Fire(AfterSaleCommand.FailInterception, Actor.Kernel, outcome.Note, at);
            order.Release(sale.RefundAmount, at);
        }
    }

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

        var open = existing.Where(s => s.Status is AfterSaleStatus.PendingReview or AfterSaleStatus.PendingReturn).ToList();
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
