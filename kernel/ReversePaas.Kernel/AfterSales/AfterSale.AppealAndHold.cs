using ReversePaas.Kernel.Domain;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Kernel.AfterSales;

// The appeal of a rejection and the risk hold of a refund (API.md v1.1): kept beside the rest of AfterSale, whose
// status still changes only through Fire.
public sealed partial class AfterSale
{
    /// <summary>When it was last rejected (the appeal window runs from here).</summary>
    public DateTimeOffset? RejectedAt { get; private set; }

    /// <summary>Appeals made (at most one: a rejected appeal is final).</summary>
    public int AppealCount { get; private set; }

    /// <summary>The applicant's reason for the appeal.</summary>
    public string? AppealReason { get; private set; }

    /// <summary>Why risk control holds it (null: not held); no refund runs while held.</summary>
    public string? HoldReason { get; private set; }

    /// <summary>Who holds it.</summary>
    public string? HoldBy { get; private set; }

    /// <summary>Since when it is held.</summary>
    public DateTimeOffset? HoldAt { get; private set; }

    /// <summary>True while risk control holds its refund.</summary>
    public bool IsHeld => HoldAt is not null;

    /// <summary>
    /// The applicant appeals the rejection: once, and no later than <paramref name="within"/> after it. The caller
    /// re-claims the goods and money (the rejection released them).
    /// </summary>
    public void Appeal(string reason, Actor actor, TimeSpan within, DateTimeOffset now)
    {
        if (Status == AfterSaleStatus.Rejected && AppealCount > 0)
        {
            throw new DomainRuleException(ReasonCodes.AlreadyAppealed, $"After-sale '{AfterSaleId}' was appealed once and the appeal was rejected: the rejection is final.");
        }

        // Rows rejected before the rejection time was stored: their timeline says when.
        var rejectedAt = RejectedAt ?? _timeline.LastOrDefault(t => t.Status == nameof(AfterSaleStatus.Rejected))?.At;
        if (Status == AfterSaleStatus.Rejected && rejectedAt is { } at && now > at + within)
        {
            throw new DomainRuleException(ReasonCodes.AppealWindowClosed,
                $"After-sale '{AfterSaleId}' was rejected at {at:yyyy-MM-dd HH:mm} UTC; appeals were possible until {at + within:yyyy-MM-dd HH:mm} UTC.");
        }

        Fire(AfterSaleCommand.Appeal, actor, $"Appealed: {reason}", now);
        AppealCount++;
        AppealReason = reason;
    }

    /// <summary>Risk control holds it: no refund runs until <see cref="ReleaseHold"/>. Not on a finished after-sale.</summary>
    public void Hold(string reason, Actor actor, DateTimeOffset now)
    {
        if (Status is AfterSaleStatus.Completed or AfterSaleStatus.Rejected or AfterSaleStatus.Withdrawn or AfterSaleStatus.InterceptionFailed)
        {
            throw new DomainRuleException(ReasonCodes.HoldFinished, $"After-sale '{AfterSaleId}' is {Status}: there is nothing left to hold.");
        }

        if (IsHeld)
        {
            throw new DomainRuleException(ReasonCodes.AlreadyHeld, $"After-sale '{AfterSaleId}' is already held by {HoldBy} since {HoldAt:yyyy-MM-dd HH:mm} UTC: {HoldReason}");
        }

        HoldReason = reason;
        HoldBy = actor.ToString();
        HoldAt = now;
        Append(now, actor, $"Held by risk control: {reason}");
    }

    /// <summary>Risk control releases its hold; a waiting refund is due at once.</summary>
    public void ReleaseHold(Actor actor, DateTimeOffset now)
    {
        if (!IsHeld)
        {
            throw new DomainRuleException(ReasonCodes.NotHeld, $"After-sale '{AfterSaleId}' is not held.");
        }

        HoldReason = HoldBy = null;
        HoldAt = null;
        if (Status == AfterSaleStatus.PendingRefund)
        {
            NextAttemptAt = now;
        }

        Append(now, actor, "Hold released.");
    }
}
