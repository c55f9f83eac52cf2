using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// The latest state of the after-sale an <c>after-sale.changed</c> message is about, read for all its consumers
/// (search model, deadlines, execution) instead of once by each. Scoped to a dispatcher pass.
/// </summary>
/// <remarks>
/// <see cref="PrefetchAsync"/> reads the after-sales of a whole claimed batch in one query rather than a round trip per
/// message. That state is never older than a message of the
/// batch: a message commits with its change, and the batch is claimed, so committed, before the read. A change made
/// after the read comes with a newer message, which a later pass delivers with a read of its own. A message outside a
/// prefetched batch is read on its own, once for all its consumers. A consumer that changes the after-sale calls
/// <see cref="Forget"/>, so any consumer after it reads again.
/// </remarks>
internal sealed class ChangedAfterSale(ReverseDbContext db)
{
    // The after-sales read this pass (null: gone), and the messages each read was made for.
    private readonly Dictionary<string, AfterSale?> _sales = new(StringComparer.Ordinal);
    private readonly HashSet<long> _readFor = [];

    /// <summary>Reads, in one query, the after-sales of the batch's <c>after-sale.changed</c> messages not read yet.</summary>
    public Task PrefetchAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
        => ReadAsync([.. batch.Where(m => m.Topic == OutboxTopics.AfterSaleChanged && !IsRead(m))], cancellationToken);

    /// <summary>The after-sale named by the message's key as the database has it now (with its lines), or null.</summary>
    public async Task<AfterSale?> GetAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!IsRead(message))
        {
            await ReadAsync([message], cancellationToken);
        }

        return _sales[message.Key];
    }

    /// <summary>The after-sale changed: the next <see cref="GetAsync"/> about it reads it again.</summary>
    public void Forget(string afterSaleId) => _sales.Remove(afterSaleId);

    private bool IsRead(OutboxMessage message) => _readFor.Contains(message.Id) && _sales.ContainsKey(message.Key);

    private async Task ReadAsync(List<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var keys = messages.Select(m => m.Key).Distinct(StringComparer.Ordinal).ToList();
        var sales = (await db.AfterSales.AsNoTracking().Include(a => a.Lines).AsSingleQuery()
                .Where(a => keys.Contains(a.AfterSaleId))
                .ToListAsync(cancellationToken))
            .ToDictionary(a => a.AfterSaleId, StringComparer.Ordinal);
        foreach (var key in keys)
        {
            // Null when the after-sale is gone: its consumers act on that as they would on a read of their own.
            _sales[key] = sales.GetValueOrDefault(key);
        }

        _readFor.UnionWith(messages.Select(m => m.Id));
    }
}
