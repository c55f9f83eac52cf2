namespace ReversePaas.Persistence.Search;

/// <summary>
/// Where after-sales are indexed for the list's <c>q=</c>: written by the outbox's <c>search-model</c> consumer,
/// read by <see cref="Queries.AfterSaleQueries"/>, filled and checked by <see cref="SearchBackfill"/> and
/// <see cref="SearchVerification"/>. The product's index is the database read model (<see cref="DatabaseSearchIndex"/>:
/// SQLite FTS5, PostgreSQL pg_trgm); another engine, such as an Elasticsearch cluster, is one more implementation of
/// these members (docs/persistence.md, "The search index is a seam").
/// </summary>
public interface ISearchIndex
{
    /// <summary>
    /// Stores <paramref name="document"/> unless the index holds one built from a newer version of the after-sale
    /// (several hosts index at once; a late writer must change nothing). True when it was written.
    /// </summary>
    Task<bool> UpsertAsync(AfterSaleSearchDocument document, CancellationToken cancellationToken);

    /// <summary><see cref="UpsertAsync"/> for the documents of several after-sales, in as few round trips as the engine allows.</summary>
    Task UpsertAllAsync(IReadOnlyList<AfterSaleSearchDocument> documents, CancellationToken cancellationToken);

    /// <summary>Removes the document of an after-sale that no longer exists (idempotent).</summary>
    Task RemoveAsync(string afterSaleId, CancellationToken cancellationToken);

    /// <summary>Ids of the after-sales whose document matches <paramref name="text"/> (substring, and similarity where the engine has it).</summary>
    Task<IReadOnlyList<string>> MatchingIdsAsync(string text, CancellationToken cancellationToken);

    /// <summary>How many documents the index holds (the verification's count check against the after-sales).</summary>
    Task<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The version each document of <paramref name="afterSaleIds"/> was built from; an after-sale without a document is
    /// absent from the answer (the verification's sample).
    /// </summary>
    Task<IReadOnlyDictionary<string, long>> VersionsAsync(IReadOnlyList<string> afterSaleIds, CancellationToken cancellationToken);
}
