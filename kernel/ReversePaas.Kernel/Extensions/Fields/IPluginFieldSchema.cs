using System.Text.Json;

namespace ReversePaas.Kernel.Extensions.Fields;

/// <summary>
/// The JSON Schema a plugin's manifest declares for the fields it owns (<c>fields</c>), compiled by the plugin loader
/// when the plugin loads. The kernel checks an application's <c>extensions.&lt;pluginId&gt;</c> value with it.
/// </summary>
public interface IPluginFieldSchema
{
    /// <summary>Every way <paramref name="value"/> breaks the schema; empty when it conforms.</summary>
    IReadOnlyList<FieldViolation> Validate(JsonElement value);
}
