namespace ReversePaas.Kernel.Extensions;

/// <summary>Where an extension comes from: the kernel itself or a plugin (id and version).</summary>
public sealed record ExtensionOrigin(string PluginId, string Version)
{
    /// <summary>The plugin id used for the kernel's own defaults.</summary>
    public const string KernelId = "kernel";

    /// <summary>The kernel's own defaults.</summary>
    public static ExtensionOrigin Kernel { get; } = new(KernelId, typeof(ExtensionOrigin).Assembly.GetName().Version?.ToString(3) ?? "0.0.0");

    /// <summary>True for the kernel's defaults.</summary>
    public bool IsKernel => string.Equals(PluginId, KernelId, StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => IsKernel ? "kernel" : $"plugin '{PluginId}' {Version}";
}
