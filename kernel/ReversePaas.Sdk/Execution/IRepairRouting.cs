namespace ReversePaas.Sdk.Execution;

/// <summary>
/// Chooses the service centre a repaired item ships back from, and ships it. Kernel default: the warehouse ships it
/// (through the warehouse port, idempotent by after-sale id). Runs as a background step after
/// <c>repair-finished</c> (<c>Repaired</c>); a refusal or an unreachable system is retried with backoff.
/// </summary>
[ExtensionPoint(Code, Activity.Execution, CombineMode.Single, Description = "Chooses the service centre that ships a repaired item back, and ships it (kernel default: the warehouse).")]
public interface IRepairRouting
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "execution.repair-routing";

    /// <summary>Ships the repaired goods back; an unreachable system throws <see cref="Ports.PortUnavailableException"/>.</summary>
    Task<OutboundResult> ShipBackAsync(OutboundContext context, CancellationToken cancellationToken);
}
