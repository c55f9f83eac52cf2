using System.Text.Json;
using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions.Fields;

/// <summary>
/// Checks an application's plugin-owned fields (<c>extensions</c>) against the snapshot it runs on: each key must be a
/// loaded plugin that declares fields and serves the order's identity, and each value must satisfy that plugin's
/// schema. Every fault is reported at once, keyed <c>extensions.&lt;pluginId&gt;[.path]</c>.
/// </summary>
public static class PluginFieldsCheck
{
    /// <summary>The fields to store.</summary>
    /// <exception cref="DomainValidationException">A key or a value is refused (400).</exception>
    public static PluginFields Check(ExtensionSnapshot snapshot, BusinessIdentity identity, IReadOnlyDictionary<string, JsonElement> requested)
    {
        if (requested.Count == 0)
        {
            return PluginFields.Empty;
        }

        var profile = snapshot.For(identity);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (pluginId, value) in requested)
        {
            var key = $"extensions.{pluginId}";
            if (snapshot.FieldSchemaOf(pluginId) is not { } schema)
            {
                Add(errors, key, snapshot.Extensions.Any(e => e.Origin.PluginId == pluginId)
                    ? $"Plugin '{pluginId}' declares no fields (its manifest has no 'fields' schema)."
                    : $"No plugin '{pluginId}' is loaded; the keys of 'extensions' are ids of loaded plugins that declare fields.");
                continue;
            }

            if (!profile.Serves(pluginId))
            {
                Add(errors, key, $"Plugin '{pluginId}' serves no extension for this order's identity '{identity}', so nothing would read its fields.");
                continue;
            }

            foreach (var violation in schema.Validate(value))
            {
                Add(errors, key + violation.Path, violation.Reason);
            }
        }

        return errors.Count == 0
            ? new PluginFields(requested)
            : throw new DomainValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
    }

    private static void Add(Dictionary<string, List<string>> errors, string key, string message)
    {
        if (!errors.TryGetValue(key, out var messages))
        {
            errors[key] = messages = [];
        }

        messages.Add(message);
    }
}
