namespace ReversePaas.Sdk.Orders;

/// <summary>Status of a forward order; it only moves forward.</summary>
public enum OrderStatus
{
    /// <summary>Placed, not paid.</summary>
    PendingPayment = 0,

    /// <summary>Paid, not shipped.</summary>
    PendingShipment = 1,

    /// <summary>Shipped, pending receipt.</summary>
    Shipped = 2,

    /// <summary>Received by the customer.</summary>
    Completed = 3,

    /// <summary>Cancelled before shipment (unpaid cancel, timeout, or an intercepted paid order).</summary>
    Cancelled = 4,

    /// <summary>Closed by after-sales that refunded everything that was paid (full return).</summary>
    Closed = 5,
}
