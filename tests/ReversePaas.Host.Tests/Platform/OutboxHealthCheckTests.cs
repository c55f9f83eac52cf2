using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Host.Health;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Schema;


namespace ReversePaas.Host.Tests.Platform;

/// <summary>The outbox check reads while dispatchers deliver: messages gone between its reads are no failure.</summary>
public sealed class OutboxHealthCheckTests
{
    [Fact]
    public async Task Messages_delivered_between_the_checks_reads_leave_the_outbox_healthy()
    {
        // The CI failure this reproduces: the check counted pending messages, a dispatcher delivered them, and the look
        // at the oldest one threw "Sequence contains no elements": /readyz 503, the host out of rotation for nothing.
        var connectionString = TestDatabases.NewSqlite();
        var deliverAfterCount = new DeliverAfterFirstCount(connectionString);
        var services = new ServiceCollection();
        services.AddDbContext<ReverseDbContext>(o => o.UseReverseDatabase(connectionString).AddInterceptors(deliverAfterCount));
        services.AddScoped<OutboxBacklog>();
        await using var provider = services.BuildServiceProvider();
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            await SchemaMigrator.MigrateAsync(db, NullLogger.Instance);
            db.OutboxMessages.AddRange(Enumerable.Range(1, 3).Select(i => new OutboxMessage(OutboxTopics.AfterSaleChanged, $"AS-{i}", "O-1", DateTimeOffset.UtcNow)));
            await db.SaveChangesAsync();
        }

        deliverAfterCount.Armed = true;
        var check = new OutboxHealthCheck(provider.GetRequiredService<IServiceScopeFactory>(), new OutboxOptions(), TimeProvider.System);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        deliverAfterCount.Delivered.Should().Be(3, "the three messages were delivered right after the check counted them");
        result.Status.Should().Be(HealthStatus.Healthy, result.Description);
        result.Data["pending"].Should().Be(3, "counted before they were delivered");
        result.Data["oldestPendingSeconds"].Should().Be(0L, "none is pending by the time the check looks for the oldest");
    }

    /// <summary>Delivers every pending message, on a connection of its own, once the first count's reader is done.</summary>
    private sealed class DeliverAfterFirstCount(string connectionString) : DbCommandInterceptor
    {
        public bool Armed { get; set; }

        public int Delivered { get; private set; } = -1;

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            if (Armed && Delivered < 0 && command.CommandText.Contains("COUNT(", StringComparison.OrdinalIgnoreCase))
            {
                using var connection = new SqliteConnection(connectionString);
                connection.Open();
                using var deliver = connection.CreateCommand();
                deliver.CommandText = "UPDATE outbox_messages SET dispatched_at = 1 WHERE dispatched_at IS NULL";
                Delivered = deliver.ExecuteNonQuery();
            }

            return result;
        }
    }
}
