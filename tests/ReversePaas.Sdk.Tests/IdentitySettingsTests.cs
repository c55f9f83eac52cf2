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
}
