namespace ReversePaas.Host.Broker;

/// <summary>The data of <c>reversepaas.refund.completed</c> (API.md).</summary>
internal sealed record RefundCompletedData(string AfterSaleId, string OrderId, decimal Amount, string Currency);
