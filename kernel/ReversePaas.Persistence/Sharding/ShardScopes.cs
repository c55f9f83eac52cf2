using Microsoft.Extensions.DependencyInjection;

namespace ReversePaas.Persistence.Sharding;

/// <summary>
/// Scopes for background work over order data, one per database that holds some: every shard database on a sharded
/// host, the single database otherwise (<see cref="Databases"/> is then one null, and a scope is a plain scope).
/// </summary>
public sealed class ShardScopes
{
    private static readonly IReadOnlyList<int?> Single = [null];
    private readonly IServiceScopeFactory _scopes;
    private readonly ShardedDatabases? _sharded;

    /// <summary>Creates the scopes; <paramref name="sharded"/> is null on a host without shards.</summary>
    public ShardScopes(IServiceScopeFactory scopes, ShardedDatabases? sharded)
    {
        _scopes = scopes;
        _sharded = sharded;
        Databases = sharded is null ? Single : [.. Enumerable.Range(0, sharded.Map.ConnectionStrings.Count).Select(i => (int?)i)];
    }

    /// <summary>The databases holding order data: each shard's index, or a single null (the one database).</summary>
    public IReadOnlyList<int?> Databases { get; }

    /// <summary>True on a sharded host.</summary>
    public bool IsSharded => _sharded is not null;

    /// <summary>A scope whose <see cref="ReverseDbContext"/> is on <paramref name="database"/> (null: the home database).</summary>
    public IServiceScope CreateScope(int? database)
    {
        var scope = _scopes.CreateScope();
        if (database is not null)
        {
            scope.ServiceProvider.GetRequiredService<ShardScope>().Bind(database);
        }

        return scope;
    }

    /// <summary>
    /// Runs <paramref name="read"/> in a scope on each database holding order data, one after another, and returns
    /// what each gave (in <see cref="Databases"/>' order): the ops views and health checks sum or merge them.
    /// </summary>
    public async Task<IReadOnlyList<T>> OnEachAsync<T>(Func<IServiceProvider, Task<T>> read)
    {
        var results = new List<T>(Databases.Count);
        foreach (var database in Databases)
        {
            using var scope = CreateScope(database);
            results.Add(await read(scope.ServiceProvider));
        }

        return results;
    }

    /// <summary>The database holding <paramref name="orderId"/>'s data; null on a host without shards.</summary>
    public int? DatabaseOfOrder(string orderId) => _sharded?.Router.DatabaseOfOrder(orderId);

    /// <summary>
    /// The database holding the after-sale <paramref name="afterSaleId"/>; null on a host without shards, and for a
    /// malformed id (which no shard holds: the home database answers "none" for it).
    /// </summary>
    public int? DatabaseOfAfterSale(string afterSaleId)
        => _sharded is not null && _sharded.Router.TryDatabaseOfAfterSale(afterSaleId, out var database) ? database : null;
}
