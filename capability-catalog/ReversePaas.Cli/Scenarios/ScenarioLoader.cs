using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.Validation;

namespace ReversePaas.Cli.Scenarios;

/// <summary>
/// Reads every <c>*.json</c> of a scenario folder and checks it against docs/scenarios.schema.json (embedded) and the
/// rules a schema cannot state (a call has an actor, a saved name is saved before use). Any fault stops the run before
/// anything is replayed: a <see cref="CliException"/> naming each file and JSON path, never a stack trace.
/// </summary>
internal static class ScenarioLoader
{
    private static readonly Lazy<Task<JsonSchema>> Schema = new(LoadSchemaAsync);

    public static async Task<IReadOnlyList<Scenario>> LoadFolderAsync(string folder, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(folder))
        {
            throw new CliException($"Scenario folder '{folder}' does not exist.");
        }

        var files = Directory.GetFiles(folder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal).ToList();
        var scenarios = new List<Scenario>();
        var errors = new List<string>();
        foreach (var file in files)
        {
            var (scenario, fileErrors) = await LoadAsync(file, cancellationToken);
            errors.AddRange(fileErrors);
            if (scenario is not null)
            {
                scenarios.Add(scenario);
            }
        }

        foreach (var twin in scenarios.GroupBy(s => s.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{string.Join(", ", twin.Select(s => Path.GetFileName(s.File)))} $.name: '{twin.Key}' names more than one scenario");
        }

        if (errors.Count > 0)
        {
            throw new CliException($"Malformed scenario file(s) in '{folder}': nothing was run.", errors);
        }

        return scenarios;
    }

    /// <summary>One file: the scenario, or the reasons it is not one (<c>file $.path: reason</c>).</summary>
    public static async Task<(Scenario? Scenario, IReadOnlyList<string> Errors)> LoadAsync(string file, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(file);
        var text = await File.ReadAllTextAsync(file, cancellationToken);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            return (null, [$"{name} {ex.Path ?? "$"}: not JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {ex.Message.Split(" Path:")[0].Split(" LineNumber:")[0]}"]);
        }

        var schemaErrors = (await Schema.Value).Validate(text);
        if (schemaErrors.Count > 0)
        {
            return (null, [.. Flatten(schemaErrors).Select(e => $"{name} {JsonPath(e.Path)}: {Describe(e)}").Distinct().Take(20)]);
        }

        return Map(file, root!.AsObject());
    }

    private static (Scenario?, IReadOnlyList<string>) Map(string file, JsonObject root)
    {
        var name = Path.GetFileName(file);
        var errors = new List<string>();
        var saved = new HashSet<string>(StringComparer.Ordinal);
        var steps = new List<ScenarioStep>();
        var stepNodes = root["steps"]!.AsArray();
        for (var i = 0; i < stepNodes.Count; i++)
        {
            var node = stepNodes[i]!.AsObject();
            var path = $"$.steps[{i}]";
            var call = (string?)node["call"];
            var actor = (string?)node["as"];
            var ev = (string?)node["event"];
            var awaited = (string?)node["await"];
            TimeSpan? advance = null;
            if (call is not null && actor is null)
            {
                errors.Add($"{name} {path}.as: a call needs the actor it is made as (Role:subject)");
            }

            if (ev is not null && (node["subject"] is null || node["data"] is null))
            {
                errors.Add($"{name} {path}: an event needs 'subject' and 'data'");
            }

            if (awaited is not null && node["status"] is null)
            {
                errors.Add($"{name} {path}.status: an await needs the status(es) to wait for");
            }

            if (awaited is not null && !saved.Contains(awaited))
            {
                errors.Add($"{name} {path}.await: '{awaited}' is not saved by an earlier step");
            }

            if ((string?)node["advance"] is { } duration)
            {
                if (ScenarioDuration.TryParse(duration, out var by))
                {
                    advance = by;
                }
                else
                {
                    errors.Add($"{name} {path}.advance: '{duration}' is not a duration (90s, 30m, 48h, 7d or d.hh:mm:ss)");
                }
            }

            if ((string?)node["save"] is { } save)
            {
                saved.Add(save);
            }

            var response = node["response"] is JsonObject r ? new ScenarioResponse((int?)r["status"], r["body"]?.DeepClone()) : null;
            var status = node["status"] switch
            {
                JsonArray many => many.Select(s => (string)s!).ToList(),
                JsonValue one => [(string)one!],
                _ => new List<string>(),
            };
            steps.Add(new ScenarioStep(i, call, actor, node["body"]?.DeepClone(), (string?)node["save"], response, ev,
                (string?)node["subject"], node["data"]?.DeepClone().AsObject(), advance, awaited, status));
        }

        var expect = root["expect"]!.AsObject();
        var afterSales = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var (key, value) in expect["afterSales"]?.AsObject() ?? [])
        {
            if (!saved.Contains(key))
            {
                errors.Add($"{name} $.expect.afterSales.{key}: no step saves an after-sale as '{key}'");
            }

            afterSales[key] = value!.DeepClone().AsObject();
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var outcome = new ScenarioOutcome(expect["order"]?.DeepClone().AsObject(), afterSales);
        return (new Scenario((string)root["name"]!, file, root["order"]!.DeepClone().AsObject(), steps, outcome), []);
    }

    // oneOf/anyOf failures carry the reasons of each branch; the leaves say what is actually wrong.
    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Values.SelectMany(e => e).Any())
            {
                // A step that matches no branch: the branch errors are noisy ("call required", "event required"…);
                // name the step and the branch-independent faults only.
                var leaves = Flatten(child.Errors.Values.SelectMany(e => e)).Where(e => e.Kind != ValidationErrorKind.PropertyRequired).ToList();
                if (leaves.Count == 0)
                {
                    yield return error;
                }

                foreach (var leaf in leaves)
                {
                    yield return leaf;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string Describe(ValidationError error) => error.Kind switch
    {
        ValidationErrorKind.PropertyRequired => $"'{error.Property}' is required",
        ValidationErrorKind.NoAdditionalPropertiesAllowed => $"'{error.Property}' is not a field of a scenario (see docs/scenarios.schema.json)",
        ValidationErrorKind.NotOneOf => "a step is exactly one of call, event, advance or await",
        ValidationErrorKind.ExcludedSchemaValidates => "orderId is set by the runner: use {orderId} where the order's id is needed",
        ValidationErrorKind.PatternMismatch => $"'{error.Property}' does not have the expected form ({error.Schema?.Pattern})",
        ValidationErrorKind.NotInEnumeration => $"'{error.Property}' is not one of the allowed values",
        _ => error.Kind.ToString(),
    };

    // NJsonSchema says "#/steps[0].as"; people and the other commands say "$.steps[0].as".
    private static string JsonPath(string? path) => path is null or "#" or "" ? "$" : "$." + path.TrimStart('#', '/');

    private static async Task<JsonSchema> LoadSchemaAsync()
    {
        await using var stream = typeof(ScenarioLoader).Assembly.GetManifestResourceStream("ReversePaas.Cli.scenarios.schema.json")
            ?? throw new InvalidOperationException("The scenario schema is not embedded in the tool.");
        using var reader = new StreamReader(stream);
        return await JsonSchema.FromJsonAsync(await reader.ReadToEndAsync());
    }
}
