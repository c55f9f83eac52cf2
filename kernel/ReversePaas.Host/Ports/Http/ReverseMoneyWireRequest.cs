namespace ReversePaas.Host.Ports.Http;

/// <summary>Body of <c>POST /settlement/reverse-money</c> (docs/adapters.md).</summary>
internal sealed record ReverseMoneyWireRequest(string AfterSaleId, string OrderId, string VenderId, decimal Amount, string Currency, string PaymentReference);
