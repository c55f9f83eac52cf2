using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Search;

namespace ReversePaas.Host.Outbox;

/// <summary>
/// Keeps the search read model: on any change of an after-sale, reload its latest state and write its document (the
/// seed's rule), so duplicate or reordered messages leave the same document. Hosts deliver concurrently: the write is
/// an upsert that never replaces a document built from a newer version (<see cref="ISearchIndex"/>).
/// </summary>
/// <remarks>
/// A dispatcher pass writes the documents of its whole batch at once when it prepares (one round trip on PostgreSQL
/// rather than one per message): a message whose after-sale's document was written at that version then needs
/// nothing more. Written before its delivery counts is still at least once: a pass that dies before marking its
/// messages leaves them to be delivered, and written, again.
/// </remarks>
internal sealed class SearchDocumentConsumer(ISearchIndex index, ChangedAfterSale changed, TimeProvider time) : IOutboxConsumer
{
    // The version of each after-sale whose document this pass wrote. The consumer is scoped to a dispatcher pass.
    private readonly Dictionary<string, long> _written = new(StringComparer.Ordinal);

    public string Name => "search-model";

    public int Order => 10;

    public bool Accepts(string topic) => topic == OutboxTopics.AfterSaleChanged;

    public async Task PrepareAsync(IReadOnlyList<OutboxMessage> messages, CancellationToken cancellationToken)
    {
        await changed.PrefetchAsync(messages, cancellationToken);
        var now = time.GetUtcNow();
        var documents = new Dictionary<string, AfterSaleSearchDocument>(StringComparer.Ordinal);
        foreach (var message in messages)
        {
            if (!documents.ContainsKey(message.Key) && await changed.GetAsync(message, cancellationToken) is { } sale)
            {
                var document = new AfterSaleSearchDocument();
                SearchDocumentProjection.Apply(document, sale, now);
                documents[message.Key] = document;
            }
        }

        await index.UpsertAllAsync([.. documents.Values], cancellationToken);
        foreach (var document in documents.Values)
        {
            _written[document.AfterSaleId] = document.Version;
        }
    }

    public async Task HandleAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var sale = await changed.GetAsync(message, cancellationToken);
        if (sale is null)
        {
            await index.RemoveAsync(message.Key, cancellationToken);
            return;
        }

        if (_written.TryGetValue(sale.AfterSaleId, out var version) && version == sale.Version)
        {
            return;
        }

        var document = new AfterSaleSearchDocument();
        SearchDocumentProjection.Apply(document, sale, time.GetUtcNow());
        await index.UpsertAsync(document, cancellationToken);
        _written[sale.AfterSaleId] = sale.Version;
    }
}
