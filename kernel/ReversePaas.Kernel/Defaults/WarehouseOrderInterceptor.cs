using ReversePaas.Sdk;
using ReversePaas.Sdk.Interception;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Defaults;

/// <summary>Kernel default for <c>interception.order</c>: not pushed → stop the push; pushed → WMS intercept; packed → fail.</summary>
[Extension("kernel.interception.warehouse", Description = "Stops the warehouse push, or asks the WMS to intercept; packed goods cannot be stopped.")]
public sealed class WarehouseOrderInterceptor : IOrderInterceptor
{
    /// <inheritdoc />
    public async Task<InterceptionOutcome> InterceptAsync(InterceptionContext context, CancellationToken cancellationToken)
    {
        var order = context.Order;
        switch (order.WarehouseStage)
        {
            case WarehouseStage.NotPushed:
                var stopped = await context.Warehouse.StopPushAsync(order.OrderId, cancellationToken);
                return stopped.Succeeded
                    ? InterceptionOutcome.Intercepted("Warehouse push stopped.")
                    : InterceptionOutcome.Failed($"The warehouse push could not be stopped: {stopped.FailureReason}");
            case WarehouseStage.Pushed:
                var intercepted = await context.Warehouse.InterceptAsync(order.OrderId, cancellationToken);
                return intercepted.Succeeded
                    ? InterceptionOutcome.Intercepted($"Intercepted by the WMS ({intercepted.Reference}).")
                    : InterceptionOutcome.Failed($"The WMS could not intercept: {intercepted.FailureReason}");
            default:
                return InterceptionOutcome.Failed("The goods are already packed: the order continues and can be returned after delivery.");
        }
    }
}
