namespace ReversePaas.Sdk.Application;

/// <summary>The refund of an application: an amount per claimed line and the freight refunded.</summary>
public sealed class RefundQuote
{
    /// <summary>Creates a quote.</summary>
    /// <param name="lineAmounts">Index for index with <see cref="RefundCalculationContext.Lines"/>.</param>
    /// <param name="freight">Freight refunded (0 when none).</param>
    public RefundQuote(IReadOnlyList<decimal> lineAmounts, decimal freight)
    {
        LineAmounts = lineAmounts;
        Freight = freight;
    }

    /// <summary>Refund per claimed line.</summary>
    public IReadOnlyList<decimal> LineAmounts { get; }

    /// <summary>Freight refunded.</summary>
    public decimal Freight { get; }

    /// <summary>Lines plus freight.</summary>
    public decimal Total => LineAmounts.Sum() + Freight;
}
