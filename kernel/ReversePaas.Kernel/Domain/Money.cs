namespace ReversePaas.Kernel.Domain;

/// <summary>Money rules: exact decimals with at most two places (the minor unit of CNY), never binary floating point.</summary>
public static class Money
{
    /// <summary>Cents in one unit.</summary>
    public const int MinorUnits = 100;

    /// <summary>The largest amount accepted anywhere (a guard against overflow in sums, far above any real order).</summary>
    public const decimal MaxAmount = 1_000_000_000m;

    /// <summary>True when <paramref name="amount"/> has no more than two decimal places.</summary>
    public static bool HasAtMostTwoDecimals(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>True when the amount is valid money: not negative, two decimals at most, not absurdly large.</summary>
    public static bool IsValidAmount(decimal amount) => amount >= 0 && amount <= MaxAmount && HasAtMostTwoDecimals(amount);

    /// <summary>The amount in cents.</summary>
    public static long ToCents(decimal amount) => (long)(amount * MinorUnits);

    /// <summary>Cents back to an amount with two places.</summary>
    public static decimal FromCents(long cents) => decimal.Round(cents / (decimal)MinorUnits, 2);
}
