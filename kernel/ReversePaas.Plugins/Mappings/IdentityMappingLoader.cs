using System.Globalization;
using System.Text.Json;
using ReversePaas.Kernel.Identity;
using ReversePaas.Plugins.Schemas;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Mappings;

/// <summary>
/// Reads <c>identity-mappings/</c>: <c>identities.json</c> (rules) and <c>bindings/*.json</c>, each validated
/// against the JSON Schema beside it. Any error makes <see cref="Load"/> throw with every error found, so a
/// bad deployment stops at start-up rather than routing orders to the wrong business line. Whether bindings
/// name real points, extensions and identities is checked later, by the kernel, against what is loaded.
/// </summary>
public static class IdentityMappingLoader
{
    /// <summary>The rules file.</summary>
    public const string RulesFile = "identities.json";

    /// <summary>The rules file's schema.</summary>
    public const string RulesSchemaFile = "identities.schema.json";

    /// <summary>The schema of every bindings file.</summary>
    public const string BindingSchemaFile = "binding.schema.json";

    /// <summary>The folder of bindings files.</summary>
    public const string BindingsFolder = "bindings";

    /// <summary>Loads and validates the mappings in <paramref name="directory"/>.</summary>
    /// <exception cref="IdentityMappingException">Anything is missing or invalid.</exception>
    public static IdentityMappings Load(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new IdentityMappingException([new("", "$", $"The identity mappings folder '{directory}' does not exist (IdentityMappings:Directory).")]);
        }

        var errors = new List<IdentityMappingError>();
        var rulesSchema = ReadSchema(directory, RulesSchemaFile, errors);
        var bindingSchema = ReadSchema(directory, BindingSchemaFile, errors);
        var rules = rulesSchema is null ? null : ReadRules(directory, rulesSchema, errors);
        var bindings = bindingSchema is null ? [] : ReadBindings(directory, bindingSchema, errors);
        if (errors.Count > 0 || rules is null)
        {
            throw new IdentityMappingException(errors);
        }

        return new IdentityMappings(rules, bindings);
    }

    /// <summary>The nearest <c>identity-mappings</c> folder at or above <paramref name="startDirectory"/>, or null.</summary>
    public static string? FindNearest(string startDirectory)
    {
        for (var dir = new DirectoryInfo(startDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "identity-mappings");
            if (File.Exists(Path.Combine(candidate, RulesFile)))
            {
                return candidate;
            }
        }

        return null;
    }

    private static JsonDocumentValidator? ReadSchema(string directory, string file, List<IdentityMappingError> errors)
    {
        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            errors.Add(new(file, "$", $"The schema file is missing from '{directory}'; it is shipped with identity-mappings/."));
            return null;
        }

        try
        {
            return JsonDocumentValidator.FromSchemaText(File.ReadAllText(path));
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or InvalidOperationException)
        {
            errors.Add(new(file, "$", $"The schema cannot be read: {ex.Message}"));
            return null;
        }
    }

    private static IdentityRuleSet? ReadRules(string directory, JsonDocumentValidator schema, List<IdentityMappingError> errors)
    {
        var path = Path.Combine(directory, RulesFile);
        if (!File.Exists(path))
        {
            errors.Add(new(RulesFile, "$", $"The rules file is missing from '{directory}'."));
            return null;
        }

        using var document = ParseValid(RulesFile, File.ReadAllText(path), schema, errors);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        var rules = new List<IdentityRule>();
        var index = 0;
        foreach (var rule in root.GetProperty("rules").EnumerateArray())
        {
            var at = $"$.rules[{index++}]";
            if (!TryIdentity(rule.GetProperty("identity").GetString(), RulesFile, at + ".identity", errors, out var identity))
            {
                continue;
            }

            var when = rule.TryGetProperty("when", out var w) ? ReadCondition(w) : new IdentityCondition();
            var description = rule.TryGetProperty("description", out var d) ? d.GetString() ?? "" : "";
            rules.Add(new IdentityRule(identity, when, description, $"{RulesFile} {at}"));
        }

        var fallback = BusinessIdentity.Default;
        if (root.TryGetProperty("fallback", out var f) && !TryIdentity(f.GetString(), RulesFile, "$.fallback", errors, out fallback))
        {
            return null;
        }

        return new IdentityRuleSet(rules, fallback);
    }

    private static List<IdentityBinding> ReadBindings(string directory, JsonDocumentValidator schema, List<IdentityMappingError> errors)
    {
        var folder = Path.Combine(directory, BindingsFolder);
        var bindings = new List<IdentityBinding>();
        if (!Directory.Exists(folder))
        {
            return bindings;
        }

        foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
        {
            var file = $"{BindingsFolder}/{Path.GetFileName(path)}";
            using var document = ParseValid(file, File.ReadAllText(path), schema, errors);
            if (document is null)
            {
                continue;
            }

            var root = document.RootElement;
            if (!TryIdentity(root.GetProperty("identity").GetString(), file, "$.identity", errors, out var identity))
            {
                continue;
            }

            // The file name is the identity, so one identity can never have two competing files.
            if (!string.Equals(Path.GetFileNameWithoutExtension(path), identity.Value, StringComparison.Ordinal))
            {
                errors.Add(new(file, "$.identity", $"The file binds '{identity}' but is named '{Path.GetFileName(path)}'; name it '{identity}.json'."));
                continue;
            }

            bindings.Add(new IdentityBinding(identity, ReadExtensions(root), ReadSettings(root), file));
        }

        return bindings;
    }

    private static JsonDocument? ParseValid(string file, string text, JsonDocumentValidator schema, List<IdentityMappingError> errors)
    {
        var violations = schema.Validate(text);
        if (violations.Count > 0)
        {
            errors.AddRange(violations.Select(v => new IdentityMappingError(file, v.JsonPath, v.Reason)));
            return null;
        }

        return JsonDocument.Parse(text);
    }

    private static bool TryIdentity(string? text, string file, string path, List<IdentityMappingError> errors, out BusinessIdentity identity)
    {
        if (BusinessIdentity.TryParse(text, out identity, out var error))
        {
            return true;
        }

        errors.Add(new(file, path, error));
        return false;
    }

    private static IdentityCondition ReadCondition(JsonElement when)
    {
        Dictionary<string, IReadOnlyList<string>>? attributes = null;
        if (when.TryGetProperty("attributes", out var a))
        {
            attributes = a.EnumerateObject().ToDictionary(p => p.Name, p => Values(p.Value), StringComparer.Ordinal);
        }

        return new IdentityCondition(Field(when, "venderType"), Field(when, "orderType"), Field(when, "channel"), attributes);
    }

    private static IReadOnlyList<string>? Field(JsonElement when, string name)
        => when.TryGetProperty(name, out var value) ? Values(value) : null;

    private static IReadOnlyList<string> Values(JsonElement value)
        => value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)] : [value.GetString()!];

    private static Dictionary<string, IReadOnlyList<string>> ReadExtensions(JsonElement root)
        => root.TryGetProperty("extensions", out var extensions)
            ? extensions.EnumerateObject().ToDictionary(p => p.Name, p => Values(p.Value), StringComparer.Ordinal)
            : [];

    private static Dictionary<string, string> ReadSettings(JsonElement root)
        => root.TryGetProperty("settings", out var settings)
            ? settings.EnumerateObject().ToDictionary(p => p.Name, p => SettingText(p.Value), StringComparer.Ordinal)
            : [];

    // Numbers become exact invariant decimals ("48", "0.5"; "1e3" becomes "1000") so typed getters parse them; booleans "true"/"false".
    private static string SettingText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => value.TryGetDecimal(out var number) ? number.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
    };
}
