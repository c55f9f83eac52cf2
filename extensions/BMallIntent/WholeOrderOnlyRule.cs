using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Extensions.BMallIntent;

/// <summary>
/// B2B intent orders are priced and invoiced as a whole: a refund or return must take every unit still on the
/// order (the kernel's cancellation already takes the whole order).
/// </summary>
[Extension("bmall-intent.whole-order-only", Identities = ["bmall.intent"], Description = "Refunds and returns of B2B intent orders take the whole order; partial claims are refused.")]
public sealed class WholeOrderOnlyRule : IApplicationInterceptor
{
    /// <inheritdoc />
    public ApplicationVerdict Inspect(ApplicationContext context)
    {
        var ordered = context.Order.Lines.Sum(l => l.Quantity);
        var asked = context.Lines.Sum(l => l.Quantity);
        var partialAmount = context.Lines.Any(l => l.RefundAmount is not null || l.MissingWeightGrams is not null);
        return asked == ordered && !partialAmount
            ? ApplicationVerdict.Accept
            : ApplicationVerdict.Reject($"B2B intent order '{context.Order.OrderId}' is refunded or returned whole: claim all {ordered} units, without partial amounts ({asked} asked).");
    }
}
