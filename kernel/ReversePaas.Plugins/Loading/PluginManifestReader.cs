using System.Text.Json;
using ReversePaas.Plugins.Schemas;

namespace ReversePaas.Plugins.Loading;

/// <summary>Reads and schema-validates <c>plugin.json</c>.</summary>
internal static class PluginManifestReader
{
    public const string FileName = "plugin.json";

    private static readonly Lazy<JsonDocumentValidator> Validator = new(() =>
    {
        using var stream = typeof(PluginManifestReader).Assembly.GetManifestResourceStream("ReversePaas.Plugins.Loading.plugin.schema.json")
            ?? throw new InvalidOperationException("The embedded plugin.schema.json is missing from ReversePaas.Plugins.");
        using var reader = new StreamReader(stream);
        return JsonDocumentValidator.FromSchemaText(reader.ReadToEnd());
    });

    /// <summary>The manifest, or the reason it cannot be used.</summary>
    public static (PluginManifest? Manifest, string? Error) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return (null, $"{FileName} is missing from {folder}.");
        }

        var text = File.ReadAllText(path);
        var violations = Validator.Value.Validate(text);
        if (violations.Count > 0)
        {
            return (null, $"{FileName} is invalid: " + string.Join("; ", violations.Select(v => $"{v.JsonPath}: {v.Reason}")));
        }

        var manifest = JsonSerializer.Deserialize<PluginManifest>(text, JsonSerializerOptions.Web);
        return manifest is null ? (null, $"{FileName} is empty.") : (manifest, null);
    }
}
