namespace ReversePaas.Host.Ports.Http;

/// <summary>Body of <c>POST /payment/refunds</c> (docs/adapters.md).</summary>
internal sealed record RefundWireRequest(string RefundId, string OrderId, decimal Amount, string Currency, string Route);
