using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Activity 3, Review: auto-approve rules of the business line, otherwise routing to the merchant or customer
/// service; then the reviewer's decision, and withdrawal by the applicant.
/// </summary>
public sealed class ReviewActivity
{
    private readonly AfterSaleWork _work;
    private readonly IReverseStore _store;
    private readonly ActivityOptions _options;
    private readonly TimeProvider _time;

    public ReviewActivity(AfterSaleWork work, IReverseStore store, ActivityOptions options, TimeProvider time)
    {
        _work = work;
        _store = store;
        _options = options;
        _time = time;
    }

    /// <summary>
    /// Approves a review nobody answered before its deadline (the identity's <see cref="ReviewTriage.ReviewTimeoutHours"/>), or
    /// confirms a cancellation the merchant left unanswered as long. Anything answered meanwhile is left alone.
    /// </summary>
    public async Task<DeadlineOutcome> ApproveUnansweredAsync(string afterSaleId, CancellationToken cancellationToken)
    {
        var outcome = DeadlineOutcome.Done;
        await _work.RunAsync(afterSaleId, Actor.Kernel, (sale, order) =>
        {
            var now = _time.GetUtcNow();
            var waiting = sale.Status == AfterSaleStatus.PendingReview || sale.AwaitingConfirmation;
            if (!waiting || sale.ReviewDeadline is not { } deadline)
            {
                return Task.CompletedTask;
            }

            if (deadline > now)
            {
                outcome = DeadlineOutcome.Later(deadline);
                return Task.CompletedTask;
            }

            var note = $"No answer by {deadline:yyyy-MM-dd HH:mm} UTC ({ReviewTriage.ReviewTimeoutHours} of '{sale.BusinessIdentity}')";
            if (sale.AwaitingConfirmation && order.Status != OrderStatus.PendingShipment)
            {
                // The order center moved the order on (shipped) while the merchant was silent: the goods were not stopped.
                InterceptionStep.Confirm(sale, order, stopped: false, Actor.Kernel, $"Not stopped: {note}, and the order is {order.Status}.", now);
            }
            else if (sale.AwaitingConfirmation)
            {
                InterceptionStep.Confirm(sale, order, stopped: true, Actor.Kernel, $"Auto-confirmed: {note}.", now);
            }
            else
            {
                sale.Fire(AfterSaleCommand.Approve, Actor.Kernel, $"Auto-approved: {note}.", now);
            }

            return Task.CompletedTask;
        }, cancellationToken);
        return outcome;
    }

    /// <summary>The reviewer's decision. Merchants may review only what is routed to them, for their own store.</summary>
    public Task<AfterSale> DecideAsync(string afterSaleId, bool approve, string comment, Actor actor, CancellationToken cancellationToken)
        => RunAndSignal("review.decide", afterSaleId, actor, (sale, order) =>
        {
            if (actor.Role == ActorRole.Merchant && sale.Status == AfterSaleStatus.Appealed)
            {
                // The appeal is against a decision the merchant may have made: the platform decides it.
                throw new ForbiddenActionException($"After-sale '{sale.AfterSaleId}' is Appealed: customer service or ops decide an appeal, not the merchant.");
            }

            if (actor.Role == ActorRole.Merchant && sale.ReviewBy != Reviewer.Merchant)
            {
                throw new ForbiddenActionException($"After-sale '{sale.AfterSaleId}' is reviewed by {sale.ReviewBy?.ToString() ?? "nobody"}, not by the merchant.");
            }

            var now = _time.GetUtcNow();
            var note = string.IsNullOrWhiteSpace(comment) ? (approve ? "Approved." : "Rejected.") : comment;
            if (sale.Status == AfterSaleStatus.Appealed)
            {
                note = approve ? $"Appeal approved: {note}" : $"Appeal rejected, for good: {note}";
            }

            if (sale.Type == AfterSaleType.Cancel)
            {
                // A cancellation the business line routed to the merchant: approving it means the goods are stopped.
                InterceptionStep.Confirm(sale, order, approve, actor, note, now);
                return;
            }

            sale.Fire(approve ? AfterSaleCommand.Approve : AfterSaleCommand.Reject, actor, note, now);
            if (!approve)
            {
                order.Release(sale.RefundAmount, now);
            }
        }, cancellationToken);

    /// <summary>
    /// The applicant appeals a rejection (API.md v1.1): once, within <see cref="ActivityOptions.AppealWithin"/>. The
    /// rejection released the after-sale's claim on the order, so the appeal claims the same units and money again;
    /// when another after-sale took them meanwhile, the appeal is refused (<c>appeal-claim-taken</c>) rather than
    /// re-priced, because the reviewer must decide on exactly what was applied for.
    /// </summary>
    public Task<AfterSale> AppealAsync(string afterSaleId, string reason, Actor actor, CancellationToken cancellationToken)
        => RunAndSignalAsync("review.appeal", afterSaleId, actor, async (sale, order) =>
        {
            if (!sale.IsApplicant(actor))
            {
                throw new ForbiddenActionException($"Only the applicant ({sale.Applicant}) can appeal after-sale '{sale.AfterSaleId}'.");
            }

            var now = _time.GetUtcNow();
            sale.Appeal(reason, actor, _options.AppealWithin, now);
            // Counted from the database, where this after-sale is still Rejected and so claims nothing.
            var claims = await _store.ClaimsOfOrderAsync(order.OrderId, cancellationToken);
            AppealClaim.Reclaim(sale, order, claims, now);
        }, cancellationToken);

    /// <summary>Withdrawal by the applicant, before the goods or the money moved.</summary>
    public Task<AfterSale> WithdrawAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
        => RunAndSignal("review.withdraw", afterSaleId, actor, (sale, order) =>
        {
            if (!sale.IsApplicant(actor))
            {
                throw new ForbiddenActionException($"Only the applicant ({sale.Applicant}) can withdraw after-sale '{sale.AfterSaleId}'.");
            }

            var now = _time.GetUtcNow();
            sale.Fire(AfterSaleCommand.Withdraw, actor, "Withdrawn by the applicant.", now);
            order.Release(sale.RefundAmount, now);
        }, cancellationToken);

    private Task<AfterSale> RunAndSignal(string step, string afterSaleId, Actor actor, Action<AfterSale, Order> change, CancellationToken cancellationToken)
        => RunAndSignalAsync(step, afterSaleId, actor, (s, o) =>
        {
            change(s, o);
            return Task.CompletedTask;
        }, cancellationToken);

    private async Task<AfterSale> RunAndSignalAsync(string step, string afterSaleId, Actor actor, Func<AfterSale, Order, Task> change, CancellationToken cancellationToken)
    {
        using var activity = KernelTracing.Activities.StartActivity(step);
        var sale = await _work.RunAsync(afterSaleId, actor, change, cancellationToken);
        return sale;
    }

    // Risk control's hold on the refund (API.md v1.1) is a review of the money, so it lives with review rather than as a
    // fifth activity: while held, the execution step skips the refund (its HasBackgroundStep says so); the
    // release is saved like any change, and the outbox message that save writes runs the refund.
    /// <summary>Holds the after-sale's refund for <paramref name="reason"/>.</summary>
    public async Task<AfterSale> HoldAsync(string afterSaleId, string reason, Actor actor, CancellationToken cancellationToken)
    {
        using var activity = KernelTracing.Activities.StartActivity("risk.hold");
        return await _work.RunAsync(afterSaleId, actor, (sale, _) =>
        {
            sale.Hold(reason, actor, _time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
    }

    /// <summary>Releases the hold; a waiting refund runs.</summary>
    public async Task<AfterSale> ReleaseAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
    {
        using var activity = KernelTracing.Activities.StartActivity("risk.release");
        return await _work.RunAsync(afterSaleId, actor, (sale, _) =>
        {
            sale.ReleaseHold(actor, _time.GetUtcNow());
            return Task.CompletedTask;
        }, cancellationToken);
    }
}
