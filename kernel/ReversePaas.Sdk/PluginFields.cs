using System.Collections.Frozen;
using System.Text.Json;

namespace ReversePaas.Sdk;

/// <summary>
/// The plugin-owned fields an after-sale carries: what its application sent under <c>extensions</c>, one JSON value per
/// plugin id, each checked against the JSON Schema that plugin's manifest declares (<c>fields</c>) when it was applied
/// for. Read-only; a plugin reads its own by its id, as a <see cref="JsonElement"/>. Since Sdk 1.2.
/// </summary>
/// <remarks>
/// There is deliberately no <c>Get&lt;T&gt;</c> into a plugin's own record: System.Text.Json keeps metadata of every type
/// it has (de)serialized in process-wide caches, which would keep an unloaded plugin's load context alive
/// (tried: the fixture plugin that did so was never collected). Read the element (<c>GetProperty</c>, <c>TryGetProperty</c>, <c>GetString</c>).
/// </remarks>
public sealed class PluginFields
{
    private readonly FrozenDictionary<string, JsonElement> _byPlugin;

    /// <summary>Creates the fields from plugin id → value pairs (each value is copied, so the source may be disposed).</summary>
    public PluginFields(IEnumerable<KeyValuePair<string, JsonElement>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        _byPlugin = fields.ToFrozenDictionary(f => f.Key, f => f.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>No fields.</summary>
    public static PluginFields Empty { get; } = new([]);

    /// <summary>The ids of the plugins that have fields here.</summary>
    public IReadOnlyCollection<string> PluginIds => _byPlugin.Keys;

    /// <summary>Every plugin id with its value.</summary>
    public IReadOnlyDictionary<string, JsonElement> Values => _byPlugin;

    /// <summary>True when there are no fields.</summary>
    public bool IsEmpty => _byPlugin.Count == 0;

    /// <summary>The fields of plugin <paramref name="pluginId"/>, if the after-sale carries any (as checked against its schema).</summary>
    public bool TryGet(string pluginId, out JsonElement fields) => _byPlugin.TryGetValue(pluginId, out fields);
}
