using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReversePaas.Host.Validation;

/// <summary>
/// Enums as their names, and nothing else. <see cref="JsonStringEnumConverter"/> also reads numbers (<c>"status": 7</c>),
/// numeric text (<c>"1"</c>), padded names and comma-joined flag combinations (<c>"Approve, Reject"</c> reads as
/// <c>Reject</c>); for enums that are not flags those are undefined values or a different value than was meant, which
/// reached the kernel (an order's warehouse stage was stored as <c>7</c>). Here a value is exactly one declared name
/// (case-insensitive, as before); anything else is a <see cref="JsonException"/>, hence a 400.
/// </summary>
internal sealed class EnumNameConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
        => (JsonConverter)Activator.CreateInstance(typeof(Names<>).MakeGenericType(typeToConvert))!;

    private sealed class Names<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);

        private static readonly string Expected = $"Expected one of: {string.Join(", ", Enum.GetNames<TEnum>())}.";

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
                ? value
                : throw new JsonException(Expected);

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
            => writer.WriteStringValue(value.ToString());

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => Read(ref reader, typeToConvert, options);

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
            => writer.WritePropertyName(value.ToString());
    }
}
