namespace ReversePaas.Host.Ports.Http;

/// <summary>Body of <c>POST /logistics/pickups</c> (docs/adapters.md).</summary>
internal sealed record PickupWireRequest(string ShipmentKey, string OrderId, IReadOnlyList<string> AfterSaleIds, DateTimeOffset PickupAt);
