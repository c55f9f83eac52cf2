using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Handlers;

/// <summary>The delivery records of event handlers; each write is its own save.</summary>
public sealed class HandlerDeliveryStore(ReverseDbContext db, TimeProvider time)
{
    /// <summary>The sequence of the last timeline entry of <paramref name="afterSaleId"/> that the handler handled (0: none).</summary>
    public async Task<int> DeliveredThroughAsync(string extensionId, string afterSaleId, CancellationToken cancellationToken)
        => await db.HandlerDeliveries.AsNoTracking()
            .Where(d => d.ExtensionId == extensionId && d.AfterSaleId == afterSaleId)
            .Select(d => (int?)d.DeliveredThrough).FirstOrDefaultAsync(cancellationToken) ?? 0;

    /// <summary>Records that the handler handled the after-sale's timeline up to <paramref name="sequence"/>.</summary>
    public async Task RecordAsync(string extensionId, string afterSaleId, int sequence, CancellationToken cancellationToken)
    {
        var record = await db.HandlerDeliveries.FirstOrDefaultAsync(d => d.ExtensionId == extensionId && d.AfterSaleId == afterSaleId, cancellationToken);
        if (record is null)
        {
            db.HandlerDeliveries.Add(new HandlerDeliveryRecord { ExtensionId = extensionId, AfterSaleId = afterSaleId, DeliveredThrough = sequence, UpdatedAt = time.GetUtcNow() });
        }
        else if (record.DeliveredThrough < sequence)
        {
            record.DeliveredThrough = sequence;
            record.UpdatedAt = time.GetUtcNow();
        }

        await db.SaveChangesAsync(cancellationToken);
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
