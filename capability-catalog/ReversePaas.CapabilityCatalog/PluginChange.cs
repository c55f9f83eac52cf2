namespace ReversePaas.CapabilityCatalog;

/// <summary>A plugin that came, went, or changed version or state.</summary>
public sealed record PluginChange(string Id, ChangeKind Kind, string? FromVersion, string? ToVersion, Plugins.Loading.PluginState? FromState, Plugins.Loading.PluginState? ToState);
