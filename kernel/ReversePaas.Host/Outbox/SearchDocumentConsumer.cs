using Microsoft.EntityFrameworkCore;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Search;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// Keeps the search read model: on any change of an after-sale, reload its latest state and overwrite its document
/// (the seed's rule), so duplicate or reordered messages leave the same document.
/// </summary>
internal sealed class SearchDocumentConsumer(ReverseDbContext db, TimeProvider time) : IOutboxConsumer
{
    public string Name => "search-model";

    public bool Accepts(string topic) => topic == OutboxTopics.AfterSaleChanged;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var sale = await db.AfterSales.AsNoTracking().Include(a => a.Lines).FirstOrDefaultAsync(a => a.AfterSaleId == message.Key, cancellationToken);
        var document = await db.SearchDocuments.FirstOrDefaultAsync(d => d.AfterSaleId == message.Key, cancellationToken);
        if (sale is null)
        {
            if (document is not null)
            {
                db.SearchDocuments.Remove(document);
            }

            return;
        }

        if (document is null)
        {
            document = new AfterSaleSearchDocument { AfterSaleId = sale.AfterSaleId };
            db.SearchDocuments.Add(document);
        }

        SearchDocumentProjection.Apply(document, sale, time.GetUtcNow());
    }
}
