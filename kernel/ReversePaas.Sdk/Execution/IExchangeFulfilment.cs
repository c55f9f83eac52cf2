using ReversePaas.Sdk.Ports;

namespace ReversePaas.Sdk.Execution;

/// <summary>
/// Fulfils an exchange. Kernel default: reserve the replacement in the inventory at approval, give it back when the
/// exchange is withdrawn, and after the warehouse receipt ship it through the warehouse — or, when it was out of stock,
/// refund the returned units instead. A business line may, e.g., offer a coupon instead of goods. Each call runs as a
/// background step, idempotent by after-sale id; an unreachable system (<see cref="PortUnavailableException"/>) or a
/// refused shipment is retried. Since Sdk 1.2.
/// </summary>
[ExtensionPoint(Code, Activity.Execution, CombineMode.Single, Description = "Fulfils an exchange: reserves the replacement, ships it after the receipt, or refunds the returned units.")]
public interface IExchangeFulfilment
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "execution.exchange-fulfilment";

    /// <summary>Right after the approval: reserves the replacement; a refusal means it cannot be sent (out of stock).</summary>
    Task<PortResult> ReserveAsync(OutboundContext context, CancellationToken cancellationToken);

    /// <summary>The exchange ended without its replacement (withdrawn): gives a reservation back.</summary>
    Task<PortResult> ReleaseAsync(OutboundContext context, CancellationToken cancellationToken);

    /// <summary>
    /// After the warehouse receipt: ships the replacement (<see cref="OutboundResult.Ship"/>), refunds the returned units
    /// instead (<see cref="OutboundResult.RefundInstead"/>), or fails for now (<see cref="OutboundResult.Failure"/>).
    /// </summary>
    Task<OutboundResult> FulfilAsync(OutboundContext context, CancellationToken cancellationToken);
}
