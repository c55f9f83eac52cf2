namespace ReversePaas.Sdk;

/// <summary>The kinds of after-sale the kernel runs.</summary>
public enum AfterSaleType
{
    /// <summary>Cancellation of an order before it ships.</summary>
    Cancel = 0,

    /// <summary>Money back, no goods back (missing item, price or weight difference).</summary>
    RefundOnly = 1,

    /// <summary>Goods back, then money back.</summary>
    ReturnRefund = 2,

    /// <summary>Goods back, replacement goods out.</summary>
    Exchange = 3,

    /// <summary>Goods back, repaired, goods out.</summary>
    Repair = 4,
}
