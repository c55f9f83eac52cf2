using ReversePaas.Kernel.Domain;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Kernel.AfterSales;

/// <summary>
/// One after-sale (cancellation, refund, return, exchange, repair) of one order. Its status changes only
/// through <see cref="Fire"/>, checked against <see cref="AfterSaleStateMachine"/>; every change appends to
/// the timeline. Money is decimal and only ever claimed against the order's ledger, never edited on the order.
/// </summary>
public sealed partial class AfterSale
{
    private readonly List<AfterSaleLine> _lines = [];
    // Not readonly: stored as JSON columns of the after-sale's row, which EF sets when it reads one.
    private List<TimelineEntry> _timeline = [];
    private List<CapabilityUse> _capabilities = [];
    private List<string> _evidence = [];

    private AfterSale()
    {
        AfterSaleId = OrderId = BusinessIdentity = Reason = ApplicantRole = ApplicantSubject = UserId = VenderId = "";
    }

    /// <summary>Id; carries the order's shard so it routes without a look-up (see <see cref="AfterSaleIds"/>).</summary>
    public string AfterSaleId { get; private set; }

    public string OrderId { get; private set; }

    public AfterSaleType Type { get; private set; }

    /// <summary>Current status.</summary>
    public AfterSaleStatus Status { get; private set; }

    /// <summary>The order's business identity.</summary>
    public string BusinessIdentity { get; private set; }

    /// <summary>The applicant's reason.</summary>
    public string Reason { get; private set; }

    /// <summary>Applicant's role.</summary>
    public string ApplicantRole { get; private set; }

    /// <summary>Applicant's subject.</summary>
    public string ApplicantSubject { get; private set; }

    /// <summary>The order's customer (copied for list filters).</summary>
    public string UserId { get; private set; }

    /// <summary>The order's merchant (copied for list filters; the merchant-side copy's key).</summary>
    public string VenderId { get; private set; }

    /// <summary>Who must review, when review is needed.</summary>
    public Reviewer? ReviewBy { get; private set; }

    /// <summary>Total refund: lines plus freight.</summary>
    public decimal RefundAmount { get; private set; }

    /// <summary>Freight part of the refund.</summary>
    public decimal FreightRefund { get; private set; }

    /// <summary>Evidence URLs.</summary>
    public IReadOnlyList<string> Evidence => _evidence;

    /// <summary>Requested pickup time.</summary>
    public DateTimeOffset? PickupAt { get; private set; }

    /// <summary>Return carrier, once the user shipped.</summary>
    public string? Carrier { get; private set; }

    /// <summary>Return tracking number, once the user shipped.</summary>
    public string? TrackingNo { get; private set; }

    /// <summary>Pickup shipment id, when one was booked.</summary>
    public string? ShipmentId { get; private set; }

    /// <summary>True once the return's logistics were arranged (warehouse inbound, pickup when asked).</summary>
    public bool ReturnArranged { get; private set; }

    /// <summary>True while a cancellation waits for the merchant to confirm it (instead of a warehouse interception).</summary>
    public bool AwaitingConfirmation { get; private set; }

    /// <summary>The order's pickup round the goods were collected in (1 for the order's first), when a pickup was booked.</summary>
    public int? PickupRound { get; private set; }

    /// <summary>When an unanswered review is approved automatically (the identity's <c>review.timeoutHours</c>), if it is.</summary>
    public DateTimeOffset? ReviewDeadline { get; private set; }

    /// <summary>Refund attempts in the current round.</summary>
    public int RefundAttempts { get; private set; }

    /// <summary>
    /// Failed attempts in a row to arrange the return's logistics (warehouse announcement, pickup booking); 0 again once
    /// arranged or retried by ops.
    /// </summary>
    public int ReturnAttempts { get; private set; }

    /// <summary>When the next attempt of the background step (refund, interception, return logistics) is due.</summary>
    public DateTimeOffset? NextAttemptAt { get; private set; }

    /// <summary>The payment system's refund reference.</summary>
    public string? RefundReference { get; private set; }

    /// <summary>The last error of background work, for ops.</summary>
    public string? LastError { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Concurrency token.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// Plugin-owned fields from the application (<c>extensions</c>), checked against their plugins' schemas then; kept
    /// as sent, for the plugins' extensions and the API to read.
    /// </summary>
    public PluginFields PluginFields { get; private set; } = PluginFields.Empty;

    /// <summary>The courier's latest word on the pickup, when the logistics system sent one.</summary>
    public PickupProgress? Pickup { get; private set; }

    /// <summary>Claimed lines.</summary>
    public IReadOnlyList<AfterSaleLine> Lines => _lines;

    /// <summary>History, oldest first.</summary>
    public IReadOnlyList<TimelineEntry> Timeline => _timeline;

    /// <summary>Extensions that ran, in order of first use.</summary>
    public IReadOnlyList<CapabilityUse> Capabilities => _capabilities;

    public Actor Applicant => new(Enum.Parse<ActorRole>(ApplicantRole), ApplicantSubject);

    /// <summary>
    /// True when arranging the return's logistics failed so often that it no longer retries by itself: it waits for ops
    /// (<c>retry-pickup</c>). Parking clears the next attempt, which every failure short of the limit sets.
    /// </summary>
    public bool ReturnParked => Status == AfterSaleStatus.PendingReturn && !OutboundDue && !ReturnArranged && ReturnAttempts > 0 && NextAttemptAt is null;

    /// <summary>True while it still claims goods and money of the order.</summary>
    public bool ClaimsOrder => !AfterSaleStateMachine.ReleasesClaim(Status);

    /// <summary>Opens an after-sale in its type's initial status.</summary>
    public static AfterSale Open(AfterSaleDraft draft, DateTimeOffset now)
    {
        var sale = new AfterSale
        {
            AfterSaleId = draft.AfterSaleId,
            OrderId = draft.OrderId,
            Type = draft.Type,
            Status = AfterSaleStateMachine.Initial(draft.Type),
            BusinessIdentity = draft.Identity.Value,
            Reason = draft.Reason,
            ApplicantRole = draft.Applicant.Role.ToString(),
            ApplicantSubject = draft.Applicant.Subject,
            UserId = draft.UserId,
            VenderId = draft.VenderId,
            FreightRefund = draft.FreightRefund,
            _evidence = [.. draft.Evidence],
            PickupAt = draft.PickupAt,
            PluginFields = draft.PluginFields,
            CreatedAt = now,
            UpdatedAt = now,
            Version = 1,
        };
        foreach (var line in draft.Lines)
        {
            sale._lines.Add(new AfterSaleLine(sale.AfterSaleId, sale.OrderId, line.LineNo, line.SkuId, line.SkuName, line.Quantity, line.RefundAmount, line.ReplacementSkuId));
        }

        sale.RefundAmount = sale._lines.Sum(l => l.RefundAmount) + draft.FreightRefund;
        sale.Append(now, draft.Applicant, string.IsNullOrWhiteSpace(draft.Reason) ? "Applied." : $"Applied: {draft.Reason}");
        return sale;
    }

    /// <summary>
    /// Applies <paramref name="command"/>: moves the status as the state machine says and appends to the
    /// timeline, or throws <see cref="DomainRuleException"/> (<c>illegal-transition</c>) naming the status, the
    /// command and what would be legal.
    /// </summary>
    public void Fire(AfterSaleCommand command, Actor actor, string note, DateTimeOffset now)
    {
        GuardNotReceived(command);
        if (!AfterSaleStateMachine.TryNext(Type, Status, command, out var next))
        {
            var legal = AfterSaleStateMachine.LegalFrom(Type, Status).ToList();
            throw new DomainRuleException(ReasonCodes.IllegalTransition,
                $"{Type} after-sale '{AfterSaleId}' is {Status}: {command} is not possible now. "
                + (legal.Count == 0 ? $"{Status} is final." : $"From {Status} it can only: {string.Join(", ", legal)}."));
        }

        Status = next;
        AwaitingConfirmation = false;
        if (next == AfterSaleStatus.Rejected)
        {
            RejectedAt = now;
        }

        if (next == AfterSaleStatus.PendingReturn && Type == AfterSaleType.Exchange && Reservation is null)
        {
            // Approved: the replacement is reserved next (a background step, so an auto-approval reserves too).
            Reservation = ReplacementReservation.Pending;
        }

        if (next is AfterSaleStatus.PendingRefund or AfterSaleStatus.PendingReturn)
        {
            RefundAttempts = 0;
            ReturnAttempts = 0;
            NextAttemptAt = now;
            LastError = null;
        }

        Append(now, actor, note);
    }

    /// <summary>Records who must review, and when an unanswered review is approved automatically (null: never).</summary>
    public void RouteReview(Reviewer reviewer, DateTimeOffset? deadline = null)
    {
        ReviewBy = reviewer;
        ReviewDeadline = deadline;
    }

    /// <summary>
    /// A cancellation now waits for <paramref name="reviewer"/> to confirm it; nothing runs until they do, or until
    /// <paramref name="deadline"/> (the identity's review timeout; null: no timeout) confirms it for them.
    /// </summary>
    public void AwaitConfirmation(Reviewer reviewer, string note, DateTimeOffset now, DateTimeOffset? deadline = null)
    {
        if (Status != AfterSaleStatus.Intercepting)
        {
            throw new DomainRuleException(ReasonCodes.IllegalTransition, $"{Type} after-sale '{AfterSaleId}' is {Status}: only an intercepting cancellation waits for confirmation.");
        }

        AwaitingConfirmation = true;
        ReviewBy = reviewer;
        ReviewDeadline = deadline;
        NextAttemptAt = null;
        LastError = null;
        Append(now, Actor.Kernel, note);
    }

    /// <summary>Records the user's return shipment (status unchanged: the goods are on their way).</summary>
    public void RecordReturnShipment(string carrier, string trackingNo, Actor actor, DateTimeOffset now)
    {
        if (Status != AfterSaleStatus.PendingReturn)
        {
            throw new DomainRuleException(ReasonCodes.IllegalTransition,
                $"{Type} after-sale '{AfterSaleId}' is {Status}: a return shipment is recorded only while PendingReturn.");
        }

        Carrier = carrier;
        TrackingNo = trackingNo;
        Append(now, actor, $"Return shipped with {carrier}, tracking {trackingNo}.");
    }

    /// <summary>
    /// Records that the return was arranged; <paramref name="shipmentId"/> is the pickup, when one was booked, in the
    /// order's pickup round <paramref name="pickupRound"/>.
    /// </summary>
    public void RecordReturnArranged(string shipmentId, int? pickupRound, DateTimeOffset now)
    {
        ReturnArranged = true;
        ReturnAttempts = 0;
        PickupRound = pickupRound;
        NextAttemptAt = null;
        LastError = null;
        ShipmentId = shipmentId.Length == 0 ? null : shipmentId;
        Append(now, Actor.Kernel, ShipmentId is null ? "Return announced to the warehouse." : $"Return announced to the warehouse; pickup booked: shipment {ShipmentId}.");
    }

    /// <summary>
    /// Records a courier's update of the pickup. Only while the goods are awaited (<c>PendingReturn</c>); an update
    /// older than the one shown is kept out (false; noted on the timeline), so updates that arrive out of order leave the
    /// newest in place.
    /// </summary>
    /// <exception cref="DomainRuleException">The after-sale does not await its goods.</exception>
    public bool RecordPickupUpdate(PickupProgress update, Actor actor, DateTimeOffset now)
    {
        if (Status != AfterSaleStatus.PendingReturn)
        {
            throw new DomainRuleException(ReasonCodes.IllegalTransition,
                $"After-sale '{AfterSaleId}' is {Status}: a pickup update applies only while the goods are awaited (PendingReturn).");
        }

        if (Pickup is { } shown && shown.UpdatedAt > update.UpdatedAt)
        {
            Append(now, actor, $"Pickup {update.Status} of {update.UpdatedAt:O} arrived after the newer {shown.Status}; not shown.");
            return false;
        }

        Pickup = update;
        // The courier's phone stays out of the timeline (it is shown in pickup only).
        Append(now, actor, $"Pickup {update.Status}: courier {update.CourierName}, tracking {update.TrackingNo}.");
        return true;
    }

    /// <summary>Records a failed refund attempt and when to try again.</summary>
    public void RecordRefundAttemptFailed(string error, DateTimeOffset retryAt, DateTimeOffset now)
    {
        RefundAttempts++;
        NextAttemptAt = retryAt;
        LastError = error;
        Touch(now);
    }

    /// <summary>
    /// Records a failed attempt to arrange the return's logistics: tried again at <paramref name="retryAt"/>, or, when
    /// null, parked for ops (noted on the timeline, so the history says why the pickup stopped being tried).
    /// </summary>
    public void RecordReturnAttemptFailed(string error, DateTimeOffset? retryAt, DateTimeOffset now)
    {
        ReturnAttempts++;
        NextAttemptAt = retryAt;
        LastError = error;
        if (retryAt is null)
        {
            Append(now, Actor.Kernel, $"Return logistics parked after {ReturnAttempts} failed attempt(s): {error}");
            return;
        }

        Touch(now);
    }

    /// <summary>Ops retries return logistics that were parked: the attempts start again from 1, at once.</summary>
    /// <exception cref="DomainRuleException">Its return logistics are not parked.</exception>
    public void RetryReturn(Actor actor, DateTimeOffset now)
    {
        if (!ReturnParked)
        {
            throw new DomainRuleException(ReasonCodes.PickupNotParked,
                $"{Type} after-sale '{AfterSaleId}' is {Status}"
                + (Status == AfterSaleStatus.PendingReturn ? (ReturnArranged ? " with its return arranged" : " and its return logistics are still retried by themselves") : "")
                + ": retry-pickup applies only to return logistics parked after repeated failures (listed in /api/v1/ops/stuck as pickup-parked).");
        }

        ReturnAttempts = 0;
        NextAttemptAt = now;
        LastError = null;
        Append(now, actor, "Return logistics retried by ops.");
    }

    /// <summary>Records background work that could not reach a system (the after-sale stays where it is).</summary>
    public void RecordBackgroundError(string error, DateTimeOffset retryAt, DateTimeOffset now)
    {
        NextAttemptAt = retryAt;
        LastError = error;
        Touch(now);
    }

    /// <summary>Records the payment system's reference of a completed refund.</summary>
    public void RecordRefundReference(string reference) => RefundReference = reference;

    /// <summary>Notes an extension that ran (once per point and extension).</summary>
    public void RecordCapability(ExtensionResolution resolution)
    {
        foreach (var extension in resolution.Extensions)
        {
            RecordCapability(resolution.Point.Code, extension.Id, extension.Origin.PluginId);
        }
    }

    /// <summary>Notes an extension that ran (once per point and extension).</summary>
    public void RecordCapability(string point, string extension, string plugin)
    {
        if (!_capabilities.Any(c => c.ExtensionPoint == point && c.Extension == extension))
        {
            _capabilities.Add(new CapabilityUse(_capabilities.Count + 1, point, extension, plugin));
        }
    }

    /// <summary>True when <paramref name="actor"/> applied for it.</summary>
    public bool IsApplicant(Actor actor)
        => string.Equals(ApplicantRole, actor.Role.ToString(), StringComparison.Ordinal)
            && string.Equals(ApplicantSubject, actor.Subject, StringComparison.Ordinal);

    /// <summary>True when <paramref name="actor"/> may see it in its role.</summary>
    public bool IsVisibleTo(Actor actor) => actor.Role switch
    {
        ActorRole.User => string.Equals(actor.Subject, UserId, StringComparison.Ordinal),
        ActorRole.Merchant => string.Equals(actor.Subject, VenderId, StringComparison.Ordinal),
        _ => true,
    };

    private void Append(DateTimeOffset now, Actor actor, string note)
    {
        _timeline.Add(new TimelineEntry(_timeline.Count + 1, now, Status.ToString(), actor.ToString(), note));
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        Version++;
    }
}
