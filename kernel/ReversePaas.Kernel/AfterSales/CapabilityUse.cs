namespace ReversePaas.Kernel.AfterSales;

/// <summary>An extension that ran for an after-sale: the audit trail of which business line changed what.</summary>
public sealed class CapabilityUse
{
    internal CapabilityUse(int sequence, string extensionPoint, string extension, string plugin)
    {
        Sequence = sequence;
        ExtensionPoint = extensionPoint;
        Extension = extension;
        Plugin = plugin;
    }

    /// <summary>Order of first use.</summary>
    public int Sequence { get; }

    /// <summary>The extension point's code.</summary>
    public string ExtensionPoint { get; }

    /// <summary>The extension's id.</summary>
    public string Extension { get; }

    /// <summary>The plugin id, or <c>kernel</c> for kernel defaults.</summary>
    public string Plugin { get; }
}
