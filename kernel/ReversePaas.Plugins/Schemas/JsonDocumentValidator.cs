using Newtonsoft.Json;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ReversePaas.Plugins.Schemas;

/// <summary>
/// Validates JSON text against a JSON Schema (NJsonSchema) and reports every violation with a
/// <c>$.a[0].b</c> path and a reason a person can act on. Shared by plugin manifests and identity mappings.
/// </summary>
public sealed class JsonDocumentValidator
{
    private readonly JsonSchema _schema;

    private JsonDocumentValidator(JsonSchema schema) => _schema = schema;

    /// <summary>Creates a validator from schema text.</summary>
    public static JsonDocumentValidator FromSchemaText(string schemaJson)
        => new(JsonSchema.FromJsonAsync(schemaJson).GetAwaiter().GetResult());

    /// <summary>Every violation of <paramref name="json"/>; empty when it is valid.</summary>
    public IReadOnlyList<SchemaViolation> Validate(string json)
    {
        try
        {
            var errors = _schema.Validate(json);
            return [.. Flatten(errors).Select(ToViolation).Distinct().OrderBy(v => v.JsonPath, StringComparer.Ordinal)];
        }
        catch (JsonReaderException ex)
        {
            return [new SchemaViolation("$", $"Not valid JSON at line {ex.LineNumber}, position {ex.LinePosition}: {FirstSentence(ex.Message)}")];
        }
    }

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                // "oneOf"/"anyOf" failures: the branch errors say more than the umbrella error.
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static SchemaViolation ToViolation(ValidationError error)
    {
        var path = ToJsonPath(error.Path);
        var reason = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"required property '{error.Property}' is missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"property '{error.Property}' is not allowed here",
            ValidationErrorKind.PatternMismatch => $"does not match the required pattern {error.Schema?.Pattern}",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.IntegerExpected => "must be a whole number",
            ValidationErrorKind.NumberExpected => "must be a number",
            ValidationErrorKind.StringTooShort => "must not be empty",
            ValidationErrorKind.NotInEnumeration => "is not one of the allowed values",
            _ => $"{SplitWords(error.Kind.ToString())} (at line {error.LineNumber}, position {error.LinePosition})",
        };
        return new SchemaViolation(path, $"{reason} (line {error.LineNumber})");
    }

    private static string ToJsonPath(string? schemaPath)
    {
        if (string.IsNullOrEmpty(schemaPath) || schemaPath == "#")
        {
            return "$";
        }

        var trimmed = schemaPath.StartsWith("#/", StringComparison.Ordinal) ? schemaPath[2..] : schemaPath.TrimStart('#');
        return "$." + trimmed.Replace('/', '.');
    }

    private static string SplitWords(string pascal)
        => string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
