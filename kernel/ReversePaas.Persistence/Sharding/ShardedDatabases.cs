using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace ReversePaas.Persistence.Sharding;

/// <summary>
/// The shard databases of a sharded host and its home database (<c>ConnectionStrings:ReversePaas</c>), each with a pool
/// of contexts of its own: a context from a shard's pool only ever talks to that shard, so no unit of work can write to
/// two databases. A shard that is the home database as well shares its pool.
/// </summary>
public sealed class ShardedDatabases
{
    private readonly ConcurrentDictionary<string, PooledDbContextFactory<ReverseDbContext>> _pools = new(StringComparer.Ordinal);
    private readonly string _home;

    /// <summary>Creates the pools' owner for <paramref name="map"/>; <paramref name="homeConnectionString"/> holds what is not order data.</summary>
    public ShardedDatabases(ShardMap map, string homeConnectionString)
    {
        Map = map;
        Router = new ShardRouter(map);
        _home = homeConnectionString;
    }

    /// <summary>The range map.</summary>
    public ShardMap Map { get; }

    /// <summary>Routes orders and after-sales to <see cref="Map"/>'s databases.</summary>
    public ShardRouter Router { get; }

    /// <summary>A context (from the shard's pool; disposing returns it) on the shard database <paramref name="database"/>.</summary>
    public ReverseDbContext CreateContext(int database) => Pool(Map.ConnectionStrings[database]).CreateDbContext();

    /// <summary>A context on the home database.</summary>
    public ReverseDbContext CreateHomeContext() => Pool(_home).CreateDbContext();

    /// <summary>True when the shard database <paramref name="database"/> is the home database too.</summary>
    public bool IsHome(int database) => string.Equals(Map.ConnectionStrings[database], _home, StringComparison.Ordinal);

    private PooledDbContextFactory<ReverseDbContext> Pool(string connectionString)
        => _pools.GetOrAdd(connectionString, static cs =>
        {
            var options = new DbContextOptionsBuilder<ReverseDbContext>();
            options.UseReverseDatabase(cs);
            return new PooledDbContextFactory<ReverseDbContext>(options.Options);
        });
}
