using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ReversePaas.Plugins.Loading;

/// <summary>Reads any JSON value into a string property as its compact JSON text (a manifest's embedded schema).</summary>
internal sealed class RawJsonTextConverter : JsonConverter<string?>
{
    public override string? ReadJson(JsonReader reader, Type objectType, string? existingValue, bool hasExistingValue, JsonSerializer serializer)
        => reader.TokenType == JsonToken.Null ? null : JToken.Load(reader).ToString(Formatting.None);

    public override void WriteJson(JsonWriter writer, string? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
        }
        else
        {
            writer.WriteRawValue(value);
        }
    }
}
