using System.Globalization;
using ReversePaas.Kernel.Domain;

namespace ReversePaas.Kernel.Orders;

/// <summary>
/// Spreads an order's discounts over its lines (DOMAIN.md section 1, "Discount allocation"; docs/money.md).
/// </summary>
/// <remarks>
/// Each discount is spread over the lines of its scope in proportion to the lines' amounts before any
/// discount. The work is done in cents with the largest-remainder method: every line first gets the floor of
/// its exact share, then the cents still missing go one each to the lines with the largest remainders, ties to
/// the lower line number. The parts of every discount therefore add up exactly to the discount, and no part is
/// a cent or more away from its exact share. Only integer arithmetic on cents is used.
/// </remarks>
public static class DiscountAllocator
{
    /// <summary>The largest amount accepted for a line or a discount; keeps every product of cents within 128 bits.</summary>
    private const decimal MaxAmount = 999_999_999_999_999.99m;

    /// <summary>
    /// Allocates every discount of <paramref name="discounts"/> over the lines of its scope.
    /// </summary>
    /// <param name="lines">The order lines, each with its amount before any discount; line numbers must be unique.</param>
    /// <param name="discounts">The order's discounts, in order; an empty scope means the whole order.</param>
    /// <returns>One part per (discount, line of its scope), and the total per line.</returns>
    /// <exception cref="DomainValidationException">
    /// A line or discount amount is negative, has more than 2 decimals or is too large; line numbers repeat; a
    /// scope names a line that does not exist or names one twice; a discount is larger than its scope; or the
    /// discounts overlapping a line would take more than the line's amount (field <c>discounts</c>).
    /// </exception>
    public static DiscountAllocation Allocate(IReadOnlyList<AllocationLine> lines, IReadOnlyList<AllocationDiscount> discounts)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(discounts);

        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);

        // Lines: lineNo -> cents (first occurrence wins so scopes can still be checked), lineNo -> index.
        var linesValid = true;
        var lineCents = new Dictionary<int, long>(lines.Count);
        var lineIndex = new Dictionary<int, int>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            if (!lineIndex.TryAdd(line.LineNo, i))
            {
                linesValid = false;
                AddError(errors, Invariant($"lines[{i}].lineNo"), Invariant($"Line number {line.LineNo} appears more than once (first at lines[{lineIndex[line.LineNo]}])."));
            }

            if (TryToCents(line.Amount, Invariant($"lines[{i}].amount"), "A line amount", errors, out var cents))
            {
                lineCents.TryAdd(line.LineNo, cents);
            }
            else
            {
                linesValid = false;
            }
        }

        var wholeOrder = lineIndex.Keys.Order().ToArray();

        // Discounts: amount, scope, then the amount against the scope when both (and the lines) are valid.
        var discountCents = new long[discounts.Count];
        var scopes = new int[discounts.Count][];
        for (var k = 0; k < discounts.Count; k++)
        {
            var discount = discounts[k];
            if (discount is null)
            {
                AddError(errors, Invariant($"discounts[{k}]"), "A discount is required.");
                scopes[k] = [];
                continue;
            }

            var amountValid = TryToCents(discount.Amount, Invariant($"discounts[{k}].amount"), "A discount amount", errors, out discountCents[k]);
            var scopeValid = TryReadScope(discount, k, lineIndex, wholeOrder, errors, out scopes[k]);
            if (!amountValid || !scopeValid || !linesValid)
            {
                continue;
            }

            var scopeTotal = Int128.Zero;
            foreach (var lineNo in scopes[k])
            {
                scopeTotal += lineCents[lineNo];
            }

            if (discountCents[k] > scopeTotal)
            {
                AddError(
                    errors,
                    Invariant($"discounts[{k}].amount"),
                    Invariant($"Discount '{discount.Code}' of {FormatCents(discountCents[k])} is larger than its scope ({DescribeScope(discount, scopes[k])}) of {FormatCents(scopeTotal)}."));
            }
        }

        ThrowIfAny(errors);

        // Allocation, one discount at a time; scopes are sorted by lineNo, so the parts come out in the promised order.
        var parts = new List<DiscountPart>();
        var allocated = new Dictionary<int, Int128>(lineCents.Count);
        for (var k = 0; k < discounts.Count; k++)
        {
            var scope = scopes[k];
            var weights = new long[scope.Length];
            for (var j = 0; j < scope.Length; j++)
            {
                weights[j] = lineCents[scope[j]];
            }

            var shares = Spread(discountCents[k], weights);
            for (var j = 0; j < scope.Length; j++)
            {
                parts.Add(new DiscountPart(k, discounts[k].Code, scope[j], ToAmount(shares[j])));
                allocated[scope[j]] = allocated.GetValueOrDefault(scope[j]) + shares[j];
            }
        }

        // Overlapping discounts must not take a line below zero.
        foreach (var lineNo in wholeOrder)
        {
            var total = allocated.GetValueOrDefault(lineNo);
            if (total > lineCents[lineNo])
            {
                var contributions = string.Join(", ", parts
                    .Where(p => p.LineNo == lineNo && p.Amount != 0)
                    .Select(p => Invariant($"'{p.Code}' {p.Amount:0.00}")));
                AddError(
                    errors,
                    "discounts",
                    Invariant($"Line {lineNo} would go negative: its discounts total {FormatCents(total)} ({contributions}), more than its amount of {FormatCents(lineCents[lineNo])}."));
            }
        }

        ThrowIfAny(errors);

        return new DiscountAllocation([.. parts]);
    }

    /// <summary>
    /// Largest remainder in cents: each weight gets floor(amount × weight / total); the cents still missing go
    /// one each to the largest remainders, ties to the lower index. Needs amount ≤ sum of weights when the sum is 0.
    /// </summary>
    internal static long[] Spread(long amount, long[] weights)
    {
        var shares = new long[weights.Length];
        var total = Int128.Zero;
        foreach (var weight in weights)
        {
            total += weight;
        }

        if (amount == 0 || total == 0)
        {
            return shares;
        }

        var remainders = new Int128[weights.Length];
        var given = 0L;
        for (var i = 0; i < weights.Length; i++)
        {
            var product = (Int128)amount * weights[i];
            shares[i] = (long)(product / total);
            remainders[i] = product % total;
            given += shares[i];
        }

        // Fewer cents are missing than there are non-zero remainders, so a line whose exact share is whole
        // never receives one.
        var missing = amount - given;
        if (missing > 0)
        {
            var order = Enumerable.Range(0, weights.Length).ToArray();
            Array.Sort(order, (a, b) =>
            {
                var byRemainder = remainders[b].CompareTo(remainders[a]);
                return byRemainder != 0 ? byRemainder : a.CompareTo(b);
            });
            for (var i = 0; i < missing; i++)
            {
                shares[order[i]]++;
            }
        }

        return shares;
    }

    private static bool TryReadScope(
        AllocationDiscount discount,
        int k,
        Dictionary<int, int> lineIndex,
        int[] wholeOrder,
        Dictionary<string, List<string>> errors,
        out int[] scope)
    {
        if (discount.LineNos is null || discount.LineNos.Count == 0)
        {
            scope = wholeOrder;
            return true;
        }

        var valid = true;
        var seen = new HashSet<int>();
        for (var j = 0; j < discount.LineNos.Count; j++)
        {
            var lineNo = discount.LineNos[j];
            if (!lineIndex.ContainsKey(lineNo))
            {
                valid = false;
                AddError(errors, Invariant($"discounts[{k}].lineNos[{j}]"), Invariant($"Discount '{discount.Code}' names line {lineNo}, which does not exist in the order."));
            }
            else if (!seen.Add(lineNo))
            {
                valid = false;
                AddError(errors, Invariant($"discounts[{k}].lineNos[{j}]"), Invariant($"Discount '{discount.Code}' names line {lineNo} more than once."));
            }
        }

        scope = [.. seen.Order()];
        return valid;
    }

    private static bool TryToCents(decimal amount, string field, string what, Dictionary<string, List<string>> errors, out long cents)
    {
        cents = 0;
        if (amount < 0)
        {
            AddError(errors, field, Invariant($"{what} must not be negative (got {amount})."));
            return false;
        }

        if (decimal.Round(amount, 2) != amount)
        {
            AddError(errors, field, Invariant($"{what} must have at most 2 decimals (got {amount})."));
            return false;
        }

        if (amount > MaxAmount)
        {
            AddError(errors, field, Invariant($"{what} must not exceed {MaxAmount} (got {amount})."));
            return false;
        }

        cents = (long)(amount * 100m);
        return true;
    }

    private static string DescribeScope(AllocationDiscount discount, int[] scope) =>
        discount.LineNos is null || discount.LineNos.Count == 0
            ? "the whole order"
            : (scope.Length == 1 ? "line " : "lines ") + string.Join(", ", scope.Select(n => n.ToString(CultureInfo.InvariantCulture)));

    // cents × 0.01m keeps a scale of 2, so 2100 cents is 21.00, not 21.
    private static decimal ToAmount(long cents) => cents * 0.01m;

    private static string FormatCents(Int128 cents) => ((decimal)cents * 0.01m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private static void AddError(Dictionary<string, List<string>> errors, string field, string message)
    {
        if (!errors.TryGetValue(field, out var messages))
        {
            messages = [];
            errors[field] = messages;
        }

        messages.Add(message);
    }

    private static void ThrowIfAny(Dictionary<string, List<string>> errors)
    {
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
