using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.AfterSales;

// The way out of an exchange or a repair (API.md v1.1): the goods are received (or repaired) in a request, and the
// shipment runs afterwards as a background step, so a slow or absent warehouse never fails the receipt. Until it has
// run the after-sale keeps its status (an exchange stays PendingReturn, a repair stays Repairing) with OutboundDue
// set: a recorded step rather than a status of its own, because clients know only the statuses API.md names.
public sealed partial class AfterSale
{
    /// <summary>
    /// True while the goods are in our hands and the background step that sends them out (for an exchange: ships the
    /// replacement, or refunds when it is out of stock) is still to run.
    /// </summary>
    public bool OutboundDue { get; private set; }

    /// <summary>Failed attempts in a row of the outbound step (its retries back off from it).</summary>
    public int OutboundAttempts { get; private set; }

    /// <summary>Where the inventory reservation of an exchange's replacement stands (null on the other types).</summary>
    public ReplacementReservation? Reservation { get; private set; }

    /// <summary>The carrier of the outbound shipment (replacement or repaired goods), once shipped.</summary>
    public string? OutboundCarrier { get; private set; }

    /// <summary>The tracking number of the outbound shipment, once shipped.</summary>
    public string? OutboundTrackingNo { get; private set; }

    /// <summary>
    /// The warehouse received an exchange's goods: the status stays <c>PendingReturn</c> and the outbound step is due at
    /// once. A second receipt, a withdrawal or the return-shipment deadline no longer apply (see <see cref="Fire"/>).
    /// </summary>
    public void ReceiveForExchange(Actor actor, DateTimeOffset now)
    {
        if (Type != AfterSaleType.Exchange || Status != AfterSaleStatus.PendingReturn)
        {
            Fire(AfterSaleCommand.ReceiveGoods, actor, "", now); // throws, naming the status
        }

        GuardNotReceived(AfterSaleCommand.ReceiveGoods);
        MarkOutboundDue(now);
        Append(now, actor, "Goods received; the replacement ships next.");
    }

    /// <summary>The repair is done: the status stays <c>Repairing</c> and the outbound step ships the goods back.</summary>
    public void MarkRepaired(string note, Actor actor, DateTimeOffset now)
    {
        if (Type != AfterSaleType.Repair || Status != AfterSaleStatus.Repairing || OutboundDue)
        {
            throw new DomainRuleException(ReasonCodes.IllegalTransition,
                $"{Type} after-sale '{AfterSaleId}' is {Status}{(OutboundDue ? " and already repaired" : "")}: a repair is finished only once, while Repairing.");
        }

        MarkOutboundDue(now);
        Append(now, actor, string.IsNullOrWhiteSpace(note) ? "Repaired; the goods ship back next." : $"Repaired; the goods ship back next: {note}");
    }

    /// <summary>Records the outbound shipment and moves on (<c>ExchangeShipped</c> or <c>RepairShipped</c>).</summary>
    public void RecordOutboundShipped(string carrier, string trackingNo, string note, DateTimeOffset now)
    {
        OutboundDue = false;
        OutboundAttempts = 0;
        OutboundCarrier = carrier;
        OutboundTrackingNo = trackingNo;
        NextAttemptAt = null;
        LastError = null;
        Fire(Type == AfterSaleType.Repair ? AfterSaleCommand.FinishRepair : AfterSaleCommand.ShipReplacement, Actor.Kernel, note, now);
    }

    /// <summary>A failed outbound attempt: tried again at <paramref name="retryAt"/>.</summary>
    public void RecordOutboundAttemptFailed(string error, DateTimeOffset retryAt, DateTimeOffset now)
    {
        OutboundAttempts++;
        NextAttemptAt = retryAt;
        LastError = error;
        Touch(now);
    }

    /// <summary>
    /// The goods are not sent out but refunded (an exchange whose replacement is out of stock, an irreparable repair):
    /// the lines are priced as a return of them would be (<paramref name="lineAmounts"/> by line number, plus
    /// <paramref name="freight"/>), and the refund runs in the background (<c>PendingRefund</c>). The caller reserves
    /// the money in the order's ledger.
    /// </summary>
    public void RefundInstead(AfterSaleCommand command, IReadOnlyDictionary<int, decimal> lineAmounts, decimal freight, Actor actor, string note, DateTimeOffset now)
    {
        if (!AfterSaleStateMachine.TryNext(Type, Status, command, out var next) || next != AfterSaleStatus.PendingRefund)
        {
            Fire(command, actor, note, now); // throws, naming the status
        }

        foreach (var line in _lines)
        {
            line.Reprice(lineAmounts[line.LineNo]);
        }

        FreightRefund = freight;
        RefundAmount = _lines.Sum(l => l.RefundAmount) + freight;
        OutboundDue = false;
        OutboundAttempts = 0;
        Fire(command, actor, note, now);
    }

    /// <summary>
    /// Records what the inventory said of the replacement: reserved, or refused (out of stock: the returned units are
    /// refunded at the receipt), or given back after the exchange ended.
    /// </summary>
    public void RecordReservation(ReplacementReservation state, string note, DateTimeOffset now)
    {
        Reservation = state;
        LastError = null;
        if (Status == AfterSaleStatus.PendingReturn && !OutboundDue)
        {
            NextAttemptAt = now;
        }

        Append(now, Actor.Kernel, note);
    }

    private void MarkOutboundDue(DateTimeOffset now)
    {
        OutboundDue = true;
        OutboundAttempts = 0;
        NextAttemptAt = now;
        LastError = null;
    }

    // The goods of an exchange are in the warehouse: what only makes sense while they are on their way back is over.
    private void GuardNotReceived(AfterSaleCommand command)
    {
        if (OutboundDue && command is AfterSaleCommand.Withdraw or AfterSaleCommand.ReceiveGoods)
        {
            throw new DomainRuleException(ReasonCodes.IllegalTransition,
                $"{Type} after-sale '{AfterSaleId}' is {Status} with its goods already received: {command} is not possible any more; the replacement ships next.");
        }
    }
}
