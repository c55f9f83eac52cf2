namespace ReversePaas.Kernel.AfterSales;

/// <summary>
/// The latest courier update of an after-sale's pickup (API.md: <c>pickup</c>, from the inbound event
/// <c>reversepaas.logistics.pickup-updated</c>). <see cref="UpdatedAt"/> is the event's own time, so an update that
/// arrives late does not overwrite a newer one.
/// </summary>
public sealed record PickupProgress(string TrackingNo, string CourierName, string CourierPhone, PickupState Status, DateTimeOffset UpdatedAt);
