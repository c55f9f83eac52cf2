using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    public static ValueConverter<List<string>, string> ListConverter { get; } = new(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<List<string>>(v, (JsonSerializerOptions?)null) ?? new List<string>());

    public static ValueComparer<List<string>> ListComparer { get; } = new(
        (a, b) => a!.SequenceEqual(b!),
        v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)),
        v => v.ToList());
}
