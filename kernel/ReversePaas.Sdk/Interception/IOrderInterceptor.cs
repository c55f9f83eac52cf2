namespace ReversePaas.Sdk.Interception;

/// <summary>
/// Stops the goods of a paid order being cancelled. Kernel default: not pushed → stop the push; pushed →
/// ask the WMS to intercept; packed → fail. Throw <see cref="Ports.PortUnavailableException"/> when a
/// system cannot be reached: the kernel retries later.
/// </summary>
[ExtensionPoint(Code, Activity.Interception, CombineMode.Single, Description = "Stops the goods of a cancelled paid order (stop push, WMS intercept, or merchant).")]
public interface IOrderInterceptor
{
    /// <summary>The code of this extension point.</summary>
    const string Code = "interception.order";

    /// <summary>Tries to stop the goods.</summary>
    Task<InterceptionOutcome> InterceptAsync(InterceptionContext context, CancellationToken cancellationToken);
}
