using ReversePaas.Kernel.Defaults;
using ReversePaas.Sdk.Application;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.Tests.Defaults;

/// <summary>sku → +promotionType → +price → +weight: unique or refused, never guessed.</summary>
public sealed class SplitDataLineMatcherTests
{
    private static readonly OrderLineView[] Lines =
    [
        Line(1, "A", "1", 10m, null),
        Line(2, "A", "2", 10m, null),  // same SKU, another promotion
        Line(3, "B", "1", 10m, null),
        Line(4, "B", "1", 12m, null),  // bundle: same SKU and promotion, another price
        Line(5, "F", "1", 8m, 500),
        Line(6, "F", "1", 8m, 700),    // fresh goods: same SKU, promotion and price, another weight
        Line(7, "G", "1", 5m, null),
    ];

    private readonly SplitDataLineMatcher _matcher = new();

    [Theory]
    [InlineData("G", null, null, null, 7)]
    [InlineData("A", "2", null, null, 2)]
    [InlineData("B", null, 12.0, null, 4)]
    [InlineData("B", "1", 10.0, null, 3)]
    [InlineData("F", null, null, 700, 6)]
    [InlineData("F", "1", 8.0, 500, 5)]
    public void Names_enough_dimensions_to_pick_one_line(string sku, string? promotion, double? price, int? weight, int expected)
    {
        var match = _matcher.Match(Requested(sku, promotion, price, weight), Lines);

        match.Line.Should().NotBeNull(match.Reason);
        match.Line!.LineNo.Should().Be(expected);
    }

    [Theory]
    [InlineData("A", null, null, null, "promotionType")]
    [InlineData("B", null, null, null, "unitPrice")]
    [InlineData("F", "1", null, null, "weightGrams")]
    public void Too_few_dimensions_is_ambiguous_and_says_which_to_add(string sku, string? promotion, double? price, int? weight, string missing)
    {
        var match = _matcher.Match(Requested(sku, promotion, price, weight), Lines);

        match.Line.Should().BeNull();
        match.IsAmbiguous.Should().BeTrue();
        match.Reason.Should().Contain(missing);
    }

    [Theory]
    [InlineData("Z", null, null, null)]
    [InlineData("A", "9", null, null)]
    [InlineData("B", null, 11.0, null)]
    [InlineData("F", null, null, 600)]
    public void A_dimension_no_line_has_is_unmatched(string sku, string? promotion, double? price, int? weight)
    {
        var match = _matcher.Match(Requested(sku, promotion, price, weight), Lines);

        match.Line.Should().BeNull();
        match.IsAmbiguous.Should().BeFalse();
        match.Reason.Should().NotBeNullOrEmpty();
    }

    private static RequestedLine Requested(string sku, string? promotion, double? price, int? weight) => new()
    {
        SkuId = sku,
        PromotionType = promotion,
        UnitPrice = (decimal?)price,
        WeightGrams = weight,
        Quantity = 1,
    };

    private static OrderLineView Line(int lineNo, string sku, string promotion, decimal price, int? weight) => new()
    {
        LineNo = lineNo,
        SkuId = sku,
        SkuName = sku,
        Quantity = 1,
        UnitPrice = price,
        PromotionType = promotion,
        WeightGrams = weight,
        AllocatedDiscount = 0,
        PaidAmount = price,
    };
}
