namespace ReversePaas.Plugins.Loading;

/// <summary>A reason a plugin cannot load, raised inside the loader and recorded on the plugin.</summary>
internal sealed class PluginLoadException(string message) : Exception(message);
