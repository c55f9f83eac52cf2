using ReversePaas.Sdk;
using ReversePaas.Sdk.Execution;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Extensions.BMallIntent;

/// <summary>Corporate buyers pay by account: their refunds go back to the corporate account, not a card or wallet.</summary>
[Extension("bmall-intent.corporate-account-refund", Identities = ["bmall.intent"], Description = "Refunds to the buyer's corporate account through the payment port.")]
public sealed class CorporateAccountRefundExecutor : IRefundExecutor
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
                Route = PaymentRoute.CorporateAccount,
            },
            cancellationToken);
}
