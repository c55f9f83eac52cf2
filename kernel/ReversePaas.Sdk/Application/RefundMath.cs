using System.Globalization;

namespace ReversePaas.Sdk.Application;

/// <summary>
/// Exact money arithmetic for refund calculators, so a business line's calculator prices units the way the
/// kernel does (and never by <c>double</c>). Since 1.1.
/// </summary>
public static class RefundMath
{
    /// <summary>
    /// What <see cref="ClaimedLine.Quantity"/> units of a line paid, when <see cref="ClaimedLine.AlreadyClaimedQuantity"/>
    /// were claimed before: cent-floored cumulative shares F(n) = ⌊paid × n / quantity⌋, so one-unit claims add up
    /// exactly to what the line paid. Never more than what is left of the line's money.
    /// </summary>
    public static decimal UnitsAmount(ClaimedLine claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var line = claim.Line;
        var from = claim.AlreadyClaimedQuantity;
        var to = Math.Min(from + claim.Quantity, line.Quantity);
        var paidCents = (long)(line.PaidAmount * 100);
        long Cumulative(int units) => paidCents * units / line.Quantity;
        var share = (Cumulative(to) - Cumulative(from)) / 100m;
        return Math.Max(0m, Math.Min(share, line.PaidAmount - claim.AlreadyClaimedAmount));
    }

    /// <summary>
    /// The refund for <paramref name="missingGrams"/> of a weight-priced line that paid <paramref name="paid"/> for
    /// <paramref name="lineGrams"/>: paid per gram × missing grams, floored to the cent (never above <paramref name="paid"/>).
    /// </summary>
    public static decimal PerGram(decimal paid, int lineGrams, int missingGrams)
    {
        if (lineGrams <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(lineGrams), lineGrams, "A weight-priced line has a positive weight.");
        }

        if (missingGrams < 0 || missingGrams > lineGrams)
        {
            throw new ArgumentOutOfRangeException(nameof(missingGrams), missingGrams, string.Create(CultureInfo.InvariantCulture, $"Between 0 and the line's {lineGrams} g."));
        }

        var cents = (long)(paid * 100) * missingGrams / lineGrams;
        return cents / 100m;
    }
}
