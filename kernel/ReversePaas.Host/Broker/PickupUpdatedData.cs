namespace ReversePaas.Host.Broker;

/// <summary>The <c>data</c> of <c>reversepaas.logistics.pickup-updated</c> (API.md "Events on a message broker", In).</summary>
internal sealed record PickupUpdatedData(string? TrackingNo = null, string? CourierName = null, string? CourierPhone = null, string? Status = null);
