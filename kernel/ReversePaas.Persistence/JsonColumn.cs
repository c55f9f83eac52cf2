using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;

namespace ReversePaas.Persistence;

/// <summary>Key/value and list data of business lines stored as JSON text (extension data as attributes, not columns).</summary>
internal static class JsonColumn
{
    public static ValueConverter<Dictionary<string, string>, string> DictionaryConverter { get; } = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<Dictionary<string, string>>(v, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>());

    public static ValueComparer<Dictionary<string, string>> DictionaryComparer { get; } = new(
        (a, b) => a!.Count == b!.Count && !a.Except(b).Any(),
        v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
        v => new Dictionary<string, string>(v, StringComparer.Ordinal));

    /// <summary>
    /// Plugin-owned fields as one JSON object (plugin id → value). The values are written as they were received, and
    /// <see cref="PluginFields"/> is immutable, so reference equality (EF's default) tells a change.
    /// </summary>
    public static ValueConverter<PluginFields, string> PluginFieldsConverter { get; } = new(
        v => WritePluginFields(v),
        v => ReadPluginFields(v));

    /// <summary>
    /// The courier's latest pickup update as JSON (null column: none). <see cref="PickupProgress"/> is an immutable
    /// record, replaced on each update, so reference equality (EF's default) tells a change.
    /// </summary>
    public static ValueConverter<PickupProgress?, string?> PickupConverter { get; } = new(
        v => v == null ? null : JsonSerializer.Serialize(v, PickupJson),
        v => v == null ? null : JsonSerializer.Deserialize<PickupProgress>(v, PickupJson));

    private static readonly JsonSerializerOptions PickupJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static ValueConverter<List<string>, string> ListConverter { get; } = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>());

    public static ValueComparer<List<string>> ListComparer { get; } = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)),
        v => v.ToList());

    private static string WritePluginFields(PluginFields fields)
    {
        if (fields.IsEmpty)
        {
            return ""; // as the column's default (0015)
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (pluginId, value) in fields.Values.OrderBy(f => f.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(pluginId);
                value.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static PluginFields ReadPluginFields(string text)
    {
        if (text is "" or "{}")
        {
            return PluginFields.Empty;
        }

        using var document = JsonDocument.Parse(text);
        return new PluginFields(document.RootElement.EnumerateObject().Select(p => KeyValuePair.Create(p.Name, p.Value)));
    }
}
