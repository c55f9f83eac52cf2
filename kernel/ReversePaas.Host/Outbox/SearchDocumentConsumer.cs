using Microsoft.EntityFrameworkCore;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Search;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// Keeps the search read model: on any change of an after-sale, reload its latest state and write its document (the
/// seed's rule), so duplicate or reordered messages leave the same document. Hosts deliver concurrently: the write is
/// an upsert that never replaces a document built from a newer version (<see cref="SearchDocumentWriter"/>).
/// </summary>
internal sealed class SearchDocumentConsumer(ReverseDbContext db, ChangedAfterSale changed, TimeProvider time) : IOutboxConsumer
{
    public string Name => "search-model";

    public bool Accepts(string topic) => topic == OutboxTopics.AfterSaleChanged;

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var sale = await changed.GetAsync(message, cancellationToken);
        if (sale is null)
        {
            await db.SearchDocuments.Where(d => d.AfterSaleId == message.Key).ExecuteDeleteAsync(cancellationToken);
            return;
        }

        var document = new AfterSaleSearchDocument();
        SearchDocumentProjection.Apply(document, sale, time.GetUtcNow());
        await SearchDocumentWriter.UpsertAsync(db, document, cancellationToken);
    }
}
