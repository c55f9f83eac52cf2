using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Orders;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Activity 4, Execution: return logistics, warehouse receipt, exchange and repair outbound, and the refund
/// through the payment port (idempotent per after-sale, retried with backoff, parked as <c>RefundFailed</c>
/// after the limit). Background steps run from <see cref="RunDueAsync"/>; the others are commands.
/// </summary>
public sealed partial class ExecutionActivity
{
    private readonly IReverseStore _store;
    private readonly AfterSaleWork _work;
    private readonly ExtensionRuntime _extensions;
    private readonly ExternalSystems _systems;
    private readonly InterceptionStep _interception;
    private readonly TimeProvider _time;
    private readonly ActivityOptions _options;

    public ExecutionActivity(IReverseStore store, AfterSaleWork work, ExtensionRuntime extensions, ExternalSystems systems, InterceptionStep interception, TimeProvider time, ActivityOptions options)
    {
        _store = store;
        _work = work;
        _extensions = extensions;
        _systems = systems;
        _interception = interception;
        _time = time;
        _options = options;
    }

    /// <summary>
    /// True when the after-sale has a background step to run in its state: a refund (not held by risk control: its
    /// release writes the message that runs it), an interception (not waiting for a merchant), the return logistics
    /// of a return without a pickup (those wait for their pickup round) and not parked for ops, or the outbound step of
    /// an exchange received or a repair finished (<see cref="AfterSale.OutboundDue"/>).
    /// </summary>
    public static bool HasBackgroundStep(AfterSale sale) => sale.Status switch
    {
        AfterSaleStatus.PendingRefund => !sale.IsHeld,
        AfterSaleStatus.Intercepting => !sale.AwaitingConfirmation,
        AfterSaleStatus.PendingReturn => sale.OutboundDue || sale.Reservation == ReplacementReservation.Pending
            || (!sale.ReturnArranged && sale.PickupAt is null && !sale.ReturnParked),
        AfterSaleStatus.Repairing => sale.OutboundDue,
        // An exchange that ended without its replacement gives the reservation back.
        AfterSaleStatus.Withdrawn or AfterSaleStatus.Rejected => sale.Reservation == ReplacementReservation.Reserved,
        _ => false,
    };

    /// <summary>
    /// Runs the background step due for one after-sale (refund, interception retry, return logistics). Safe to run
    /// twice or concurrently: it works under the order's lock on freshly read state, and the refund is idempotent.
    /// </summary>
    public Task<AfterSale> RunDueAsync(string afterSaleId, CancellationToken cancellationToken)
        => _work.RunAsync(afterSaleId, Actor.Kernel, async (sale, order) =>
        {
            if (!HasBackgroundStep(sale) || (sale.NextAttemptAt is { } due && due > _time.GetUtcNow()))
            {
                return;
            }

            using var activity = KernelTracing.Activities.StartActivity(StepName(sale));
            if (sale.OutboundDue)
            {
                await SendOutboundAsync(sale, order, cancellationToken);
                return;
            }

            switch (sale.Status)
            {
                case AfterSaleStatus.PendingRefund:
                    await RefundAsync(sale, order, cancellationToken);
                    break;
                case AfterSaleStatus.Intercepting:
                    await _interception.InterceptAsync(sale, order, cancellationToken);
                    break;
                case AfterSaleStatus.PendingReturn:
                    if (sale.Reservation == ReplacementReservation.Pending && !await ReserveReplacementAsync(sale, order, cancellationToken))
                    {
                        break;
                    }

                    if (!sale.ReturnArranged && sale.PickupAt is null && !sale.ReturnParked)
                    {
                        await ArrangeReturnAsync(sale, order, round: null, cancellationToken);
                    }

                    break;
                case AfterSaleStatus.Withdrawn or AfterSaleStatus.Rejected:
                    await ReleaseReplacementAsync(sale, order, cancellationToken);
                    break;
            }
        }, cancellationToken);

    // Span names: constants, so a trace backend groups the steps rather than seeing one name per status text.
    private static string StepName(AfterSale sale) => sale.OutboundDue ? "execution.outbound" : sale.Status switch
    {
        AfterSaleStatus.PendingRefund => "execution.refund",
        AfterSaleStatus.Intercepting => "execution.interception",
        AfterSaleStatus.PendingReturn => sale.Reservation == ReplacementReservation.Pending ? "execution.replacement-reservation" : "execution.return-logistics",
        AfterSaleStatus.Withdrawn or AfterSaleStatus.Rejected => "execution.replacement-release",
        _ => "execution.step",
    };

    /// <summary>The customer shipped the goods back themselves.</summary>
    public Task<AfterSale> RecordReturnShipmentAsync(string afterSaleId, string carrier, string trackingNo, Actor actor, CancellationToken cancellationToken)
        => _work.RunAsync(afterSaleId, actor, (sale, _) =>
        {
            sale.RecordReturnShipment(carrier, trackingNo, actor, _time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>A courier's update of the pickup (the logistics system's inbound event).</summary>
    public Task<AfterSale> RecordPickupUpdateAsync(string afterSaleId, PickupProgress update, Actor actor, CancellationToken cancellationToken)
        => _work.RunAsync(afterSaleId, actor, (sale, _) =>
        {
            sale.RecordPickupUpdate(update, actor, _time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>
    /// The warehouse received the returned goods: a return goes on to the refund; an exchange's replacement ships next
    /// (a background step); a repair starts. The received lines must be exactly those of the after-sale.
    /// </summary>
    public async Task<AfterSale> ReceiveGoodsAsync(string afterSaleId, IReadOnlyList<ReturnLine> received, Actor actor, CancellationToken cancellationToken)
    {
        var sale = await _work.RunAsync(afterSaleId, actor, async (sale, _) =>
        {
            if (sale.Status != AfterSaleStatus.PendingReturn)
            {
                sale.Fire(AfterSaleCommand.ReceiveGoods, actor, "", _time.GetUtcNow()); // throws, naming the status
            }

            var expected = sale.Lines.Select(l => (l.LineNo, l.Quantity)).OrderBy(l => l.LineNo).ToList();
            var got = received.GroupBy(r => r.LineNo).Select(g => (LineNo: g.Key, Quantity: g.Sum(r => r.Quantity))).OrderBy(l => l.LineNo).ToList();
            if (!expected.SequenceEqual(got))
            {
                throw new DomainRuleException(ReasonCodes.ReceiptMismatch,
                    $"After-sale '{sale.AfterSaleId}' expects {Describe(expected)}; the receipt says {Describe(got)}. Partial receipts are not accepted: correct the receipt or ask ops.");
            }

            var lines = sale.Lines.Select(l => new ReturnLine(l.LineNo, l.SkuId, l.Quantity)).ToList();
            var now = _time.GetUtcNow();
            switch (sale.Type)
            {
                case AfterSaleType.Exchange:
                    // The replacement ships in the background (SendOutboundAsync): the receipt does not wait for the warehouse.
                    sale.ReceiveForExchange(actor, now);
                    break;
                case AfterSaleType.Repair:
                    sale.Fire(AfterSaleCommand.ReceiveGoods, actor, "Goods received for repair.", now);
                    break;
                case AfterSaleType.ReturnRefund:
                    await Require(_systems.Inventory.RestockAsync(sale.AfterSaleId, sale.OrderId, lines, cancellationToken), "inventory restock");
                    sale.Fire(AfterSaleCommand.ReceiveGoods, actor, "Goods received; refund follows.", now);
                    break;
                default:
                    // The status machine let a type receive goods that this step does not know: a kernel gap, not a return.
                    throw new InvalidOperationException($"{sale.Type} after-sale '{sale.AfterSaleId}' received goods, but receiving has no step for {sale.Type}.");
            }
        }, cancellationToken);
        return sale;
    }

    /// <summary>Ops retries a refund parked as <c>RefundFailed</c>.</summary>
    public async Task<AfterSale> RetryRefundAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
    {
        var sale = await _work.RunAsync(afterSaleId, actor, (sale, _) =>
        {
            sale.Fire(AfterSaleCommand.RetryRefund, actor, "Refund retried by ops.", _time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
        return sale;
    }

    /// <summary>
    /// Ops retries return logistics parked after <see cref="ActivityOptions.PickupBookingAttempts"/> failures: the
    /// attempts start again, at once (a pickup through its order's next round).
    /// </summary>
    public Task<AfterSale> RetryReturnAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
        => _work.RunAsync(afterSaleId, actor, (sale, _) =>
        {
            sale.RetryReturn(actor, _time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task RefundAsync(AfterSale sale, Order order, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        if (sale.RefundAmount == 0)
        {
            sale.Fire(AfterSaleCommand.CompleteRefund, Actor.Kernel, "Nothing to refund.", now);
            return;
        }

        if (await _store.RefundRecordedAsync(sale.AfterSaleId, cancellationToken))
        {
            throw new InvalidOperationException($"After-sale '{sale.AfterSaleId}' is PendingRefund but its refund is already recorded.");
        }

        var snapshot = _extensions.Current;
        var executor = snapshot.Single<IRefundExecutor>(identity);
        sale.RecordCapability(executor.Resolution);
        PortResult result;
        try
        {
            result = await executor.InvokeAsync(
                new RefundExecutionContext
                {
                    Identity = identity,
                    Settings = snapshot.For(identity).Settings,
                    Order = order.ToView(),
                    AfterSaleId = sale.AfterSaleId,
                    RefundId = sale.AfterSaleId,
                    Amount = sale.RefundAmount,
                    Attempt = sale.RefundAttempts + 1,
                    Payment = _systems.Payment,
                    Fields = sale.PluginFields,
                },
                static (e, c, ct) => e.ExecuteAsync(c, ct),
                cancellationToken);
        }
        catch (PortUnavailableException ex)
        {
            // The payment system is down: not a refusal, so no attempt is used up; try again later.
            now = _time.GetUtcNow();
            sale.RecordBackgroundError($"Refund waits, payment unavailable: {ex.Message}", now + _options.UnavailableRetryDelay, now);
            return;
        }
        catch (ExtensionFailedException ex)
        {
            result = PortResult.Failure(ex.Message);
        }

        now = _time.GetUtcNow();
        if (result.Succeeded)
        {
            sale.RecordRefundReference(result.Reference);
            order.RecordRefund(sale.RefundAmount, now);
            _store.Add(new RefundRecord(sale.AfterSaleId, sale.AfterSaleId, sale.OrderId, sale.RefundAmount, result.Reference, now));
            // Settlement hears of it through the outbox (refund.completed), written in this same transaction.
            sale.Fire(AfterSaleCommand.CompleteRefund, Actor.Kernel, $"Refunded {sale.RefundAmount:0.00} ({result.Reference}).", now);
            return;
        }

        if (sale.RefundAttempts + 1 >= _options.RefundMaxAttempts)
        {
            sale.RecordRefundAttemptFailed(result.FailureReason ?? "refused", now, now);
            sale.Fire(AfterSaleCommand.FailRefund, Actor.Kernel,
                $"Refund failed {sale.RefundAttempts} time(s): {result.FailureReason}. Waiting for ops (retry-refund).", now);
            return;
        }

        var delay = _options.RefundRetryDelay * Math.Pow(2, sale.RefundAttempts);
        sale.RecordRefundAttemptFailed(result.FailureReason ?? "refused", now + delay, now);
    }

    /// <summary>
    /// The customer did not send the goods within the identity's window (<see cref="Deadlines.ReturnShipWithinDays"/>):
    /// the return is closed as withdrawn and its claim released. A return shipped or picked up meanwhile is left alone.
    /// </summary>
    public async Task<DeadlineOutcome> CloseUnshippedReturnAsync(string afterSaleId, Deadlines deadlines, CancellationToken cancellationToken)
    {
        var outcome = DeadlineOutcome.Done;
        await _work.RunAsync(afterSaleId, Actor.Kernel, (sale, order) =>
        {
            var now = _time.GetUtcNow();
            if (deadlines.ReturnShipmentDeadline(sale) is not { } shipBy)
            {
                return Task.CompletedTask;
            }

            if (shipBy > now)
            {
                outcome = DeadlineOutcome.Later(shipBy);
                return Task.CompletedTask;
            }

            sale.Fire(AfterSaleCommand.Withdraw, Actor.Kernel,
                $"Closed: the goods were not sent by {shipBy:yyyy-MM-dd HH:mm} UTC ({Deadlines.ReturnShipWithinDays} of '{sale.BusinessIdentity}').", now);
            order.Release(sale.RefundAmount, now);
            return Task.CompletedTask;
        }, cancellationToken);
        return outcome;
    }

    /// <summary>
    /// Runs the identity's return logistics for one return (in a pickup <paramref name="round"/> when it asked for a
    /// pickup); true when arranged, false when the systems refused or could not be reached (recorded on the after-sale).
    /// </summary>
    internal async Task<bool> ArrangeReturnAsync(AfterSale sale, Order order, PickupRound? round, CancellationToken cancellationToken)
    {
        var identity = BusinessIdentity.Parse(sale.BusinessIdentity);
        var snapshot = _extensions.Current;
        var logistics = snapshot.Single<IReturnLogistics>(identity);
        sale.RecordCapability(logistics.Resolution);
        var now = _time.GetUtcNow();
        try
        {
            var result = await logistics.InvokeAsync(
                new ReturnLogisticsContext
                {
                    Identity = identity,
                    Settings = snapshot.For(identity).Settings,
                    Order = order.ToView(),
                    AfterSaleId = sale.AfterSaleId,
                    Lines = [.. sale.Lines.Select(l => new ReturnLine(l.LineNo, l.SkuId, l.Quantity))],
                    PickupAt = sale.PickupAt,
                    PickupRound = round?.Number ?? 0,
                    RoundPickupAt = round?.PickupAt,
                    Warehouse = _systems.Warehouse,
                    Logistics = _systems.Logistics,
                    Fields = sale.PluginFields,
                },
                static (l, c, ct) => l.ArrangeAsync(c, ct),
                cancellationToken);
            if (result.Succeeded)
            {
                sale.RecordReturnArranged(result.Reference, round?.Number, _time.GetUtcNow());
                return true;
            }

            RecordReturnFailure(sale, $"Return logistics refused: {result.FailureReason}", now);
            return false;
        }
        catch (PortUnavailableException ex)
        {
            RecordReturnFailure(sale, $"Return logistics waits: {ex.Message}", now);
            return false;
        }
    }

    // A refusal and an unreachable system both count: either way the goods are not collected, and past the limit a
    // person must arrange them. Until then the delay doubles, so a long outage is not hammered every few seconds.
    private void RecordReturnFailure(AfterSale sale, string error, DateTimeOffset now)
    {
        var attempts = sale.ReturnAttempts + 1;
        if (attempts >= _options.PickupBookingAttempts)
        {
            sale.RecordReturnAttemptFailed($"{error} Parked after {attempts} failed attempt(s): retry-pickup once the cause is fixed.", null, now);
            return;
        }

        var doubled = _options.UnavailableRetryDelay * Math.Pow(2, Math.Min(attempts - 1, 20));
        sale.RecordReturnAttemptFailed(error, now + (doubled < _options.PickupRetryMaxDelay ? doubled : _options.PickupRetryMaxDelay), now);
    }

    private static async Task Require(Task<PortResult> call, string what)
    {
        PortResult result;
        try
        {
            result = await call;
        }
        catch (PortUnavailableException ex)
        {
            throw new TransientConflictException($"The {what} could not be reached: {ex.Message}. Nothing was changed; try again.", TimeSpan.FromSeconds(5), ex);
        }

        if (!result.Succeeded)
        {
            throw new DomainRuleException(ReasonCodes.ExternalRefusal, $"The {what} refused: {result.FailureReason}");
        }
    }

    private static string Describe(IEnumerable<(int LineNo, int Quantity)> lines)
        => string.Join(", ", lines.Select(l => $"line {l.LineNo} × {l.Quantity}")) is { Length: > 0 } text ? text : "nothing";
}
