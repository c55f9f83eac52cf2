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

    /// <summary>Configures EF Core options for <paramref name="connectionString"/>.</summary>
    public static DbContextOptionsBuilder UseReverseDatabase(this DbContextOptionsBuilder options, string connectionString)
        => EngineOf(connectionString) == DatabaseEngine.PostgreSql
            ? options.UseNpgsql(connectionString)
            : options.UseSqlite(connectionString);

    /// <summary>Adds the database and the store.</summary>
    public static IServiceCollection AddReversePersistence(this IServiceCollection services, string connectionString)
    {
        services.AddDbContext<ReverseDbContext>(o => o.UseReverseDatabase(connectionString));
        services.AddScoped<IReverseStore, EfReverseStore>();
        services.AddSingleton<IOrderLock, InProcessOrderLock>();
        return services;
    }
}
