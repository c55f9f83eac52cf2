namespace ReversePaas.Kernel.Orders;

/// <summary>Size limits of orders and claims, shared by the kernel's rules and the host's request checks.</summary>
public static class OrderLimits
{
    /// <summary>Lines per order.</summary>
    public const int MaxLines = 500;

    /// <summary>Units per line (and per claimed line).</summary>
    public const int MaxQuantity = 1_000_000;
}
