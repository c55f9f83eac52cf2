using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.Search;

/// <summary>
/// The search index kept in the product's own database (table <c>after_sale_search</c>): written with the version-guarded
/// upsert of <see cref="SearchDocumentWriter"/>, queried by <see cref="SearchReadModel"/>. Scoped: it works in the
/// caller's context, so a write joins the caller's connection and transaction.
/// </summary>
public sealed class DatabaseSearchIndex(ReverseDbContext db) : ISearchIndex
{
    /// <inheritdoc />
    public Task<bool> UpsertAsync(AfterSaleSearchDocument document, CancellationToken cancellationToken)
        => SearchDocumentWriter.UpsertAsync(db, document, cancellationToken);

    /// <inheritdoc />
    public Task UpsertAllAsync(IReadOnlyList<AfterSaleSearchDocument> documents, CancellationToken cancellationToken)
        => SearchDocumentWriter.UpsertAllAsync(db, documents, cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(string afterSaleId, CancellationToken cancellationToken)
        => db.SearchDocuments.Where(d => d.AfterSaleId == afterSaleId).ExecuteDeleteAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> MatchingIdsAsync(string text, CancellationToken cancellationToken)
        => new SearchReadModel(db).MatchingIdsAsync(text, cancellationToken);

    /// <inheritdoc />
    public Task<int> CountAsync(CancellationToken cancellationToken) => db.SearchDocuments.CountAsync(cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, long>> VersionsAsync(IReadOnlyList<string> afterSaleIds, CancellationToken cancellationToken)
        => await db.SearchDocuments.AsNoTracking().Where(d => afterSaleIds.Contains(d.AfterSaleId))
            .ToDictionaryAsync(d => d.AfterSaleId, d => d.Version, StringComparer.Ordinal, cancellationToken);
}
