using ReversePaas.Kernel.Orders;

namespace ReversePaas.Kernel.Tests.Orders;

public sealed class DiscountAllocatorPropertyTests
{
    private const int Seed = 20_240_611;
    private const int Orders = 1_000;

    [Fact]
    public void Random_orders_keep_every_allocation_property()
    {
        var random = new Random(Seed);
        var stats = new Stats();

        for (var order = 0; order < Orders; order++)
        {
            var (lines, discounts) = RandomOrder(random);
            var because = $"order #{order} of seed {Seed}: lines [{string.Join(", ", lines.Select(l => $"{l.LineNo}: {l.Amount}"))}], discounts [{string.Join(", ", discounts.Select(Describe))}]";

            var allocation = DiscountAllocator.Allocate(lines, discounts);

            CheckOrder(lines, discounts, allocation, because, stats);
        }

        // The generator must have produced the interesting cases, or the properties above prove little.
        stats.RoundedUp.Should().BeGreaterThan(500);
        stats.RemainderTies.Should().BeGreaterThan(100);
        stats.WholeOrderScopes.Should().BeGreaterThan(200);
        stats.ZeroScopes.Should().BeGreaterThan(20);
        stats.LinesPaidZero.Should().BeGreaterThan(100);
        stats.LinesWithOverlaps.Should().BeGreaterThan(300);
    }

    private static void CheckOrder(
        AllocationLine[] lines,
        AllocationDiscount[] discounts,
        DiscountAllocation allocation,
        string because,
        Stats stats)
    {
        var cents = lines.ToDictionary(l => l.LineNo, l => ToCents(l.Amount));
        var index = 0;
        for (var k = 0; k < discounts.Length; k++)
        {
            var discount = discounts[k];
            var scope = (discount.LineNos.Count == 0 ? lines.Select(l => l.LineNo) : discount.LineNos).Order().ToArray();
            stats.WholeOrderScopes += discount.LineNos.Count == 0 ? 1 : 0;
            var parts = allocation.Parts.Skip(index).Take(scope.Length).ToArray();
            index += scope.Length;

            // One part per line of the scope, in lineNo order, tagged with the discount.
            parts.Select(p => (p.DiscountIndex, p.Code, p.LineNo))
                .Should().Equal(scope.Select(n => (k, discount.Code, n)), because);

            // The parts add up exactly to the discount.
            parts.Sum(p => p.Amount).Should().Be(discount.Amount, because);

            var d = ToCents(discount.Amount);
            var total = scope.Sum(n => cents[n]);
            stats.ZeroScopes += total == 0 ? 1 : 0;
            var roundedUp = new List<(long Remainder, int LineNo)>();
            var roundedDown = new List<(long Remainder, int LineNo)>();
            foreach (var part in parts)
            {
                part.Amount.Should().BeGreaterThanOrEqualTo(0m, because);
                (part.Amount * 100m).Should().Be(decimal.Truncate(part.Amount * 100m), because + " (whole cents)");
                var p = ToCents(part.Amount);
                if (total == 0)
                {
                    p.Should().Be(0, because);
                    continue;
                }

                // Exact share = d × w / total cents, an exact fraction; the part is within one cent of it:
                // |p − d·w/total| < 1  ⇔  |p·total − d·w| < total.
                var exactNumerator = d * cents[part.LineNo];
                Math.Abs((p * total) - exactNumerator).Should().BeLessThan(total, because + $" (line {part.LineNo} of '{discount.Code}')");

                var floor = exactNumerator / total;
                var remainder = exactNumerator % total;
                (p == floor || p == floor + 1).Should().BeTrue(because);
                if (p == floor + 1)
                {
                    remainder.Should().BePositive(because + " (a whole share never gets an extra cent)");
                    roundedUp.Add((remainder, part.LineNo));
                }
                else
                {
                    roundedDown.Add((remainder, part.LineNo));
                }
            }

            // Largest remainder: every extra cent went to a larger remainder, or an equal one on a lower lineNo.
            stats.RoundedUp += roundedUp.Count;
            foreach (var up in roundedUp)
            {
                foreach (var down in roundedDown)
                {
                    stats.RemainderTies += up.Remainder == down.Remainder ? 1 : 0;
                    (up.Remainder > down.Remainder || (up.Remainder == down.Remainder && up.LineNo < down.LineNo))
                        .Should().BeTrue(because + $" (line {up.LineNo} got a cent before line {down.LineNo} of '{discount.Code}')");
                }
            }
        }

        allocation.Parts.Should().HaveCount(index, because);

        foreach (var line in lines)
        {
            var parts = allocation.Parts.Where(p => p.LineNo == line.LineNo).ToArray();
            allocation.AllocatedTo(line.LineNo).Should().Be(parts.Sum(p => p.Amount), because);

            // No line is paid less than zero.
            allocation.AllocatedTo(line.LineNo).Should().BeLessThanOrEqualTo(line.Amount, because);
            stats.LinesPaidZero += line.Amount > 0 && allocation.AllocatedTo(line.LineNo) == line.Amount ? 1 : 0;
            stats.LinesWithOverlaps += parts.Count(p => p.Amount > 0) > 1 ? 1 : 0;
        }
    }

    /// <summary>
    /// 1–8 lines with distinct, shuffled lineNos and random cents; 0–4 discounts with random scopes and amounts
    /// small enough that no line can go negative whatever the rounding: a part never exceeds the ceiling of its exact
    /// share, so the generator keeps, per line, the sum of those ceilings within the line's amount.
    /// </summary>
    private static (AllocationLine[] Lines, AllocationDiscount[] Discounts) RandomOrder(Random random)
    {
        var lineCount = random.Next(1, 9);
        var lineNos = Enumerable.Range(1, 12).OrderBy(_ => random.Next()).Take(lineCount).ToArray();
        var uniform = random.Next(5) == 0 ? random.Next(1, 100_000) : 0L; // all lines equal: remainders tie
        var cents = lineNos.ToDictionary(n => n, _ => uniform > 0 ? uniform : random.Next(6) switch
        {
            0 => 0L,                         // free line
            1 => random.Next(1, 10),         // a few cents: rounding dominates
            2 => random.Next(1, 4) * 100L,   // 1.00, 2.00 or 3.00: equal lines, equal remainders
            _ => random.Next(1, 2_000_000),  // up to 19,999.99
        });
        var lines = lineNos.Select(n => new AllocationLine(n, FromCents(cents[n]))).ToArray();

        var bound = lineNos.ToDictionary(n => n, _ => 0L);
        var discounts = new AllocationDiscount[random.Next(0, 5)];
        for (var k = 0; k < discounts.Length; k++)
        {
            int[] scope;
            IReadOnlyList<int> lineNosOfScope;
            if (random.Next(4) == 0)
            {
                scope = lineNos;
                lineNosOfScope = [];
            }
            else
            {
                scope = [.. lineNos.Where(_ => random.Next(2) == 0)];
                if (scope.Length == 0)
                {
                    scope = [lineNos[random.Next(lineNos.Length)]];
                }

                lineNosOfScope = scope;
            }

            var total = scope.Sum(n => cents[n]);

            // Largest d with bound + ceil(d·w/total) ≤ w for every line: d ≤ (w − bound)·total / w.
            var max = total;
            foreach (var n in scope.Where(n => cents[n] > 0))
            {
                max = Math.Min(max, (cents[n] - bound[n]) * total / cents[n]);
            }

            var amount = random.Next(5) switch
            {
                0 => max,
                1 => 0L,
                _ => max == 0 ? 0L : random.NextInt64(0, max + 1),
            };

            foreach (var n in scope.Where(n => cents[n] > 0))
            {
                bound[n] += ((amount * cents[n]) + total - 1) / total;
            }

            discounts[k] = new AllocationDiscount($"D{k}", FromCents(amount), lineNosOfScope);
        }

        return (lines, discounts);
    }

    private static string Describe(AllocationDiscount d) => $"{d.Code} {d.Amount} on [{string.Join(", ", d.LineNos)}]";

    private static long ToCents(decimal amount) => (long)(amount * 100m);

    private static decimal FromCents(long cents) => cents * 0.01m;

    private sealed class Stats
    {
        public int RoundedUp { get; set; }

        public int RemainderTies { get; set; }

        public int WholeOrderScopes { get; set; }

        public int ZeroScopes { get; set; }

        public int LinesPaidZero { get; set; }

        public int LinesWithOverlaps { get; set; }
    }
}
