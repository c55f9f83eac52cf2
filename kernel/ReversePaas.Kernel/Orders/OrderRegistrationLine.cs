namespace ReversePaas.Kernel.Orders;

/// <summary>A line of a registered order, before allocation.</summary>
public sealed record OrderRegistrationLine(int LineNo, string SkuId, string SkuName, int Quantity, decimal UnitPrice, string PromotionType, int? WeightGrams);
