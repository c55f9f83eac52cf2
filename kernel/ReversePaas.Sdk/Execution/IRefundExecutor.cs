using ReversePaas.Sdk.Ports;

namespace ReversePaas.Sdk.Execution;

/// <summary>
/// Pays a refund out. Kernel default: the payment port, back to the original payment method. Must pass
/// <see cref="RefundExecutionContext.RefundId"/> so that a retry never pays twice.
/// </summary>
[ExtensionPoint(Code, Activity.Execution, CombineMode.Single, Description = "Pays the refund out through the payment port (and which route).")]
public interface IRefundExecutor
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "execution.refund";

    /// <summary>Pays; a refusal is a result, an unreachable system a <see cref="PortUnavailableException"/>.</summary>
    Task<PortResult> ExecuteAsync(RefundExecutionContext context, CancellationToken cancellationToken);
}
