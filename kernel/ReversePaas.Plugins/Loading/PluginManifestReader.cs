using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using ReversePaas.Plugins.Schemas;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Reads a plugin folder's <c>plugin.json</c> and validates it against <c>plugin.schema.json</c>, embedded in
/// this assembly so the host always checks manifests against the schema it was built with.
/// </summary>
internal static class PluginManifestReader
{
    public const string FileName = "plugin.json";

    private const string SchemaResource = "ReversePaas.Plugins.Loading.plugin.schema.json";

    // The manifest is read from the document the schema check parsed (each file is parsed once); property names match
    // case-insensitively, as they did before.
    private static readonly JsonSerializer ManifestJson = JsonSerializer.Create(new JsonSerializerSettings
    {
        MissingMemberHandling = MissingMemberHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
    });

    private static readonly Lazy<JsonDocumentValidator> Validator = new(() =>
    {
        using var stream = typeof(PluginManifestReader).Assembly.GetManifestResourceStream(SchemaResource)
            ?? throw new InvalidOperationException($"The embedded {SchemaResource} is missing from ReversePaas.Plugins; the build is broken.");
        using var reader = new StreamReader(stream);
        return JsonDocumentValidator.FromSchemaText(reader.ReadToEnd());
    });

    /// <summary>The manifest, or why it cannot be used (naming the file, and each JSON path with its reason).</summary>
    public static (PluginManifest? Manifest, string? Error) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (null, $"{path} is missing: every plugin folder needs a {FileName} manifest.");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"{path} could not be read: {ex.Message}");
        }

        var violations = Validator.Value.Validate(text, out var root);
        if (violations.Count > 0)
        {
            return (null, $"{path} is invalid: " + string.Join("; ", violations.Select(v => $"{v.JsonPath}: {v.Reason}")));
        }

        try
        {
            var document = root as JObject;
            var manifest = document?.ToObject<PluginManifest>(ManifestJson);
            if (manifest is null)
            {
                return (null, $"{path} is invalid: $: must be an object");
            }

            if (document!["fields"] is JObject fields)
            {
                var (schema, schemaError) = ManifestFieldSchema.Compile(fields);
                if (schema is null)
                {
                    return (null, $"{path} is invalid: {schemaError}");
                }

                manifest.FieldSchema = schema;
            }

            return (manifest, null);
        }
        catch (JsonException ex)
        {
            return (null, $"{path} is invalid: {ex.Message}");
        }
    }
}
