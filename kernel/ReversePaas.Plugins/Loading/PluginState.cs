namespace ReversePaas.Plugins.Loading;

/// <summary>The state of a plugin folder.</summary>
public enum PluginState
{
    /// <summary>Loaded; its extensions are registered.</summary>
    Loaded = 0,

    /// <summary>Not loaded; <see cref="PluginRecord.Error"/> says why. The host and other plugins carry on.</summary>
    Failed = 1,

    /// <summary>Was loaded, and has been unloaded by a reload (its folder is gone or it was replaced).</summary>
    Unloaded = 2,
}
