namespace ReversePaas.Kernel.Activities;

/// <summary>The timed work of the kernel; each kind is one scheduled job, keyed by an order or an after-sale.</summary>
public enum DeadlineKind
{
    /// <summary>An order still unpaid <c>Orders:UnpaidTimeout</c> after registration is cancelled (key: order).</summary>
    UnpaidOrder,

    /// <summary>A review (or a merchant's confirmation of a cancellation) left unanswered is approved (key: after-sale).</summary>
    ReviewTimeout,

    /// <summary>A return whose goods were not sent within the identity's window is closed (key: after-sale).</summary>
    ReturnShipmentTimeout,

    /// <summary>The returns of an order waiting for a pickup are dispatched together (key: order).</summary>
    CombinedPickup,

    /// <summary>
    /// A shipped exchange or repair nobody confirmed as delivered within <c>Activities:DeliveryConfirmWithin</c> completes
    /// (key: after-sale).
    /// </summary>
    DeliveryConfirmTimeout,
}
