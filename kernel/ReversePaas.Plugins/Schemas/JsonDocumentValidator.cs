using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;

namespace ReversePaas.Plugins.Schemas;

/// <summary>
/// Validates JSON text against a JSON Schema (NJsonSchema) and reports every violation with a <c>$.a[0].b</c>
/// path and a reason a person can act on, through the same <see cref="SchemaViolationTranslator"/> the
/// identity mappings use. Used for plugin manifests.
/// </summary>
public sealed class JsonDocumentValidator
{
    private static readonly JsonLoadSettings LineInfo = new() { LineInfoHandling = LineInfoHandling.Load };

    private readonly JsonSchema _schema;

    private JsonDocumentValidator(JsonSchema schema) => _schema = schema;

    /// <summary>Creates a validator from schema text.</summary>
    public static JsonDocumentValidator FromSchemaText(string schemaJson)
        => new(JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult());

    /// <summary>Every violation of <paramref name="json"/>; empty when it is valid.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string json) => Validate(json, out _);

    /// <summary>
    /// Every violation of <paramref name="json"/>, and the document parsed for the check (null when it is not JSON), so
    /// a caller reads its values from the same parse instead of parsing the text again.
    /// </summary>
    public IReadOnlyList<SchemaViolation> Validate(string json, out JToken? root)
    {
        try
        {
            root = JToken.Parse(json, LineInfo);
        }
        catch (JsonReaderException ex)
        {
            root = null;
            return [new SchemaViolation("$", $"Not valid JSON at line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message.Split(". ")[0]}.", ex.LineNumber, ex.LinePosition)];
        }

        var violations = new List<SchemaViolation>();
        SchemaViolationTranslator.Translate(_schema.Validate(root), violations);
        return violations;
    }
}
