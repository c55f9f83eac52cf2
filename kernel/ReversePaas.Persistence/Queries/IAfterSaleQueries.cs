using ReversePaas.Kernel.AfterSales;
using ReversePaas.Sdk;

namespace ReversePaas.Persistence.Queries;

/// <summary>
/// The read side the API and ops views use: <see cref="AfterSaleQueries"/> on one database, or
/// <see cref="Sharding.ShardedAfterSaleQueries"/> composing it over the shard databases.
/// </summary>
public interface IAfterSaleQueries
{
    /// <summary>The after-sale, if <paramref name="actor"/> may see it (<see cref="Kernel.Domain.NotFoundException"/> otherwise).</summary>
    Task<AfterSale> GetAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken);

    /// <summary>The after-sale, hot or archived, and whether it is archived, if <paramref name="actor"/> may see it (404 otherwise).</summary>
    Task<(AfterSale Sale, bool Archived)> FindAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken);

    /// <summary>
    /// A page of after-sales, newest first, the ids of those on it that are archived, and the total matching (the archive
    /// only when <see cref="AfterSaleFilter.IncludeArchived"/>).
    /// </summary>
    Task<(IReadOnlyList<AfterSale> Items, IReadOnlySet<string> Archived, int Total)> ListWithArchiveAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken);

    /// <summary>A page of after-sales, newest first (created, then id), and the total matching.</summary>
    Task<(IReadOnlyList<AfterSale> Items, int Total)> ListAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken);

    /// <summary>After-sales parked for ops or whose background step keeps failing, least recently changed first, at most <paramref name="max"/>.</summary>
    Task<IReadOnlyList<AfterSale>> StuckAsync(int max, CancellationToken cancellationToken);
}
