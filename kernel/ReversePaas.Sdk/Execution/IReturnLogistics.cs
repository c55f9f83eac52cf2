using ReversePaas.Sdk.Ports;

namespace ReversePaas.Sdk.Execution;

/// <summary>
/// Arranges the way back of returned goods. Kernel default: announce the return inbound to the warehouse,
/// and book a pickup (keyed by the after-sale, so idempotent) when the applicant asked for one.
/// </summary>
[ExtensionPoint(Code, Activity.Execution, CombineMode.Single, Description = "Arranges return logistics: warehouse inbound and courier pickup.")]
public interface IReturnLogistics
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "execution.return-logistics";

    /// <summary>Arranges the return; the reference is the shipment id when a pickup was booked.</summary>
    Task<PortResult> ArrangeAsync(ReturnLogisticsContext context, CancellationToken cancellationToken);
}
