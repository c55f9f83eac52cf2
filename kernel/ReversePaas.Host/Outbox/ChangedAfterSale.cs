using Microsoft.EntityFrameworkCore;
using ReversePaas.Kernel.AfterSales;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// The latest state of the after-sale an <c>after-sale.changed</c> message is about, read once per message for all its
/// consumers (search model, deadlines, execution) instead of once by each: two of the three reads a delivery made
/// (docs/benchmarks.md, third round). Scoped to a dispatcher pass; a new message means a new read, so the consumers of
/// a later change of the same after-sale see that change. A consumer that changes the after-sale calls
/// <see cref="Forget"/>, so any consumer after it reads again.
/// </summary>
internal sealed class ChangedAfterSale(ReverseDbContext db)
{
    private long? _messageId;
    private AfterSale? _sale;

    /// <summary>The after-sale named by the message's key as the database has it now (with its lines), or null.</summary>
    public async Task<AfterSale?> GetAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (_messageId != message.Id)
        {
            _sale = await db.AfterSales.AsNoTracking().Include(a => a.Lines).AsSingleQuery()
                .FirstOrDefaultAsync(a => a.AfterSaleId == message.Key, cancellationToken);
            _messageId = message.Id;
        }

        return _sale;
    }

    /// <summary>The after-sale changed: the next <see cref="GetAsync"/> reads it again.</summary>
    public void Forget()
    {
        _messageId = null;
        _sale = null;
    }
}
