namespace ReversePaas.Kernel.AfterSales;

/// <summary>A priced line of an <see cref="AfterSaleDraft"/>.</summary>
public sealed record AfterSaleDraftLine(int LineNo, string SkuId, string SkuName, int Quantity, decimal RefundAmount);
