namespace ReversePaas.Kernel.AfterSales;

/// <summary>What can happen to an after-sale; <see cref="AfterSaleStateMachine"/> says where each leads from where.</summary>
public enum AfterSaleCommand
{
    /// <summary>The reviewer (or an auto-approve rule) approved.</summary>
    Approve,

    /// <summary>The reviewer refused.</summary>
    Reject,

    /// <summary>The applicant withdrew.</summary>
    Withdraw,

    /// <summary>The goods of a cancelled order were stopped.</summary>
    Intercepted,

    /// <summary>The goods of a cancelled order could not be stopped.</summary>
    FailInterception,

    /// <summary>The warehouse received the returned goods.</summary>
    ReceiveGoods,

    /// <summary>The refund was paid out.</summary>
    CompleteRefund,

    /// <summary>The refund failed and its retries are exhausted.</summary>
    FailRefund,

    /// <summary>Ops retries a failed refund.</summary>
    RetryRefund,

    /// <summary>The repaired goods were shipped back (the background step after <c>repair-finished</c>).</summary>
    FinishRepair,

    /// <summary>The customer received the replacement or repaired goods.</summary>
    ConfirmDelivery,

    /// <summary>The applicant appealed a rejection.</summary>
    Appeal,

    /// <summary>The replacement of an exchange was shipped (the background step after the receipt).</summary>
    ShipReplacement,

    /// <summary>The replacement of an exchange is out of stock: the returned units are refunded instead.</summary>
    RefundReplacement,

    /// <summary>The repair centre found the goods irreparable: the units are refunded.</summary>
    DeclareIrreparable,
}
