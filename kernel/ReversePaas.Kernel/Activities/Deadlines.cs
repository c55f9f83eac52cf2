using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// The kernel's timed work: which deadlines an order or after-sale has in its current state, and what happens when
/// one comes. The host keeps the times (its deadlines table, runs on Hangfire); every run re-reads the state and re-checks
/// the time, so a deadline fired early, twice, or after the state moved on does nothing.
/// </summary>
public sealed class Deadlines
{
    /// <summary>Setting: days after approval within which the goods of a return must be sent (default 7).</summary>
    public const string ReturnShipWithinDays = "returns.shipWithinDays";

    /// <summary>Used when an identity sets no <see cref="ReturnShipWithinDays"/>.</summary>
    public const int DefaultReturnShipWithinDays = 7;

    private readonly IReverseStore _store;
    private readonly ExtensionRuntime _extensions;
    private readonly ForwardOrders _orders;
    private readonly ReviewActivity _review;
    private readonly ExecutionActivity _execution;
    private readonly CombinedPickup _pickup;
    private readonly TimeProvider _time;
    private readonly ActivityOptions _options;

    public Deadlines(IReverseStore store, ExtensionRuntime extensions, ForwardOrders orders, ReviewActivity review, ExecutionActivity execution, CombinedPickup pickup, TimeProvider time, ActivityOptions options)
    {
        _store = store;
        _extensions = extensions;
        _orders = orders;
        _review = review;
        _execution = execution;
        _pickup = pickup;
        _time = time;
        _options = options;
    }

    /// <summary>The kinds keyed by an after-sale (the others are keyed by an order).</summary>
    public static IReadOnlyList<DeadlineKind> AfterSaleKinds { get; } = [DeadlineKind.ReviewTimeout, DeadlineKind.ReturnShipmentTimeout, DeadlineKind.DeliveryConfirmTimeout];

    /// <summary>The deadline of an order: the unpaid timeout while it waits for payment.</summary>
    public Deadline? Of(Order order)
        => order.Status == OrderStatus.PendingPayment ? new Deadline(DeadlineKind.UnpaidOrder, order.OrderId, order.CreatedAt + _options.UnpaidTimeout) : null;

    /// <summary>The deadlines of an after-sale in its current state (a pickup's is its order's combined pickup).</summary>
    public IReadOnlyList<Deadline> Of(AfterSale sale)
    {
        var deadlines = new List<Deadline>();
        if (sale.ReviewDeadline is { } review && (sale.Status == AfterSaleStatus.PendingReview || sale.AwaitingConfirmation))
        {
            deadlines.Add(new Deadline(DeadlineKind.ReviewTimeout, sale.AfterSaleId, review));
        }

        if (CombinedPickup.WaitsForPickup(sale))
        {
            deadlines.Add(new Deadline(DeadlineKind.CombinedPickup, sale.OrderId, CombinedPickup.DueAt(sale, _options.PickupLead)));
        }

        if (ReturnShipmentDeadline(sale) is { } shipBy)
        {
            deadlines.Add(new Deadline(DeadlineKind.ReturnShipmentTimeout, sale.AfterSaleId, shipBy));
        }

        if (ExecutionActivity.DeliveryConfirmDeadline(sale, _options) is { } deliveredBy)
        {
            deadlines.Add(new Deadline(DeadlineKind.DeliveryConfirmTimeout, sale.AfterSaleId, deliveredBy));
        }

        return deadlines;
    }

    /// <summary>Runs the deadline <paramref name="kind"/> of <paramref name="key"/>, if it is still due.</summary>
    public async Task<DeadlineOutcome> RunAsync(DeadlineKind kind, string key, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case DeadlineKind.UnpaidOrder:
                var order = await _store.FindOrderAsync(key, cancellationToken);
                if (order is not null && Of(order) is { } unpaid && unpaid.DueAt > _time.GetUtcNow())
                {
                    return DeadlineOutcome.Later(unpaid.DueAt);
                }

                await _orders.CancelIfStillUnpaidAsync(key, cancellationToken);
                return DeadlineOutcome.Done;
            case DeadlineKind.ReviewTimeout:
                return await _review.ApproveUnansweredAsync(key, cancellationToken);
            case DeadlineKind.ReturnShipmentTimeout:
                return await _execution.CloseUnshippedReturnAsync(key, this, cancellationToken);
            case DeadlineKind.CombinedPickup:
                return await _pickup.DispatchAsync(key, cancellationToken);
            case DeadlineKind.DeliveryConfirmTimeout:
                return await _execution.CompleteUnconfirmedDeliveryAsync(key, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown deadline.");
        }
    }

    /// <summary>
    /// When an approved return is closed for want of goods: the identity's <see cref="ReturnShipWithinDays"/> after it
    /// entered <c>PendingReturn</c> — or null when it is not waiting for the applicant (shipped, pickup asked for or booked, or the goods already received).
    /// </summary>
    public DateTimeOffset? ReturnShipmentDeadline(AfterSale sale)
    {
        if (sale.Status != AfterSaleStatus.PendingReturn || sale.OutboundDue || sale.TrackingNo is not null || sale.PickupAt is not null || sale.ShipmentId is not null)
        {
            return null;
        }

        var approvedAt = sale.Timeline.FirstOrDefault(e => e.Status == nameof(AfterSaleStatus.PendingReturn))?.At ?? sale.UpdatedAt;
        var settings = _extensions.Current.For(BusinessIdentity.Parse(sale.BusinessIdentity)).Settings;
        var days = settings.GetInt32(ReturnShipWithinDays, DefaultReturnShipWithinDays);
        return days > 0 ? approvedAt.AddDays(days) : null;
    }
}
