namespace ReversePaas.Kernel.AfterSales;

/// <summary>An extension that ran for an after-sale: the audit trail of which business line changed what.</summary>
public sealed class CapabilityUse
{
    internal CapabilityUse(string afterSaleId, int sequence, string extensionPoint, string extension, string plugin)
    {
        AfterSaleId = afterSaleId;
        Sequence = sequence;
        ExtensionPoint = extensionPoint;
        Extension = extension;
        Plugin = plugin;
    }

    private CapabilityUse()
    {
        AfterSaleId = ExtensionPoint = Extension = Plugin = "";
    }

    /// <summary>The after-sale.</summary>
    public string AfterSaleId { get; private set; }

    /// <summary>Order of first use.</summary>
    public int Sequence { get; private set; }

    /// <summary>The extension point's code.</summary>
    public string ExtensionPoint { get; private set; }

    /// <summary>The extension's id.</summary>
    public string Extension { get; private set; }

    /// <summary>The plugin id, or <c>kernel</c> for kernel defaults.</summary>
    public string Plugin { get; private set; }
}
