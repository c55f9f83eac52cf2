
namespace ReversePaas.Host.Tests.Drills;

/// <summary>One line of a race order as registered: what an application names (SKU, promotion type) and how much of it there is.</summary>
internal sealed record RaceOrderLine(int LineNo, string Sku, int Quantity, decimal UnitPrice, string PromotionType);
