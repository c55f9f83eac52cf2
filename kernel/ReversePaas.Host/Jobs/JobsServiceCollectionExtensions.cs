using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Host.Jobs;

/// <summary>
/// Registers the deadlines: kept in our own table on the host's clock (<see cref="DeadlineScheduler"/>), queued when due
/// by <see cref="DeadlinePump"/>, run by Hangfire (<see cref="DeadlineJob"/>) with its storage on PostgreSQL (schema
/// <c>hangfire</c>, several servers share it) or, on the embedded SQLite default, in a SQLite file beside the database.
/// </summary>
/// <remarks>
/// Hangfire's own scheduled jobs run on the storage's wall clock; a deadline must follow the host's
/// <see cref="TimeProvider"/> (drills and tests move it), so the due time stays in our table and Hangfire runs what is
/// due. Hangfire's process-wide defaults (storage, activator) are not used: each host registers its own, so several hosts
/// in one process never run each other's jobs.
/// </remarks>
internal static class JobsServiceCollectionExtensions
{
    /// <summary>The Hangfire schema on PostgreSQL.</summary>
    public const string PostgresSchema = "hangfire";

    public static IServiceCollection AddDeadlineJobs(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var options = JobsOptions.From(configuration);
        services.AddSingleton(options);
        var storageConnection = StorageConnectionString(connectionString, options);
        services.AddSingleton<JobStorage>(_ => CreateStorage(storageConnection, options));
        if (PersistenceServiceCollectionExtensions.EngineOf(connectionString) == DatabaseEngine.PostgreSql)
        {
            // Registered before the Hangfire server, so it stops after it: then the storage's idle connections are closed.
            services.AddHostedService(_ => new JobStorageConnections(storageConnection));
        }
        services.AddSingleton<JobActivator>(sp => new ServiceScopeJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .UseLogProvider(new HangfireLogProvider(sp.GetRequiredService<ILoggerFactory>()))
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer((_, server) =>
        {
            server.WorkerCount = options.WorkerCount;
            server.SchedulePollingInterval = options.PollingInterval;
        });
        services.AddSingleton<DeadlineSignal>();
        services.AddHostedService<DeadlinePump>();

        services.AddScoped<DeadlineScheduler>();
        services.AddScoped<CombinedPickup>();
        services.AddScoped<Deadlines>();
        return services;
    }

    /// <summary>
    /// On PostgreSQL, Hangfire's own pool: named, so it shows apart in <c>pg_stat_activity</c>, and bounded (its workers,
    /// its long-polling listener and its background processes), so it never takes the connections requests need.
    /// </summary>
    internal static string StorageConnectionString(string connectionString, JobsOptions options)
    {
        if (PersistenceServiceCollectionExtensions.EngineOf(connectionString) != DatabaseEngine.PostgreSql)
        {
            return connectionString;
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString)
        {
            ApplicationName = "reversepaas-hangfire",
            MaxPoolSize = options.WorkerCount + 4,
            MinPoolSize = 0,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Hangfire's storage for <paramref name="connectionString"/>. On PostgreSQL it creates its schema when missing; the
    /// host does that at start under the schema migrator's lock (<see cref="DomainServiceCollectionExtensions"/>), so hosts
    /// starting together create it once.
    /// </summary>
    internal static JobStorage CreateStorage(string connectionString, JobsOptions options)
    {
        if (PersistenceServiceCollectionExtensions.EngineOf(connectionString) == DatabaseEngine.PostgreSql)
        {
            var postgres = new PostgreSqlStorageOptions
            {
                SchemaName = PostgresSchema,
                QueuePollInterval = options.PollingInterval,
                InvisibilityTimeout = options.InvisibilityTimeout,
                UseSlidingInvisibilityTimeout = true,
                // Workers of every server wake on a new run (LISTEN/NOTIFY) instead of waiting for their next poll.
                EnableLongPolling = true,
                PrepareSchemaIfNecessary = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, postgres, null), postgres);
        }

        return new SQLiteStorage(SqliteStoragePath(connectionString), new SQLiteStorageOptions
        {
            QueuePollInterval = options.PollingInterval,
            InvisibilityTimeout = options.InvisibilityTimeout,
        });
    }

    /// <summary>The SQLite file of Hangfire's storage: beside the database, <c>reversepaas.db</c> → <c>reversepaas.hangfire.db</c>.</summary>
    internal static string SqliteStoragePath(string connectionString)
    {
        var database = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrWhiteSpace(database) || database == ":memory:" || database.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:ReversePaas names no database file ('{database}'): deadlines must survive a restart, so the job storage lives in a file beside the database.");
        }

        return Path.ChangeExtension(Path.GetFullPath(database), ".hangfire.db");
    }
}
