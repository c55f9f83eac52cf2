using System.Globalization;
using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Orders;

namespace ReversePaas.Kernel.Tests.Orders;

public sealed class DiscountAllocatorTests
{
    // The seed example (DOMAIN.md section 1): one unit each of A..E.
    private static readonly AllocationLine[] SeedLines =
    [
        new(1, 120.00m), // A
        new(2, 60.00m),  // B
        new(3, 50.00m),  // C
        new(4, 100.00m), // D
        new(5, 30.00m),  // E
    ];

    private static readonly AllocationDiscount[] SeedDiscounts =
    [
        new("P1", 40.00m, [1, 4]),  // spend 200 save 40 on A and D
        new("P2", 10.00m, [2, 3]),  // spend 100 save 10 on B and C
        new("C1", 100.00m, []),     // coupon over the whole order
    ];

    [Fact]
    public void The_seed_example_is_allocated_to_the_cent()
    {
        // P1 = 4000 cents over A 12000 + D 10000 = 22000:
        //   A 4000×12000/22000 = 2181.818… → 2181 (remainder .818)
        //   D 4000×10000/22000 = 1818.181… → 1818 (remainder .182)
        //   floors 3999, 1 cent missing → A (largest remainder): A 21.82, D 18.18 (= 40.00)
        // P2 = 1000 cents over B 6000 + C 5000 = 11000:
        //   B 1000×6000/11000 = 545.454… → 545 (remainder .455)
        //   C 1000×5000/11000 = 454.545… → 454 (remainder .545)
        //   floors 999, 1 cent missing → C: B 5.45, C 4.55 (= 10.00)
        // C1 = 10000 cents over the whole order, 36000:
        //   A 10000×12000/36000 = 3333.333… → 3333 (.333)
        //   B 10000× 6000/36000 = 1666.666… → 1666 (.667)
        //   C 10000× 5000/36000 = 1388.888… → 1388 (.889)
        //   D 10000×10000/36000 = 2777.777… → 2777 (.778)
        //   E 10000× 3000/36000 =  833.333… →  833 (.333)
        //   floors 9997, 3 cents missing → C (.889), D (.778), B (.667):
        //   A 33.33, B 16.67, C 13.89, D 27.78, E 8.33 (= 100.00)
        // Per line: A 21.82+33.33 = 55.15, B 5.45+16.67 = 22.12, C 4.55+13.89 = 18.44,
        //           D 18.18+27.78 = 45.96, E 8.33; total 150.00 = 40 + 10 + 100.
        var allocation = DiscountAllocator.Allocate(SeedLines, SeedDiscounts);

        allocation.Parts.Should().Equal(
            new DiscountPart(0, "P1", 1, 21.82m),
            new DiscountPart(0, "P1", 4, 18.18m),
            new DiscountPart(1, "P2", 2, 5.45m),
            new DiscountPart(1, "P2", 3, 4.55m),
            new DiscountPart(2, "C1", 1, 33.33m),
            new DiscountPart(2, "C1", 2, 16.67m),
            new DiscountPart(2, "C1", 3, 13.89m),
            new DiscountPart(2, "C1", 4, 27.78m),
            new DiscountPart(2, "C1", 5, 8.33m));

        allocation.AllocatedTo(1).Should().Be(55.15m);
        allocation.AllocatedTo(2).Should().Be(22.12m);
        allocation.AllocatedTo(3).Should().Be(18.44m);
        allocation.AllocatedTo(4).Should().Be(45.96m);
        allocation.AllocatedTo(5).Should().Be(8.33m);
        SeedLines.Sum(l => allocation.AllocatedTo(l.LineNo)).Should().Be(150.00m);
        SeedLines.Sum(l => l.Amount - allocation.AllocatedTo(l.LineNo)).Should().Be(210.00m);
    }

    [Fact]
    public void Parts_are_whole_cents_with_two_decimals()
    {
        var allocation = DiscountAllocator.Allocate([new(1, 50.00m), new(2, 50.00m)], [new("X", 42.00m, [])]);

        allocation.Parts.Select(p => p.Amount.ToString(CultureInfo.InvariantCulture))
            .Should().Equal("21.00", "21.00");
    }

    [Fact]
    public void The_extra_cent_goes_to_the_largest_remainder_and_then_to_the_lowest_line_number()
    {
        // 1000 cents over three equal lines: 333.333… each, floors 999, 1 cent missing, remainders tie → line 1.
        var allocation = DiscountAllocator.Allocate(
            [new(1, 20.00m), new(2, 20.00m), new(3, 20.00m)],
            [new("T", 10.00m, [])]);

        allocation.Parts.Select(p => (p.LineNo, p.Amount)).Should().Equal((1, 3.34m), (2, 3.33m), (3, 3.33m));
    }

    [Fact]
    public void Ties_go_to_the_lower_line_number_whatever_the_input_order()
    {
        // 2 cents over three equal lines given as 9, 5, 2: shares 0.666… each, all remainders equal → lines 2 and 5.
        var allocation = DiscountAllocator.Allocate(
            [new(9, 1.00m), new(5, 1.00m), new(2, 1.00m)],
            [new("T", 0.02m, [9, 5, 2])]);

        allocation.Parts.Select(p => (p.LineNo, p.Amount)).Should().Equal((2, 0.01m), (5, 0.01m), (9, 0.00m));
    }

    [Fact]
    public void A_larger_remainder_beats_a_lower_line_number()
    {
        // 100 cents over 100 + 200 cents: line 1 33.333… (.333), line 2 66.666… (.667) → the cent goes to line 2.
        var allocation = DiscountAllocator.Allocate([new(1, 1.00m), new(2, 2.00m)], [new("R", 1.00m, [])]);

        allocation.Parts.Select(p => (p.LineNo, p.Amount)).Should().Equal((1, 0.33m), (2, 0.67m));
    }

    [Fact]
    public void A_line_outside_every_scope_gets_nothing()
    {
        var allocation = DiscountAllocator.Allocate(SeedLines, [new("P1", 40.00m, [4, 1])]);

        allocation.Parts.Select(p => p.LineNo).Should().Equal(1, 4);
        allocation.AllocatedTo(5).Should().Be(0m);
        allocation.AllocatedTo(42).Should().Be(0m);
    }

    [Fact]
    public void A_zero_discount_over_a_zero_scope_gives_zero_parts()
    {
        var allocation = DiscountAllocator.Allocate(
            [new(1, 0.00m), new(2, 0.00m), new(3, 10.00m)],
            [new("Z", 0.00m, [1, 2]), new("Y", 0.00m, [])]);

        allocation.Parts.Should().HaveCount(5).And.OnlyContain(p => p.Amount == 0m);
        allocation.AllocatedTo(3).Should().Be(0m);
    }

    [Fact]
    public void No_discounts_give_no_parts()
    {
        DiscountAllocator.Allocate(SeedLines, []).Parts.Should().BeEmpty();
        DiscountAllocator.Allocate([], []).Parts.Should().BeEmpty();
    }

    [Fact]
    public void Overlapping_discounts_may_take_a_line_down_to_exactly_zero()
    {
        var allocation = DiscountAllocator.Allocate(
            [new(1, 30.00m), new(2, 70.00m)],
            [new("P", 30.00m, [1]), new("C", 70.00m, [2])]);

        allocation.AllocatedTo(1).Should().Be(30.00m);
        allocation.AllocatedTo(2).Should().Be(70.00m);
    }

    [Fact]
    public void A_discount_larger_than_its_scope_is_rejected_with_the_figures()
    {
        var act = () => DiscountAllocator.Allocate(SeedLines, [new("P1", 250.00m, [1, 4])]);

        act.Should().Throw<DomainValidationException>()
            .Which.Errors.Should().ContainKey("discounts[0].amount")
            .WhoseValue.Should().Equal("Discount 'P1' of 250.00 is larger than its scope (lines 1, 4) of 220.00.");
    }

    [Fact]
    public void A_whole_order_discount_larger_than_the_order_is_rejected()
    {
        var act = () => DiscountAllocator.Allocate(SeedLines, [new("P1", 40.00m, [1, 4]), new("C1", 360.01m, [])]);

        act.Should().Throw<DomainValidationException>()
            .Which.Errors.Should().ContainKey("discounts[1].amount")
            .WhoseValue.Should().Equal("Discount 'C1' of 360.01 is larger than its scope (the whole order) of 360.00.");
    }

    [Fact]
    public void A_discount_over_a_zero_scope_is_rejected()
    {
        var act = () => DiscountAllocator.Allocate([new(1, 0.00m), new(2, 5.00m)], [new("Z", 0.01m, [1])]);

        ExpectField(act, "discounts[0].amount").Should().Contain("(line 1) of 0.00");
    }

    [Theory]
    [InlineData("-1.00")]
    [InlineData("1.005")]
    public void An_invalid_discount_amount_is_rejected(string amount)
    {
        var act = () => DiscountAllocator.Allocate(SeedLines, [SeedDiscounts[0], new("C1", Money(amount), [])]);

        ExpectField(act, "discounts[1].amount");
    }

    [Fact]
    public void Trailing_zeros_beyond_two_decimals_are_not_extra_decimals()
    {
        var allocation = DiscountAllocator.Allocate([new(1, 10.000m)], [new("C", 1.5000m, [])]);

        allocation.Parts.Single().Amount.Should().Be(1.50m);
    }

    [Fact]
    public void A_scope_naming_a_line_that_does_not_exist_is_rejected()
    {
        var act = () => DiscountAllocator.Allocate(SeedLines, [new("P1", 40.00m, [1, 7])]);

        ExpectField(act, "discounts[0].lineNos[1]").Should().Contain("line 7");
    }

    [Fact]
    public void A_scope_naming_a_line_twice_is_rejected()
    {
        var act = () => DiscountAllocator.Allocate(SeedLines, [new("P1", 40.00m, [4, 1, 4])]);

        ExpectField(act, "discounts[0].lineNos[2]").Should().Contain("more than once");
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("50.001")]
    public void An_invalid_line_amount_is_rejected(string amount)
    {
        var act = () => DiscountAllocator.Allocate([new(1, 120.00m), new(2, 60.00m), new(3, Money(amount))], []);

        ExpectField(act, "lines[2].amount");
    }

    [Fact]
    public void Duplicate_line_numbers_are_rejected()
    {
        var act = () => DiscountAllocator.Allocate([new(1, 120.00m), new(2, 60.00m), new(1, 50.00m)], [new("C1", 10.00m, [])]);

        ExpectField(act, "lines[2].lineNo").Should().Contain("Line number 1");
    }

    [Fact]
    public void Overlapping_discounts_that_would_take_a_line_below_zero_are_rejected()
    {
        // C1: 20.00 over 10.00 + 90.00 → line 1 gets 2.00; P1 takes the other 9.00 of line 1 → 11.00 > 10.00.
        var act = () => DiscountAllocator.Allocate(
            [new(1, 10.00m), new(2, 90.00m)],
            [new("P1", 9.00m, [1]), new("C1", 20.00m, [])]);

        ExpectField(act, "discounts").Should().Be("Line 1 would go negative: its discounts total 11.00 ('P1' 9.00, 'C1' 2.00), more than its amount of 10.00.");
    }

    [Fact]
    public void Every_invalid_field_is_reported_at_once()
    {
        var act = () => DiscountAllocator.Allocate(
            [new(1, -5.00m), new(2, 10.00m)],
            [new("A", 1.234m, [2]), new("B", 1.00m, [3])]);

        act.Should().Throw<DomainValidationException>()
            .Which.Errors.Keys.Should().BeEquivalentTo("lines[0].amount", "discounts[0].amount", "discounts[1].lineNos[0]");
    }

    private static decimal Money(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static string ExpectField(Func<DiscountAllocation> act, string field)
    {
        var errors = act.Should().Throw<DomainValidationException>().Which.Errors;
        errors.Keys.Should().Equal(field);
        return errors[field].Should().ContainSingle().Subject;
    }
}
