namespace ReversePaas.Sdk.Tests;

public sealed class IdentitySettingsTests
{
    private static readonly IdentitySettings Settings = new(new Dictionary<string, string>
    {
        ["review.timeoutHours"] = "48",
        ["autoApprove.maxAmount"] = "199.99",
        ["photos.required"] = "true",
        ["carrier"] = "sf-express",
        ["broken"] = "soon",
    });

    [Fact]
    public void Typed_getters_read_invariant_values_exactly()
    {
        Settings.GetInt32("review.timeoutHours", 0).Should().Be(48);
        Settings.GetDecimal("autoApprove.maxAmount", 0m).Should().Be(199.99m);
        Settings.GetBoolean("photos.required", false).Should().BeTrue();
        Settings.GetString("carrier", "").Should().Be("sf-express");
        Settings.TryGetValue("carrier", out var carrier).Should().BeTrue();
        carrier.Should().Be("sf-express");
    }

    [Fact]
    public void Unset_keys_give_the_fallback()
    {
        Settings.GetInt32("missing", 7).Should().Be(7);
        Settings.GetDecimal("missing", 1.5m).Should().Be(1.5m);
        Settings.GetBoolean("missing", true).Should().BeTrue();
        Settings.TryGetValue("missing", out _).Should().BeFalse();
        IdentitySettings.Empty.Values.Should().BeEmpty();
    }

    [Fact]
    public void A_set_value_of_the_wrong_kind_is_an_error_naming_key_and_value()
    {
        FluentActions.Invoking(() => Settings.GetInt32("broken", 0)).Should().Throw<FormatException>().WithMessage("*broken*soon*");
        FluentActions.Invoking(() => Settings.GetDecimal("carrier", 0m)).Should().Throw<FormatException>().WithMessage("*carrier*");
        FluentActions.Invoking(() => Settings.GetBoolean("review.timeoutHours", false)).Should().Throw<FormatException>().WithMessage("*48*");
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1,000")]
    [InlineData("12.5.1")]
    [InlineData("1e3")]
    [InlineData("")]
    public void A_decimal_setting_is_plain_invariant_text_never_read_with_group_separators(string text)
    {
        var settings = new IdentitySettings([new("autoApprove.maxAmount", text)]);

        settings.Invoking(s => s.GetDecimal("autoApprove.maxAmount", 0m)).Should().Throw<FormatException>().WithMessage("*autoApprove.maxAmount*");
    }

    [Theory]
    [InlineData("-5", -5)]
    [InlineData("0", 0)]
    [InlineData("2147483647", int.MaxValue)]
    public void Whole_numbers_parse_across_their_range(string text, int expected)
    {
        new IdentitySettings([new("n", text)]).GetInt32("n", 1).Should().Be(expected);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("4.0")]
    [InlineData("1,000")]
    [InlineData("")]
    public void Values_that_are_not_whole_numbers_in_range_are_errors(string text)
    {
        new IdentitySettings([new("n", text)]).Invoking(s => s.GetInt32("n", 0)).Should().Throw<FormatException>().WithMessage("*'n'*not a whole number*");
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("FALSE", false)]
    [InlineData("false", false)]
    public void Booleans_are_read_without_regard_to_case(string text, bool expected)
    {
        new IdentitySettings([new("b", text)]).GetBoolean("b", !expected).Should().Be(expected);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("1")]
    public void Only_true_and_false_are_booleans(string text)
    {
        new IdentitySettings([new("b", text)]).Invoking(s => s.GetBoolean("b", false)).Should().Throw<FormatException>().WithMessage("*not true or false*");
    }

    [Fact]
    public void Numbers_are_read_the_same_whatever_the_current_culture()
    {
        var original = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            Settings.GetDecimal("autoApprove.maxAmount", 0m).Should().Be(199.99m);
            new IdentitySettings([new("m", "-0.5")]).GetDecimal("m", 0m).Should().Be(-0.5m);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void Keys_are_case_sensitive_and_every_pair_is_listed()
    {
        Settings.TryGetValue("Carrier", out var missing).Should().BeFalse();
        missing.Should().BeEmpty();
        Settings.GetString("Carrier", "none").Should().Be("none");
        Settings.Values.Should().HaveCount(5).And.Contain(new KeyValuePair<string, string>("photos.required", "true"));
    }
}
