using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReversePaas.Host.Contracts;

/// <summary>
/// Writes every decimal (all of them are money here) with exactly two places, so an amount reads the same
/// whether it was just computed (160.00) or read back from a database that dropped trailing zeros (160.0).
/// </summary>
internal sealed class MoneyJsonConverter : JsonConverter<decimal>
{
    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value)
            ? value
            : throw new JsonException("Expected a number that fits a decimal amount.");

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options)
        => writer.WriteRawValue(decimal.Round(value, 2).ToString("0.00", CultureInfo.InvariantCulture), skipInputValidation: true);
}
