using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Outbox;

/// <summary>What the outbox still has to deliver, for the readiness check and the ops view of stuck work.</summary>
public sealed class OutboxBacklog(ReverseDbContext db)
{
    /// <summary>
    /// Messages not yet delivered, how many of them failed at least once, and when the oldest was written. Three reads,
    /// not one snapshot: the dispatchers deliver meanwhile, so what was counted may be gone by the next read.
    /// </summary>
    public async Task<OutboxBacklogSummary> SummaryAsync(CancellationToken cancellationToken)
    {
        var pending = db.OutboxMessages.Where(m => m.DispatchedAt == null);
        var count = await pending.CountAsync(cancellationToken);
        var failing = await pending.CountAsync(m => m.Attempts > 0, cancellationToken);
        var oldest = count == 0 ? null : await pending.OrderBy(m => m.Id).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        return new OutboxBacklogSummary(count, failing, oldest);
    }

    /// <summary>Undelivered messages that failed, or were written before <paramref name="writtenBefore"/>, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> StuckAsync(DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken)
        => await db.OutboxMessages.AsNoTracking()
            .Where(m => m.DispatchedAt == null && (m.Attempts > 0 || m.CreatedAt < writtenBefore))
            .OrderBy(m => m.Id).Take(max)
            .ToListAsync(cancellationToken);
}
