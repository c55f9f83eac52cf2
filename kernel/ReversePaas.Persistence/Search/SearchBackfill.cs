using Microsoft.EntityFrameworkCore;

// string.Compare runs as SQL '>' on the key column; the database's own collation orders both the scan and the
// checkpoint comparison, so they agree whatever that collation is. An ordinal overload would not translate.
#pragma warning disable CA1309

namespace ReversePaas.Persistence.Search;

/// <summary>
/// Fills the search index from the after-sales by primary-key ranges (the seed's back-fill), one transaction per batch
/// with the checkpoint (the last key done) saved in it, so an interrupted run resumes where it stopped. The database
/// index writes in that transaction; another engine's writes come before the checkpoint, so an interruption writes at
/// most one batch again (an upsert, harmless).
/// </summary>
public sealed class SearchBackfill
{
    /// <summary>The checkpoint row's id.</summary>
    public const string CheckpointId = "after-sales";

    private readonly ReverseDbContext _db;
    private readonly ISearchIndex _index;
    private readonly TimeProvider _time;

    /// <summary>Creates the back-fill of <paramref name="index"/> from the after-sales of <paramref name="db"/>, where it also keeps its checkpoint.</summary>
    public SearchBackfill(ReverseDbContext db, ISearchIndex index, TimeProvider time)
    {
        _db = db;
        _index = index;
        _time = time;
    }

    /// <summary>
    /// Runs up to <paramref name="maxBatches"/> batches (all when null) of <paramref name="batchSize"/> after-sales after the
    /// checkpoint; <paramref name="restart"/> starts again from the first key.
    /// </summary>
    public async Task<BackfillResult> RunAsync(int batchSize, int? maxBatches, bool restart, IProgress<BackfillResult>? progress, CancellationToken cancellationToken)
    {
        var checkpoint = await _db.SearchBackfillCheckpoints.FindAsync([CheckpointId], cancellationToken);
        if (checkpoint is null)
        {
            checkpoint = new SearchBackfillCheckpoint { Id = CheckpointId };
            _db.SearchBackfillCheckpoints.Add(checkpoint);
        }

        if (restart)
        {
            checkpoint.LastKey = "";
        }

        var processed = 0;
        for (var batch = 0; maxBatches is null || batch < maxBatches; batch++)
        {
            var lastKey = checkpoint.LastKey;
            var sales = await _db.AfterSales.AsNoTracking().Include(a => a.Lines)
                .Where(a => string.Compare(a.AfterSaleId, lastKey) > 0)
                .OrderBy(a => a.AfterSaleId)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            if (sales.Count == 0)
            {
                break;
            }

            // The outbox consumer writes the same documents meanwhile (on any host): upserts with its version guard,
            // so neither side fails on the key and a document built from a newer version is never replaced.
            await using var transaction = await _db.Database.BeginTransactionAsync(cancellationToken);
            var now = _time.GetUtcNow();
            var documents = new List<AfterSaleSearchDocument>(sales.Count);
            foreach (var sale in sales)
            {
                var document = new AfterSaleSearchDocument();
                SearchDocumentProjection.Apply(document, sale, now);
                documents.Add(document);
            }

            await _index.UpsertAllAsync(documents, cancellationToken);

            checkpoint.LastKey = sales[^1].AfterSaleId;
            checkpoint.Processed += sales.Count;
            checkpoint.UpdatedAt = now;
            await _db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            processed += sales.Count;
            progress?.Report(new BackfillResult(processed, checkpoint.LastKey, false));
        }

        var remaining = await _db.AfterSales.CountAsync(a => string.Compare(a.AfterSaleId, checkpoint.LastKey) > 0, cancellationToken);
        await _db.SaveChangesAsync(cancellationToken);
        return new BackfillResult(processed, checkpoint.LastKey, remaining == 0);
    }
}
