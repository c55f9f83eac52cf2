using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>The settlement system over HTTP: <c>POST settlement/reverse-money</c>, idempotent by the after-sale id.</summary>
[PortAdapter(HttpPortRegistration.Mode)]
internal sealed class HttpSettlementAdapter(HttpPortClient client) : ISettlementPort
{
    public Task<PortResult> RecordReverseMoneyAsync(ReverseMoneyRecord record, CancellationToken cancellationToken)
        => client.PostAsync("settlement", "settlement/reverse-money", record.AfterSaleId,
            new ReverseMoneyWireRequest(record.AfterSaleId, record.OrderId, record.VenderId, record.Amount, record.Currency, record.PaymentReference), cancellationToken);
}
