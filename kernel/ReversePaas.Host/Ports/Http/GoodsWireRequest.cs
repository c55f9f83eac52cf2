using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>Body of the calls that move goods of one after-sale: return inbound, outbound, restock (docs/adapters.md).</summary>
internal sealed record GoodsWireRequest(string AfterSaleId, string OrderId, IReadOnlyList<ReturnLine> Lines);
