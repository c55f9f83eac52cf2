
namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// An order registered for the race, as the storm and the audit need to know it: <see cref="Status"/> is the status it
/// was registered in, and <see cref="DuplicateSku"/> says one SKU is sold on two lines (told apart by promotion type).
/// </summary>
internal sealed record RaceOrder(string OrderId, bool IsPop, string Status, IReadOnlyList<RaceOrderLine> Lines, bool DuplicateSku);
