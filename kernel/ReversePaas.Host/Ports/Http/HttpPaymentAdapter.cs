using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>The payment system over HTTP: <c>POST payment/refunds</c>, idempotent by the refund id.</summary>
[PortAdapter(HttpPortRegistration.Mode)]
internal sealed class HttpPaymentAdapter(HttpPortClient client) : IPaymentPort
{
    public Task<PortResult> RefundAsync(PaymentRefundRequest request, CancellationToken cancellationToken)
        => client.PostAsync("payment", "payment/refunds", request.RefundId,
            new RefundWireRequest(request.RefundId, request.OrderId, request.Amount, request.Currency, request.Route.ToString()), cancellationToken);
}
