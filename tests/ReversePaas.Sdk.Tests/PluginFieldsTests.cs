using System.Text.Json;

namespace ReversePaas.Sdk.Tests;

public sealed class PluginFieldsTests
{
    private static PluginFields Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new PluginFields(document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)));
    }

    [Fact]
    public void A_plugin_reads_its_own_fields_by_its_id_with_exact_decimals()
    {
        var fields = Parse("""{"gift-wrap":{"wrap":"box","fee":0.10},"other":{"x":1}}""");

        fields.TryGet("gift-wrap", out var wrap).Should().BeTrue();
        wrap.GetProperty("wrap").GetString().Should().Be("box");
        wrap.GetProperty("fee").GetDecimal().Should().Be(0.10m);
        fields.PluginIds.Should().BeEquivalentTo("gift-wrap", "other");
        fields.IsEmpty.Should().BeFalse();
    }

    [Fact]
    public void Fields_of_a_plugin_that_has_none_read_as_nothing()
    {
        PluginFields.Empty.IsEmpty.Should().BeTrue();
        PluginFields.Empty.TryGet("gift-wrap", out _).Should().BeFalse();
        Parse("""{"other":{}}""").TryGet("gift-wrap", out _).Should().BeFalse();
    }

    [Fact]
    public void The_values_are_copied_so_they_outlive_the_document_they_came_from()
    {
        // Parse disposes its document before returning: reading afterwards would throw if the values were not copies.
        var fields = Parse("""{"gift-wrap":{"wrap":"paper"}}""");

        fields.Values["gift-wrap"].GetProperty("wrap").GetString().Should().Be("paper");
    }
}
