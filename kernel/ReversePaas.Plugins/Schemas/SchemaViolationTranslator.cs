using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ReversePaas.Plugins.Schemas;

/// <summary>
/// Turns NJsonSchema's validation errors into what the person editing the file needs: the <c>$.a[0].b</c> path
/// of the offending value and a reason in words. NJsonSchema 11 hands each error the token it is about (the value,
/// the object lacking a required property, the unexpected property), so paths and values come from the document
/// itself rather than from re-reading NJsonSchema's unescaped path text. Nested errors (array items, patterned keys) are reported at
/// the innermost value; a failed <c>oneOf</c> reports the alternative the value was evidently meant to be
/// (a list with a bad item is a list) rather than every alternative's complaint.
/// </summary>
internal static class SchemaViolationTranslator
{
    private static readonly HashSet<ValidationErrorKind> WrongTypeKinds =
    [
        ValidationErrorKind.StringExpected,
        ValidationErrorKind.NumberExpected,
        ValidationErrorKind.IntegerExpected,
        ValidationErrorKind.BooleanExpected,
        ValidationErrorKind.ObjectExpected,
        ValidationErrorKind.ArrayExpected,
        ValidationErrorKind.NullExpected,
        ValidationErrorKind.NoTypeValidates,
    ];

    // The order types are named in ("a string or a list of strings"); NJsonSchema keeps types as flags, unordered.
    private static readonly JsonObjectType[] TypeOrder =
    [
        JsonObjectType.String,
        JsonObjectType.Number,
        JsonObjectType.Integer,
        JsonObjectType.Boolean,
        JsonObjectType.Object,
        JsonObjectType.Array,
        JsonObjectType.Null,
    ];

    /// <summary>Adds every violation in <paramref name="errors"/> to <paramref name="into"/>.</summary>
    public static void Translate(IEnumerable<ValidationError> errors, ICollection<SchemaViolation> into)
    {
        foreach (var error in errors)
        {
            Collect(error, into);
        }
    }

    private static void Collect(ValidationError error, ICollection<SchemaViolation> into)
    {
        switch (error)
        {
            case MultiTypeValidationError multi:
                Alternatives(error, [.. multi.Errors.OrderBy(e => Array.IndexOf(TypeOrder, e.Key)).Select(e => (Expected: Describe(e.Key, error.Schema), Errors: e.Value))], into);
                break;
            case ChildSchemaValidationError { Kind: ValidationErrorKind.NotOneOf or ValidationErrorKind.NotAnyOf } choice:
                if (choice.Errors.Count(e => e.Value.Count == 0) > 1)
                {
                    Add(error, into, "Matches more than one of the allowed forms; the schema is ambiguous");
                    break;
                }

                Alternatives(error, [.. choice.Errors.Select(e => (Expected: Describe(e.Key), Errors: e.Value))], into);
                break;
            case ChildSchemaValidationError child:
                // Array items, patterned keys, allOf: the nested errors name the innermost value.
                foreach (var nested in child.Errors.SelectMany(e => e.Value))
                {
                    Collect(nested, into);
                }

                break;
            default:
                Report(error, into);
                break;
        }
    }

    private static void Alternatives(ValidationError error, (string Expected, ICollection<ValidationError> Errors)[] alternatives, ICollection<SchemaViolation> into)
    {
        // An alternative that failed only because the value has another type did not apply; one that failed
        // on anything else did (the value has its type), and its errors say what is wrong.
        var applicable = alternatives.Where(a => !a.Errors.All(e => WrongTypeKinds.Contains(e.Kind))).ToList();
        if (applicable.Count > 0)
        {
            foreach (var nested in applicable.SelectMany(a => a.Errors))
            {
                Collect(nested, into);
            }

            return;
        }

        Add(error, into, $"Must be {JoinAlternatives([.. alternatives.Select(a => a.Expected).Distinct()])}{Found(error)}");
    }

    private static void Report(ValidationError error, ICollection<SchemaViolation> into)
    {
        var schema = error.Schema?.ActualSchema;
        switch (error.Kind)
        {
            case ValidationErrorKind.PropertyRequired:
                // The error's token is the object that lacks the property, which is where it belongs.
                Add(error, into, $"Required property '{error.Property}' is missing");
                return;
            case ValidationErrorKind.NoAdditionalPropertiesAllowed:
                // The error's token is the property itself, so its path brackets names such as 'review.timeoutHours'.
                Add(error, into, UnknownProperty(error.Property ?? "", schema));
                return;
            case ValidationErrorKind.StringExpected or ValidationErrorKind.NumberExpected or ValidationErrorKind.IntegerExpected
                or ValidationErrorKind.BooleanExpected or ValidationErrorKind.ObjectExpected or ValidationErrorKind.ArrayExpected
                or ValidationErrorKind.NullExpected:
                Add(error, into, $"Must be {(schema is null ? "of another type" : Describe(schema))}{Found(error)}");
                return;
        }

        Add(error, into, error.Kind switch
        {
            ValidationErrorKind.StringTooShort => schema?.MinLength is null or 1 ? "Must not be empty" : $"Must have at least {schema.MinLength} characters",
            ValidationErrorKind.StringTooLong => $"Must have at most {schema?.MaxLength} characters",
            ValidationErrorKind.PatternMismatch => $"{Quoted(error.Token)}does not match the pattern {schema?.Pattern}",
            ValidationErrorKind.TooFewItems => $"Must list at least {schema?.MinItems} value(s)",
            ValidationErrorKind.TooManyItems => $"Must list at most {schema?.MaxItems} value(s)",
            ValidationErrorKind.ItemsNotUnique => "Lists the same value more than once",
            ValidationErrorKind.TooFewProperties => $"Must have at least {schema?.MinProperties} propert(ies)",
            ValidationErrorKind.TooManyProperties => $"Must have at most {schema?.MaxProperties} propert(ies)",
            ValidationErrorKind.NotInEnumeration => $"Must be one of: {string.Join(", ", schema?.Enumeration.Select(v => v?.ToString()) ?? [])}",
            _ => $"Violates the schema ({error.Kind})",
        });
    }

    private static string UnknownProperty(string name, JsonSchema? schema)
    {
        if (schema is { PatternProperties.Count: > 0 })
        {
            return $"'{name}' is not a valid key here: keys must match {string.Join(" or ", schema.PatternProperties.Keys)}";
        }

        return schema is { Properties.Count: > 0 }
            ? $"Unknown property '{name}'; allowed here: {string.Join(", ", schema.Properties.Keys)}"
            : $"Unknown property '{name}'; no properties are allowed here";
    }

    private static void Add(ValidationError error, ICollection<SchemaViolation> into, string reason)
        => into.Add(new SchemaViolation(error.Token is { } token ? JsonPathText.Of(token) : "$", reason, Line(error), Position(error)));

    private static int Line(ValidationError error) => error.HasLineInfo ? error.LineNumber : 0;

    private static int Position(ValidationError error) => error.HasLineInfo ? error.LinePosition : 0;

    private static string Quoted(JToken? value) => value is { Type: JTokenType.String } ? $"'{value}' " : "The value ";

    private static string Found(ValidationError error) => error.Token switch
    {
        null => "",
        { Type: JTokenType.String } => ", not a string",
        { Type: JTokenType.Integer or JTokenType.Float } => ", not a number",
        { Type: JTokenType.Boolean } => ", not true/false",
        { Type: JTokenType.Array } => ", not a list",
        { Type: JTokenType.Object } => ", not an object",
        { Type: JTokenType.Null } => ", not null",
        _ => "",
    };

    private static string Describe(JsonSchema schema)
    {
        var actual = schema.ActualSchema;
        if (actual.Type == JsonObjectType.None)
        {
            var choices = actual.OneOf.Concat(actual.AnyOf).Select(Describe).Distinct().ToList();
            return choices.Count > 0 ? JoinAlternatives(choices) : "a valid value";
        }

        return JoinAlternatives([.. TypeOrder
            .Where(t => actual.Type.HasFlag(t))
            .Select(t => Describe(t, actual))]);
    }

    private static string Describe(JsonObjectType type, JsonSchema? schema) => type switch
    {
        JsonObjectType.String => "a string",
        JsonObjectType.Number => "a number",
        JsonObjectType.Integer => "a whole number",
        JsonObjectType.Boolean => "true/false",
        JsonObjectType.Object => "an object",
        JsonObjectType.Null => "null",
        JsonObjectType.Array when schema?.ActualSchema.Item?.ActualSchema.Type == JsonObjectType.String => "a list of strings",
        JsonObjectType.Array => "a list",
        _ => type.ToString().ToLowerInvariant(),
    };

    private static string JoinAlternatives(List<string> choices)
        => choices.Count <= 1 ? (choices.Count == 1 ? choices[0] : "") : $"{string.Join(", ", choices.Take(choices.Count - 1))} or {choices[^1]}";
}
