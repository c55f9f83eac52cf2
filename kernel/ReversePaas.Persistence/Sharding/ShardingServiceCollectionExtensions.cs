using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Queries;

namespace ReversePaas.Persistence.Sharding;

/// <summary>Registers the databases of a sharded host (a <c>Shards</c> section): see docs/deployment.md, "Adding a shard".</summary>
internal static class ShardingServiceCollectionExtensions
{
    /// <summary>
    /// The scope's <see cref="ReverseDbContext"/> on the database its <see cref="ShardScope"/> names (home when unbound),
    /// the store routing each order to its shard, the read side merging the shards.
    /// </summary>
    public static IServiceCollection AddShardedDatabases(this IServiceCollection services, ShardMap map, string homeConnectionString)
    {
        var databases = new ShardedDatabases(map, homeConnectionString);
        services.AddSingleton(databases);
        services.AddSingleton(databases.Router);
        services.AddScoped(sp =>
        {
            var scope = sp.GetRequiredService<ShardScope>();
            scope.ContextCreated();
            // Disposed with the scope, which returns it to its database's pool.
            return scope.Database is { } database ? databases.CreateContext(database) : databases.CreateHomeContext();
        });
        services.AddSingleton(new ShardedStoreContext(databases));
        services.AddScoped<IReverseStore>(sp => new EfReverseStore(sp.GetRequiredService<ShardedStoreContext>(), sp.GetService<IOutboxSignal>(), sp.GetService<Writes.DirectChangeWriter>()));
        services.AddScoped<IAfterSaleQueries, ShardedAfterSaleQueries>();
        services.AddSingleton(sp => new ShardScopes(sp.GetRequiredService<IServiceScopeFactory>(), databases));
        return services;
    }
}
