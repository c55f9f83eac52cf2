using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReversePaas.CapabilityCatalog;

/// <summary>The catalog's JSON form: camelCase, enums as strings, indented (files are read by people and diffed).</summary>
public static class CatalogJson
{
    /// <summary>The serializer options of every catalog file and response.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The document as JSON.</summary>
    public static string Serialize(CatalogDocument document) => JsonSerializer.Serialize(document, Options);

    /// <summary>
    /// Reads a catalog file. Throws <see cref="InvalidDataException"/> naming the file and the JSON path when it is not one.
    /// </summary>
    public static CatalogDocument Deserialize(string json, string source)
    {
        try
        {
            return JsonSerializer.Deserialize<CatalogDocument>(json, Options)
                ?? throw new InvalidDataException($"{source}: empty, not a catalog.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not a catalog file ({ex.Path}: {ex.Message.Split(" Path:")[0]})", ex);
        }
    }
}
