using ReversePaas.Kernel.AfterSales;
using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence.Queries;
using ReversePaas.Persistence.Search;
using ReversePaas.Sdk;

namespace ReversePaas.Persistence.Sharding;

/// <summary>
/// The read side of a sharded host, composed of one <see cref="AfterSaleQueries"/> per shard database: an after-sale by
/// its id's shard, a list filtered by order on that order's shard, any other list merged from every shard.
/// </summary>
public sealed class ShardedAfterSaleQueries(ShardedDatabases databases, SearchOptions search) : IAfterSaleQueries
{
    /// <inheritdoc />
    public async Task<AfterSale> GetAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
        => (await FindAsync(afterSaleId, actor, cancellationToken)).Sale;

    /// <inheritdoc />
    public async Task<(AfterSale Sale, bool Archived)> FindAsync(string afterSaleId, Actor actor, CancellationToken cancellationToken)
    {
        // A malformed id names no shard, and no after-sale: 404, as on one database.
        if (!databases.Router.TryDatabaseOfAfterSale(afterSaleId, out var database))
        {
            throw new NotFoundException("After-sale", afterSaleId);
        }

        await using var db = databases.CreateContext(database);
        return await On(db).FindAsync(afterSaleId, actor, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<AfterSale> Items, int Total)> ListAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken)
    {
        var (items, _, total) = await ListWithArchiveAsync(filter, actor, cancellationToken);
        return (items, total);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<AfterSale> Items, IReadOnlySet<string> Archived, int Total)> ListWithArchiveAsync(AfterSaleFilter filter, Actor actor, CancellationToken cancellationToken)
    {
        if (filter.OrderId is { Length: > 0 } orderId)
        {
            await using var db = databases.CreateContext(databases.Router.DatabaseOfOrder(orderId));
            return await On(db).ListWithArchiveAsync(filter, actor, cancellationToken);
        }

        // Page p of the merged list lies within the first p × size rows of every shard in the same order: each shard
        // returns those (and its count), the merge sorts them the same way and takes the page. Deep pages cost shards ×
        // p × size rows; the API's page sizes are small, and a merchant's list has its own copy on paper (deployment.md).
        var window = filter with { Page = 1, PageSize = checked(filter.Page * filter.PageSize) };
        var shards = await Task.WhenAll(Enumerable.Range(0, databases.Map.ConnectionStrings.Count).Select(async database =>
        {
            await using var db = databases.CreateContext(database);
            return await On(db).ListWithArchiveAsync(window, actor, cancellationToken);
        }));
        var items = shards.SelectMany(s => s.Items)
            .OrderByDescending(a => a.CreatedAt).ThenByDescending(a => a.AfterSaleId, StringComparer.Ordinal)
            .Skip((filter.Page - 1) * filter.PageSize).Take(filter.PageSize)
            .ToList();
        var archived = new HashSet<string>(shards.SelectMany(s => s.Archived).Where(id => items.Exists(i => i.AfterSaleId == id)), StringComparer.Ordinal);
        return (items, archived, shards.Sum(s => s.Total));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AfterSale>> StuckAsync(int max, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(Enumerable.Range(0, databases.Map.ConnectionStrings.Count).Select(async database =>
        {
            await using var db = databases.CreateContext(database);
            return await On(db).StuckAsync(max, cancellationToken);
        }));
        return [.. shards.SelectMany(s => s).OrderBy(a => a.UpdatedAt).ThenBy(a => a.AfterSaleId, StringComparer.Ordinal).Take(max)];
    }

    // The text search reads the shard's own read model: its documents are written by the shard's outbox.
    private AfterSaleQueries On(ReverseDbContext db) => new(db, search, new DatabaseSearchIndex(db));
}
