namespace ReversePaas.Sdk.Orders;

/// <summary>The canonical after-sale statuses (DOMAIN.md section 4).</summary>
public enum AfterSaleStatus
{
    /// <summary>Waiting for a review decision.</summary>
    PendingReview = 0,

    /// <summary>A cancellation asking the warehouse to stop or intercept the goods.</summary>
    Intercepting = 1,

    /// <summary>The goods were already packed: the cancellation was refused (terminal).</summary>
    InterceptionFailed = 2,

    /// <summary>Approved; waiting for the goods to come back.</summary>
    PendingReturn = 3,

    /// <summary>Money is being refunded (runs in the background).</summary>
    PendingRefund = 4,

    /// <summary>Refund retries exhausted; waiting for ops.</summary>
    RefundFailed = 5,

    /// <summary>The replacement goods were shipped.</summary>
    ExchangeShipped = 6,

    /// <summary>The returned goods are being repaired.</summary>
    Repairing = 7,

    /// <summary>The repaired goods were shipped back.</summary>
    RepairShipped = 8,

    /// <summary>Done (terminal).</summary>
    Completed = 9,

    /// <summary>The review refused it (terminal).</summary>
    Rejected = 10,

    /// <summary>The applicant withdrew it (terminal).</summary>
    Withdrawn = 11,

    /// <summary>The applicant appealed a rejection; customer service or ops decide it with a review.</summary>
    Appealed = 12,
}
