using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Tests.Support;

/// <summary>A payment system that answers only when the test opens <paramref name="gate"/>: a slow payment, on cue.</summary>
internal sealed class HeldPayment(IPaymentPort inner, Gate gate) : IPaymentPort
{
    public async Task<PortResult> RefundAsync(PaymentRefundRequest request, CancellationToken cancellationToken)
    {
        await gate.PassAsync(cancellationToken);
        return await inner.RefundAsync(request, cancellationToken);
    }
}
