namespace ReversePaas.Kernel.Domain;

/// <summary>
/// The <c>reason</c> of every 409 a client can see (<see cref="DomainRuleException.Reason"/>), in one place: clients
/// branch on these strings, so they are constants here and nowhere else, and docs/errors.md shows <see cref="All"/>
/// (a test keeps the two equal).
/// </summary>
public static class ReasonCodes
{
    // What each one means is in All, once, beside it; docs/errors.md is generated from there.
    public const string IllegalTransition = "illegal-transition";
    public const string IllegalOrderTransition = "illegal-order-transition";
    public const string OrderFinished = "order-finished";
    public const string OrderNotUnpaid = "order-not-unpaid";
    public const string OrderNotPendingShipment = "order-not-pending-shipment";
    public const string OrderExists = "order-exists";
    public const string NotEligible = "not-eligible";
    public const string RejectedByBusinessLine = "rejected-by-business-line";
    public const string NothingToCancel = "nothing-to-cancel";
    public const string OpenAfterSales = "open-after-sales";
    public const string UnmatchedLine = "unmatched-line";
    public const string AmbiguousLine = "ambiguous-line";
    public const string QuantityOverClaimable = "quantity-over-claimable";
    public const string WeightDifferenceNotOffered = "weight-difference-not-offered";
    public const string WeightDifferenceOverWeight = "weight-difference-over-weight";
    public const string RefundOverPaid = "refund-over-paid";
    public const string RefundOverRefundable = "refund-over-refundable";
    public const string ReceiptMismatch = "receipt-mismatch";
    public const string ExternalRefusal = "external-refusal";
    public const string Duplicate = "duplicate";
    public const string PickupNotParked = "pickup-not-parked";
    public const string AlreadyAppealed = "already-appealed";
    public const string AppealWindowClosed = "appeal-window-closed";
    public const string AppealClaimTaken = "appeal-claim-taken";
    public const string AlreadyHeld = "already-held";
    public const string NotHeld = "not-held";
    public const string HoldFinished = "hold-finished";
    public const string AfterSaleArchived = "after-sale-archived";

    /// <summary>Every reason with what it refused, in the order docs/errors.md lists them.</summary>
    public static IReadOnlyList<(string Reason, string Refused)> All { get; } =
    [
        (IllegalTransition, "a command the status machine does not allow now (docs/status-machine.md); the detail names status, command and what is legal"),
        (IllegalOrderTransition, "an order status or warehouse stage moved backwards, off the path, or set to `Cancelled`/`Closed`"),
        (OrderFinished, "a status move on a `Cancelled` or `Closed` order"),
        (OrderNotUnpaid, "a direct cancellation of an order that is no longer `PendingPayment`"),
        (OrderNotPendingShipment, "an interception of an order that is no longer `PendingShipment`"),
        (OrderExists, "an order re-posted with a different body"),
        (NotEligible, "the type is not allowed in the order's status or window (DOMAIN.md section 2), or a cancellation after shipment"),
        (RejectedByBusinessLine, "an application interceptor of the business line refused (the detail names the rule and plugin)"),
        (NothingToCancel, "every unit and every cent of the order is already claimed by other after-sales"),
        (OpenAfterSales, "a cancellation while another after-sale of the order is undecided (`PendingReview`, `PendingReturn`, `Appealed`) or another cancellation is `Intercepting`; the detail names them"),
        (UnmatchedLine, "a requested line matches no split record (add `promotionType`, `unitPrice`, `weightGrams`)"),
        (AmbiguousLine, "a requested line matches more than one split record (add `promotionType`, `unitPrice`, `weightGrams`)"),
        (QuantityOverClaimable, "more units than ordered − claimed"),
        (WeightDifferenceNotOffered, "a `missingWeightGrams` claim where the business line offers none, or on a line not sold by weight"),
        (WeightDifferenceOverWeight, "more grams missing than the line weighs"),
        (RefundOverPaid, "a partial `refundAmount` above what the claimed units paid"),
        (RefundOverRefundable, "the refund is above the ledger's `refundable`"),
        (ReceiptMismatch, "a warehouse receipt whose lines differ from the after-sale's"),
        (ExternalRefusal, "the warehouse or inventory system refused a step of the request"),
        (Duplicate, "a unique key refused the write (nothing was written)"),
        (PickupNotParked, "`retry-pickup` of an after-sale whose return logistics are not parked (not `PendingReturn`, already arranged, or still retrying by themselves)"),
        (AlreadyAppealed, "a second appeal of an after-sale whose appeal was rejected (the rejection is for good)"),
        (AppealWindowClosed, "an appeal later than `Activities:AppealWithin` after the rejection"),
        (AppealClaimTaken, "an appeal whose units, money or freight another after-sale of the order claimed after the rejection"),
        (AlreadyHeld, "a risk hold of an after-sale that is already held"),
        (NotHeld, "a release of an after-sale that is not held"),
        (HoldFinished, "a risk hold of a finished after-sale (`Completed`, `Rejected`, `Withdrawn`, `InterceptionFailed`)"),
        (AfterSaleArchived, "any change of an after-sale moved to the archive (finished longer ago than `Archive:After`): archived after-sales are read-only"),
    ];

    /// <summary>The table docs/errors.md holds between its <c>reason-codes</c> markers.</summary>
    public static string ToMarkdown()
        => "| `reason` | refused |\n|---|---|\n" + string.Concat(All.Select(r => $"| `{r.Reason}` | {r.Refused} |\n"));
}
