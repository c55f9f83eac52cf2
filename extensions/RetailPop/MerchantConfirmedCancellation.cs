using ReversePaas.Sdk;
using ReversePaas.Sdk.Interception;

namespace ReversePaas.Extensions.RetailPop;

/// <summary>
/// POP merchants ship from their own warehouses, which the platform's WMS cannot reach: a paid order's
/// cancellation waits for the merchant to confirm it (approve = goods stopped, reject = already on its way).
/// </summary>
[Extension("retail-pop.merchant-confirmed-cancellation", Identities = ["retail.pop"], Description = "The merchant confirms cancellations of paid orders instead of a WMS interception.")]
public sealed class MerchantConfirmedCancellation : IOrderInterceptor
{
    /// <inheritdoc />
    public Task<InterceptionOutcome> InterceptAsync(InterceptionContext context, CancellationToken cancellationToken)
        => Task.FromResult(InterceptionOutcome.AwaitingConfirmation(
            $"Waiting for merchant {context.Order.VenderId} to confirm the cancellation (POP goods are outside the platform's WMS)."));
}
