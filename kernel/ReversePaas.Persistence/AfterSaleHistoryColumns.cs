using System.Buffers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ReversePaas.Kernel.AfterSales;

namespace ReversePaas.Persistence;

/// <summary>
/// An after-sale's timeline and capability uses, stored as JSON text columns of its own row (schema version 11).
/// They are only ever read and written with the after-sale, and were child tables before: an application wrote six
/// extra rows (one timeline entry, about five capability uses) and every load read two extra tables. Entries are
/// immutable and only appended, so the change snapshot is a shallow copy and a change is a longer list.
/// </summary>
internal static class AfterSaleHistoryColumns
{
    public static ValueConverter<List<TimelineEntry>, string> TimelineConverter { get; } = new(
        v => WriteTimeline(v),
        v => ReadTimeline(v));

    public static ValueComparer<List<TimelineEntry>> TimelineComparer { get; } = AppendOnly<TimelineEntry>();

    public static ValueConverter<List<CapabilityUse>, string> CapabilitiesConverter { get; } = new(
        v => WriteCapabilities(v),
        v => ReadCapabilities(v));

    public static ValueComparer<List<CapabilityUse>> CapabilitiesComparer { get; } = AppendOnly<CapabilityUse>();

    public static string WriteTimeline(List<TimelineEntry> timeline)
        => Write(timeline, static (writer, entry) =>
        {
            writer.WriteNumber("seq", entry.Sequence);
            writer.WriteString("at", entry.At);
            writer.WriteString("status", entry.Status);
            writer.WriteString("actor", entry.Actor);
            writer.WriteString("note", entry.Note);
        });

    public static List<TimelineEntry> ReadTimeline(string json)
        => Read(json, static element => new TimelineEntry(
            element.GetProperty("seq").GetInt32(),
            element.GetProperty("at").GetDateTimeOffset(),
            element.GetProperty("status").GetString()!,
            element.GetProperty("actor").GetString()!,
            element.GetProperty("note").GetString()!), static e => e.Sequence);

    public static string WriteCapabilities(List<CapabilityUse> capabilities)
        => Write(capabilities, static (writer, use) =>
        {
            writer.WriteNumber("seq", use.Sequence);
            writer.WriteString("point", use.ExtensionPoint);
            writer.WriteString("extension", use.Extension);
            writer.WriteString("plugin", use.Plugin);
        });

    public static List<CapabilityUse> ReadCapabilities(string json)
        => Read(json, static element => new CapabilityUse(
            element.GetProperty("seq").GetInt32(),
            element.GetProperty("point").GetString()!,
            element.GetProperty("extension").GetString()!,
            element.GetProperty("plugin").GetString()!), static c => c.Sequence);

    // Entries are immutable and only ever appended: the snapshot shares them (a shallow copy), so comparing entry by
    // entry, by reference, finds exactly the appended ones.
    private static ValueComparer<List<T>> AppendOnly<T>() => new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Count,
        v => v.ToList());

    private static string Write<T>(List<T> items, Action<Utf8JsonWriter, T> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var item in items)
            {
                writer.WriteStartObject();
                properties(writer, item);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static List<T> Read<T>(string json, Func<JsonElement, T> item, Func<T, int> sequence)
    {
        using var document = JsonDocument.Parse(json);
        var items = new List<T>(document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            items.Add(item(element));
        }

        // The upgrade script aggregates the old rows; SQLite does not promise the aggregate's order, the sequence does.
        items.Sort((a, b) => sequence(a).CompareTo(sequence(b)));
        return items;
    }
}
