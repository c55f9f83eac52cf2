using NJsonSchema;
using ReversePaas.Plugins.Schemas;

namespace ReversePaas.Plugins.Mappings;

/// <summary>
/// A JSON Schema read from the mappings folder itself, so the files ops edit and the schema their editor checks
/// them against are always the same pair.
/// </summary>
internal sealed class MappingSchema
{
    private readonly JsonSchema _schema;

    private MappingSchema(JsonSchema schema) => _schema = schema;

    /// <summary>Reads the schema <paramref name="file"/>; null, with the error added, when it is missing or unusable.</summary>
    public static MappingSchema? Read(string directory, string file, ICollection<IdentityMappingError> errors)
    {
        if (!File.Exists(Path.Combine(directory, file)))
        {
            errors.Add(new(file, "$", $"The schema is missing from '{directory}'; the mappings cannot be validated without it. Restore it from the repository's identity-mappings/."));
            return null;
        }

        var document = MappingDocument.Read(directory, file, errors);
        if (document is null)
        {
            return null;
        }

        try
        {
            // NJsonSchema only parses asynchronously; the text is in memory and the schema has no external
            // references to fetch, so this completes synchronously and start-up stays a plain call.
            return new MappingSchema(JsonSchema.FromJsonAsync(document.Root.ToString()).GetAwaiter().GetResult());
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidOperationException or NotSupportedException or ArgumentException)
        {
            errors.Add(new(file, "$", $"Not a usable JSON Schema: {ex.Message}"));
            return null;
        }
    }

    /// <summary>Adds every violation of <paramref name="document"/> to <paramref name="into"/>.</summary>
    public void Validate(MappingDocument document, MappingFileErrors into)
    {
        var violations = new List<SchemaViolation>();
        SchemaViolationTranslator.Translate(_schema.Validate(document.Root), violations);
        foreach (var violation in violations)
        {
            into.AddSchemaViolation(violation.JsonPath, violation.Reason, violation.Line, violation.Position);
        }
    }
}
