using System.Text.Json;
using Newtonsoft.Json.Linq;
using ReversePaas.Kernel.Extensions.Fields;

namespace ReversePaas.Plugins.Schemas;

/// <summary>
/// A plugin's <c>fields</c> schema, compiled once when its manifest is read, checking an application's value for the
/// plugin through the same translation of NJsonSchema's errors the manifests and identity mappings use.
/// </summary>
internal sealed class ManifestFieldSchema : IPluginFieldSchema
{
    private readonly JsonDocumentValidator _validator;

    private ManifestFieldSchema(JsonDocumentValidator validator) => _validator = validator;

    /// <summary>
    /// The compiled schema, or why it cannot be used. A <c>$ref</c> that leaves the schema is refused: NJsonSchema would
    /// fetch it (a file or a URL) while the host loads the plugin.
    /// </summary>
    public static (ManifestFieldSchema? Schema, string? Error) Compile(JObject fields)
    {
        var outside = fields.DescendantsAndSelf().OfType<JProperty>()
            .FirstOrDefault(p => p.Name == "$ref" && (p.Value.Type != JTokenType.String || !((string)p.Value!).StartsWith('#')))?.Value;
        if (outside is not null)
        {
            return (null, $"{JsonPathText.Of(outside)}: references must stay inside the schema ('#/...'), not '{outside}'");
        }

        try
        {
            return (new ManifestFieldSchema(JsonDocumentValidator.FromSchemaText(fields.ToString(Newtonsoft.Json.Formatting.None))), null);
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return (null, $"{JsonPathText.Of(fields)}: not a usable JSON Schema: {ex.Message}");
        }
    }

    public IReadOnlyList<FieldViolation> Validate(JsonElement value)
    {
        var violations = _validator.Validate(value.GetRawText());
        return [.. violations.Select(v => new FieldViolation(v.JsonPath.Length > 1 ? v.JsonPath[1..] : "", v.Reason))];
    }
}
