using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Telemetry;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Activities;

/// <summary>
/// Risk control's hold on an after-sale's refund (API.md v1.1). While held, the execution step skips the refund
/// (<see cref="ExecutionActivity.HasBackgroundStep"/>); the release is saved like any change, and the outbox message
/// that save writes runs the refund.
/// </summary>
public sealed class RiskHoldActivity
{
    private readonly AfterSaleWork _work;
    private readonly TimeProvider _time;

    public RiskHoldActivity(AfterSaleWork work, TimeProvider time)
    {
        _work = work;
        _time = time;
    }

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
