using Newtonsoft.Json;
using ReversePaas.Kernel.Extensions.Fields;

namespace ReversePaas.Plugins.Loading;

/// <summary>A plugin's <c>plugin.json</c>, validated against the embedded <c>plugin.schema.json</c>.</summary>
public sealed class PluginManifest
{
    /// <summary>Stable plugin id.</summary>
    public required string Id { get; init; }

    /// <summary>SemVer version.</summary>
    public required string Version { get; init; }

    /// <summary>Name for people.</summary>
    public required string DisplayName { get; init; }

    /// <summary>What the plugin changes.</summary>
    public string Description { get; init; } = "";

    /// <summary>The team that answers for it.</summary>
    public string Owner { get; init; } = "";

    /// <summary>File name of the DLL holding the extensions.</summary>
    public required string EntryAssembly { get; init; }

    /// <summary>The Sdk version it was built against.</summary>
    public required string SdkVersion { get; init; }

    /// <summary>Identities it serves (informative).</summary>
    public IReadOnlyList<string> Identities { get; init; } = [];

    /// <summary>Plugins that must be loaded first.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>The JSON Schema of the fields the plugin owns (<c>fields</c>), as JSON text; null when it declares none.</summary>
    [JsonConverter(typeof(RawJsonTextConverter))]
    public string? Fields { get; init; }

    /// <summary>
    /// <see cref="Fields"/> compiled, set by the manifest reader once it has checked the schema (null when there is none);
    /// a manifest whose schema does not compile is refused, so a loaded plugin's fields can always be checked.
    /// </summary>
    [JsonIgnore]
    public IPluginFieldSchema? FieldSchema { get; internal set; }
}
