using Newtonsoft.Json.Linq;
using ReversePaas.Kernel.Identity;
using ReversePaas.Plugins.Schemas;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Mappings;

/// <summary>Reads <c>identities.json</c> into the kernel's <see cref="IdentityRuleSet"/>.</summary>
internal static class IdentityRulesReader
{
    private static readonly string[] ConditionFields = ["venderType", "orderType", "channel", "attributes"];

    /// <summary>The rules, or null when the file is missing or wrong (the errors are added).</summary>
    public static IdentityRuleSet? Read(string directory, MappingSchema? schema, ICollection<IdentityMappingError> errors)
    {
        var file = IdentityMappingLoader.RulesFile;
        if (!File.Exists(Path.Combine(directory, file)))
        {
            errors.Add(new(file, "$", $"The rules file is missing from '{directory}'; without it no order gets a business identity. An empty \"rules\" list sends every order to the fallback."));
            return null;
        }

        var document = MappingDocument.Read(directory, file, errors);
        if (document is null)
        {
            return null;
        }

        var found = new MappingFileErrors(file);
        schema?.Validate(document, found);
        var rules = ReadRuleSet(document.Root, found);
        foreach (var error in found.Ordered())
        {
            errors.Add(error);
        }

        return found.IsEmpty ? rules : null;
    }

    private static IdentityRuleSet? ReadRuleSet(JToken root, MappingFileErrors found)
    {
        if (root is not JObject document)
        {
            found.AddShape(root, "Must be an object with \"rules\" and an optional \"fallback\"");
            return null;
        }

        var rules = new List<IdentityRule>();
        switch (document["rules"])
        {
            case JArray list:
                foreach (var item in list)
                {
                    if (ReadRule(item, found) is { } rule)
                    {
                        rules.Add(rule);
                    }
                }

                break;
            case null:
                found.AddShape(document, "Required property 'rules' is missing");
                break;
            case var other:
                found.AddShape(other, "Must be a list of rules");
                break;
        }

        var fallback = document["fallback"] is { } text ? MappingValues.Identity(text, found) : BusinessIdentity.Default;
        return fallback is { } identity ? new IdentityRuleSet(rules, identity) : null;
    }

    private static IdentityRule? ReadRule(JToken token, MappingFileErrors found)
    {
        if (token is not JObject rule)
        {
            found.AddShape(token, "Must be a rule object with \"identity\", \"description\" and \"when\"");
            return null;
        }

        BusinessIdentity? identity = null;
        if (rule["identity"] is { } text)
        {
            identity = MappingValues.Identity(text, found);
        }
        else
        {
            found.AddShape(rule, "Required property 'identity' is missing");
        }

        var description = rule["description"] is { Type: JTokenType.String } words ? (string)words! : "";
        var when = rule["when"] is { } condition ? ReadCondition(condition, found) : new IdentityCondition();
        return identity is { } given && when is not null
            ? new IdentityRule(given, when, description, $"{IdentityMappingLoader.RulesFile} {JsonPathText.Of(rule)}")
            : null;
    }

    private static IdentityCondition? ReadCondition(JToken token, MappingFileErrors found)
    {
        if (token is not JObject when)
        {
            found.AddShape(token, "Must be an object of conditions");
            return null;
        }

        // Checked here as well as in the schema: a misspelt field ("vendorType") would otherwise turn the rule
        // into a catch-all and silently route every later order to it.
        foreach (var property in when.Properties().Where(p => !ConditionFields.Contains(p.Name, StringComparer.Ordinal)))
        {
            found.AddShape(property, $"Unknown condition '{property.Name}'; conditions are {string.Join(", ", ConditionFields)}");
        }

        Dictionary<string, IReadOnlyList<string>>? attributes = null;
        if (when["attributes"] is { } tags)
        {
            if (tags is JObject pairs)
            {
                attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
                foreach (var pair in pairs.Properties())
                {
                    attributes[pair.Name] = MappingValues.Strings(pair.Value, found, allowEmptyList: false) ?? [];
                }
            }
            else
            {
                found.AddShape(tags, "Must be an object of attribute key -> allowed values");
            }
        }

        return new IdentityCondition(Field(when, "venderType", found), Field(when, "orderType", found), Field(when, "channel", found), attributes);
    }

    private static IReadOnlyList<string>? Field(JObject when, string name, MappingFileErrors found)
        => when[name] is { } token ? MappingValues.Strings(token, found, allowEmptyList: false) : null;
}
