using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Broker;

/// <summary>The data of <c>reversepaas.order.status-changed</c> (API.md).</summary>
internal sealed record OrderStatusChangedData(string OrderId, OrderStatus Status);
