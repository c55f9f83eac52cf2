namespace ReversePaas.Kernel.AfterSales;

/// <summary>A priced line of an <see cref="AfterSaleDraft"/>; <c>ReplacementSkuId</c> is what an exchange sends back (null for the other types).</summary>
public sealed record AfterSaleDraftLine(int LineNo, string SkuId, string SkuName, int Quantity, decimal RefundAmount, string? ReplacementSkuId = null);
