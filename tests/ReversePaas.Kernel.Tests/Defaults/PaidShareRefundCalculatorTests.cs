using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Tests.Defaults;

/// <summary>The kernel's refund per unit: exact to the cent, never more than what the claimed units paid.</summary>
public sealed class PaidShareRefundCalculatorTests
{
    [Theory]
    [InlineData(100.00, 3, new[] { 1, 1, 1 }, new[] { 33.33, 33.33, 33.34 })]
    [InlineData(100.00, 3, new[] { 2, 1 }, new[] { 66.66, 33.34 })]
    [InlineData(0.10, 3, new[] { 1, 1, 1 }, new[] { 0.03, 0.03, 0.04 })]
    [InlineData(291.43, 3, new[] { 1 }, new[] { 97.14 })]
    public void Successive_claims_add_up_to_exactly_what_the_line_paid(double paid, int quantity, int[] claims, double[] expected)
    {
        var line = Line((decimal)paid, quantity);
        var claimed = 0;
        var claimedAmount = 0m;
        var amounts = new List<decimal>();
        foreach (var units in claims)
        {
            var amount = RefundMath.UnitsAmount(Claim(line, units, claimed, claimedAmount));
            amounts.Add(amount);
            claimed += units;
            claimedAmount += amount;
        }

        amounts.Should().Equal(expected.Select(e => (decimal)e));
        if (claimed == quantity)
        {
            amounts.Sum().Should().Be((decimal)paid);
        }
    }

    [Fact]
    public void A_return_after_a_small_price_difference_refund_gets_what_its_own_units_paid()
    {
        // 100.00 for 3 units; 5.00 was refunded on unit 1 (kept). Returning units 2 and 3 refunds what they paid.
        var line = Line(100.00m, 3);

        var amount = RefundMath.UnitsAmount(Claim(line, 2, alreadyQuantity: 1, alreadyAmount: 5.00m));

        amount.Should().Be(66.67m);
    }

    [Fact]
    public void Seeded_random_claim_sequences_never_exceed_the_line_and_full_sequences_are_exact()
    {
        var random = new Random(20261123);
        for (var run = 0; run < 1000; run++)
        {
            var quantity = random.Next(1, 12);
            var paid = random.Next(0, 1_000_000) / 100m;
            var line = Line(paid, quantity);
            var claimed = 0;
            var total = 0m;
            while (claimed < quantity)
            {
                var units = random.Next(1, quantity - claimed + 1);
                var amount = RefundMath.UnitsAmount(Claim(line, units, claimed, total));
                amount.Should().BeGreaterThanOrEqualTo(0m);
                decimal.Round(amount, 2).Should().Be(amount);
                (Math.Abs(amount - (paid * units / quantity)) < 0.01m).Should().BeTrue($"{amount} for {units} of {quantity} units of {paid}");
                claimed += units;
                total += amount;
            }

            total.Should().Be(paid);
        }
    }

    private static OrderLineView Line(decimal paid, int quantity) => new()
    {
        LineNo = 1,
        SkuId = "A",
        SkuName = "A",
        Quantity = quantity,
        UnitPrice = paid,
        PromotionType = "1",
        WeightGrams = null,
        AllocatedDiscount = 0,
        PaidAmount = paid,
    };

    private static ClaimedLine Claim(OrderLineView line, int quantity, int alreadyQuantity, decimal alreadyAmount) => new()
    {
        Line = line,
        Quantity = quantity,
        RequestedAmount = null,
        AlreadyClaimedQuantity = alreadyQuantity,
        AlreadyClaimedAmount = alreadyAmount,
    };
}
