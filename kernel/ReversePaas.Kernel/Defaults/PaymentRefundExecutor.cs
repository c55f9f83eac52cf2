using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Kernel.Defaults;

/// <summary>Kernel default for <c>execution.refund</c>: the payment port, back to the original payment method.</summary>
[Extension("kernel.refund.original-method", Description = "Refunds through the payment port to the original payment method.")]
public sealed class PaymentRefundExecutor : IRefundExecutor
{
    /// <inheritdoc />
    public Task<PortResult> ExecuteAsync(RefundExecutionContext context, CancellationToken cancellationToken)
        => context.Payment.RefundAsync(
            new PaymentRefundRequest
            {
                RefundId = context.RefundId,
                OrderId = context.Order.OrderId,
                Amount = context.Amount,
                Currency = context.Order.Currency,
                Route = PaymentRoute.OriginalMethod,
            },
            cancellationToken);
}
