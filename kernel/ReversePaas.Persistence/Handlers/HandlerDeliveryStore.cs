using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Handlers;

/// <summary>The delivery records of event handlers; each write is its own save.</summary>
public sealed class HandlerDeliveryStore(ReverseDbContext db, TimeProvider time)
{
    /// <summary>The handler's record for the after-sale (tracked), or null when it has handled nothing of it yet.</summary>
    public Task<HandlerDeliveryRecord?> FindAsync(string extensionId, string afterSaleId, CancellationToken cancellationToken)
        => db.HandlerDeliveries.FirstOrDefaultAsync(d => d.ExtensionId == extensionId && d.AfterSaleId == afterSaleId, cancellationToken);

    /// <summary>
    /// Records that the handler handled the after-sale's timeline up to <paramref name="sequence"/>, on the record
    /// <see cref="FindAsync"/> gave (null: the first); returns the record to advance next time.
    /// </summary>
    public async Task<HandlerDeliveryRecord> AdvanceAsync(HandlerDeliveryRecord? record, string extensionId, string afterSaleId, int sequence, CancellationToken cancellationToken)
    {
        if (record is null)
        {
            record = new HandlerDeliveryRecord { ExtensionId = extensionId, AfterSaleId = afterSaleId };
            db.HandlerDeliveries.Add(record);
        }

        record.DeliveredThrough = sequence;
        record.UpdatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    /// <summary>
    /// Writes an <see cref="Outbox.OutboxTopics.AfterSaleHandlersRetry"/> message for the after-sale: the handlers that
    /// failed are tried again from it, with the outbox's back-off, without holding up the change's own message.
    /// </summary>
    public async Task ScheduleRetryAsync(string afterSaleId, string orderId, CancellationToken cancellationToken)
    {
        db.OutboxMessages.Add(new Outbox.OutboxMessage(Outbox.OutboxTopics.AfterSaleHandlersRetry, afterSaleId, orderId, time.GetUtcNow()));
        await db.SaveChangesAsync(cancellationToken);
    }
}
