using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReversePaas.Host.Execution;
using ReversePaas.Host.Jobs;
using ReversePaas.Host.Outbox;
using ReversePaas.Host.Ports;
using ReversePaas.Host.Simulators;
using ReversePaas.Kernel.Activities;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Archive;
using ReversePaas.Persistence.Locks;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Queries;
using ReversePaas.Persistence.Schema;
using ReversePaas.Persistence.Search;
using ReversePaas.Persistence.Simulation;
using ReversePaas.Plugins;

namespace ReversePaas.Host;

/// <summary>Registers the reverse-fulfilment kernel: persistence, the four activities, the ports' simulators, the executor.</summary>
internal static class DomainServiceCollectionExtensions
{

    public static IServiceCollection AddReverseFulfilment(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var connectionString = ConnectionString(configuration, environment);
        var activities = configuration.GetSection("Activities").Get<ActivityOptions>() ?? new ActivityOptions();
        // API.md names the unpaid window Orders:UnpaidTimeout; it lives with the other activity timings.
        if (configuration.GetValue<TimeSpan?>("Orders:UnpaidTimeout") is { } unpaid)
        {
            activities.UnpaidTimeout = unpaid;
        }

        services.AddSingleton(activities);
        var redis = new RedisLockOptions { Configuration = configuration["Redis:Configuration"] ?? "" };
        configuration.GetSection("Locks:Redis").Bind(redis);
        // Refused here, before anything runs, when the range map cannot work (the message says why).
        var shards = ReversePaas.Persistence.Sharding.ShardMap.From(configuration, connectionString);
        services.AddReversePersistence(connectionString, configuration.GetValue("Locks:Provider", OrderLockProvider.Auto), redis, shards,
            directWrites: configuration.GetValue("Persistence:DirectWrites", true));
        services.AddScoped<AfterSaleQueries>();
        services.AddSingleton(configuration.GetSection("Search").Get<SearchOptions>() ?? new SearchOptions());
        // The framework's packages may have registered the plain system clock already; a test (or an ops drill) may
        // bring its own clock, which stays.
        if (services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider)) is not { } clock || ReferenceEquals(clock.ImplementationInstance, TimeProvider.System))
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new MillisecondTimeProvider()));
        }

        services.AddSingleton<SimulatorJournal>();
        services.Configure<SimulatorOptions>(configuration.GetSection("Simulators"));
        services.AddPorts(configuration);

        services.AddOutbox(configuration);
        services.AddArchive(configuration);
        services.AddScoped<ChangedAfterSale>();
        services.AddScoped<ReversePaas.Persistence.Handlers.HandlerDeliveryStore>();
        services.AddOutboxConsumers();

        services.AddScoped(sp => new ForwardOrders(
            sp.GetRequiredService<IReverseStore>(),
            sp.GetRequiredService<IOrderLock>(),
            () => sp.GetRequiredService<PluginRuntime>().Mappings.Rules,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ActivityOptions>()));
        services.AddScoped<AfterSaleWork>();
        services.AddScoped<ApplicationActivity>();
        services.AddScoped<InterceptionStep>();
        services.AddScoped<InterceptionActivity>();
        services.AddScoped<ReviewActivity>();
        services.AddScoped<ExecutionActivity>();
        services.AddDeadlineJobs(configuration, connectionString);
        services.AddSingleton<ExecutionResilience>();
        return services;
    }

    /// <summary>Creates or upgrades the schema before the host serves anything.</summary>
    public static void MigrateDatabase(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers run beside the writer; Microsoft.Data.Sqlite retries a busy database until the command
            // timeout (30 s by default), so concurrent writers wait instead of failing.
            db.Database.ExecuteSqlRaw("PRAGMA journal_mode=WAL;");
            // The archive file (attached on every connection) likewise: its journal mode is its own.
            db.Database.ExecuteSqlRaw("PRAGMA archive.journal_mode=WAL;");
        }

        // Hangfire creates its schema when its storage is first made: under the migration lock, so hosts starting together
        // on PostgreSQL create it once.
        // The simulators' journal likewise, and only when a simulator serves a port.
        SchemaMigrator.MigrateAsync(db, app.Logger, () =>
        {
            app.Services.GetRequiredService<Hangfire.JobStorage>();
            if (app.Services.GetService<SimulatorsInUse>() is not null)
            {
                SimulatorJournalSchema.EnsureCreated(db.Database);
            }
        }).GetAwaiter().GetResult();

        // Every shard database has the whole schema (the same scripts, under each database's own migration lock): the
        // order tables, and the outbox, deadlines and read model their orders' changes feed.
        if (app.Services.GetService<ReversePaas.Persistence.Sharding.ShardedDatabases>() is { } shards)
        {
            for (var database = 0; database < shards.Map.ConnectionStrings.Count; database++)
            {
                if (!shards.IsHome(database))
                {
                    using var shard = shards.CreateContext(database);
                    SchemaMigrator.MigrateAsync(shard, app.Logger).GetAwaiter().GetResult();
                }
            }
        }
    }

    private static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration.GetConnectionString("ReversePaas");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = Path.Combine(environment.ContentRootPath, "data");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "reversepaas.db")}";
    }
}
