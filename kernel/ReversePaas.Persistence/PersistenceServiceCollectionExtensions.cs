using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence.Locks;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence;

/// <summary>Registers persistence: the context for the configured engine, the store, and the in-process order lock.</summary>
public static class PersistenceServiceCollectionExtensions
{
    /// <summary>The engine a connection string means: <c>Host=…</c> is PostgreSQL, anything else SQLite.</summary>
    public static DatabaseEngine EngineOf(string connectionString)
        => connectionString.Split(';').Any(p => p.Trim().StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
            ? DatabaseEngine.PostgreSql
            : DatabaseEngine.Sqlite;

    /// <summary>
    /// Configures EF Core options for <paramref name="connectionString"/>. On SQLite every connection attaches the archive
    /// file beside the database (<see cref="Archive.ArchiveAttachment"/>); on PostgreSQL the archive is schema
    /// <c>archive</c> of the same database.
    /// </summary>
    public static DbContextOptionsBuilder UseReverseDatabase(this DbContextOptionsBuilder options, string connectionString)
        => EngineOf(connectionString) == DatabaseEngine.PostgreSql
            ? options.UseNpgsql(WithNpgsqlDefaults(connectionString))
            : options.UseSqlite(connectionString).AddInterceptors(new Archive.ArchiveAttachment(connectionString));

    /// <summary>
    /// The connection pool's size when the connection string does not set one: 4 connections per core of this machine,
    /// at least 8: more connections than the cores can serve only add contention (docs/benchmarks.md has the
    /// measurement). A database on a machine of its own, or far away, may want more.
    /// </summary>
    public static int DefaultMaximumPoolSize { get; } = Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>
    /// The context's Npgsql settings where the connection string leaves them out: automatic preparation of the statements
    /// used most, no reset of pooled connections, and a pool of <see cref="DefaultMaximumPoolSize"/>. Every request and
    /// outbox delivery repeats the same few dozen statements, and a prepared one skips PostgreSQL's parse and plan on each
    /// use.
    /// </summary>
    public static string WithNpgsqlDefaults(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        // The keywords the string names, however spelt ("Max Auto Prepare", "maxautoprepare"); the base builder parses
        // quoting, so a password holding ';' or '=' is not mistaken for settings.
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(keyword => keyword.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
        if (!named.Contains("maxautoprepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        // Resetting a pooled connection (with prepared statements kept, five statements) costs PostgreSQL more than many
        // of the queries it precedes, and this context leaves no session state behind: no temporary tables, LISTEN or
        // session settings. The advisory order locks use connections of their own, with the caller's string: their pool
        // is not this one, so a lock waiting in the server never holds one of the context's connections.
        if (!named.Contains("noresetonclose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!named.Contains("maximumpoolsize") && !named.Contains("maxpoolsize"))
        {
            builder.MaxPoolSize = DefaultMaximumPoolSize;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// Adds the database, the store and the order lock <paramref name="locks"/> chooses; with <paramref name="shards"/>,
    /// order data goes to the shard databases it maps (<see cref="Sharding.ShardRouter"/>) and the rest stays in the
    /// database of <paramref name="connectionString"/>. On PostgreSQL, <paramref name="directWrites"/>
    /// (<c>Persistence:DirectWrites</c>) lets the store write its inserts and updates as one hand-made batch instead of
    /// through EF's update pipeline (<see cref="Writes.DirectChangeWriter"/>).
    /// </summary>
    public static IServiceCollection AddReversePersistence(this IServiceCollection services, string connectionString, OrderLockProvider locks = OrderLockProvider.Auto, RedisLockOptions? redis = null, Sharding.ShardMap? shards = null, bool directWrites = true)
    {
        if (directWrites && EngineOf(connectionString) == DatabaseEngine.PostgreSql)
        {
            services.AddSingleton<Writes.DirectChangeWriter>();
        }

        services.AddScoped<Sharding.ShardScope>();
        if (shards is null)
        {
            // Pooled: a request or outbox delivery otherwise spends more on building a context (EF Core resolves its
            // internal services for every new instance) than on some of the queries it runs. The context keeps no state
            // of its own beyond what EF resets when an instance goes back to the pool (docs/benchmarks.md has the effect).
            services.AddDbContextPool<ReverseDbContext>(o => o.UseReverseDatabase(connectionString));
            services.AddScoped<IReverseStore, EfReverseStore>();
            services.AddScoped<Queries.IAfterSaleQueries, Queries.SingleDatabaseAfterSaleQueries>();
            services.AddSingleton(sp => new Sharding.ShardScopes(sp.GetRequiredService<IServiceScopeFactory>(), null));
        }
        else
        {
            Sharding.ShardingServiceCollectionExtensions.AddShardedDatabases(services, shards, connectionString);
        }

        // The simulators' journal: same database, tables of its own (created only when a simulator serves a port).
        services.AddDbContextPool<Simulation.SimulatorJournalDbContext>(o => o.UseReverseDatabase(connectionString));
        services.AddScoped<Search.ISearchIndex, Search.DatabaseSearchIndex>();
        services.AddScoped<Deadlines.DeadlineBook>();
        services.AddScoped<Search.SearchBackfill>();
        services.AddScoped<Search.SearchVerification>();
        services.AddScoped<Outbox.OutboxBacklog>();
        services.AddScoped<DatabaseProbe>();
        var provider = ResolveLockProvider(locks, redis, connectionString);
        switch (provider)
        {
            case OrderLockProvider.Redis:
                services.AddSingleton(redis!);
                services.AddSingleton<RedisOrderLock>();
                services.AddSingleton<IOrderLock>(sp => sp.GetRequiredService<RedisOrderLock>());
                break;
            case OrderLockProvider.PostgreSql:
                services.AddSingleton<IOrderLock>(_ => new PostgresAdvisoryOrderLock(connectionString));
                break;
            default:
                services.AddSingleton<IOrderLock, InProcessOrderLock>();
                break;
        }

        return services;
    }

    /// <summary>
    /// The lock in force: <see cref="OrderLockProvider.Auto"/> means Redis when it is configured, otherwise in-process.
    /// A choice the configuration cannot serve stops the host at start with the reason, rather than running unsafely.
    /// </summary>
    public static OrderLockProvider ResolveLockProvider(OrderLockProvider requested, RedisLockOptions? redis, string connectionString)
    {
        var redisConfigured = !string.IsNullOrWhiteSpace(redis?.Configuration);
        return requested switch
        {
            OrderLockProvider.Auto => redisConfigured ? OrderLockProvider.Redis : OrderLockProvider.InProcess,
            OrderLockProvider.Redis when !redisConfigured => throw new InvalidOperationException("Locks:Provider is Redis but Redis:Configuration is empty: set the Redis endpoint (e.g. 127.0.0.1:6379)."),
            OrderLockProvider.PostgreSql when EngineOf(connectionString) != DatabaseEngine.PostgreSql => throw new InvalidOperationException("Locks:Provider is PostgreSql but the database is SQLite: advisory locks need ConnectionStrings:ReversePaas to be a PostgreSQL one (Host=…)."),
            _ => requested,
        };
    }
}
