using Microsoft.EntityFrameworkCore;
using ReversePaas.Persistence.Schema;
using ReversePaas.Persistence.Simulation;

namespace ReversePaas.Persistence.Tests;

/// <summary>
/// The simulators' journal is not part of the product's schema: a migrated database has none of its tables, and its own
/// step creates them (only run when a simulator serves a port), any number of times, keeping what they hold.
/// </summary>
public abstract class SimulatorJournalSchemaTests(DatabaseEngine engine)
{
    [Fact]
    public async Task A_migrated_database_has_no_simulator_table_until_the_journals_own_step_creates_them()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using (var db = fixture.NewContext())
        {
            (await TablesAsync(db.Database)).Should().Contain("after_sales").And.NotContain(t => t.StartsWith("simulator_", StringComparison.Ordinal));
        }

        await using var journal = NewJournal(fixture.ConnectionString);
        SimulatorJournalSchema.EnsureCreated(journal.Database);
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123);
        journal.SimulatorCalls.Add(new SimulatorCallRecord { System = "payment", Operation = "refund", Key = "R-1", OrderId = "O-1", Amount = 33.33m, Outcome = "succeeded", Reference = "PAY-refund-R-1", Detail = "", At = at });
        await journal.SaveChangesAsync();

        // Again, as every start of a host with simulators does: nothing is lost.
        SimulatorJournalSchema.EnsureCreated(journal.Database);

        (await TablesAsync(journal.Database)).Should().Contain(["simulator_calls", "simulator_outcomes", "simulator_attempts"]);
        var call = await journal.SimulatorCalls.AsNoTracking().SingleAsync();
        (call.Key, call.Amount, call.At).Should().Be(("R-1", 33.33m, at));
    }

    private static SimulatorJournalDbContext NewJournal(string connectionString)
    {
        var options = new DbContextOptionsBuilder<SimulatorJournalDbContext>();
        options.UseReverseDatabase(connectionString);
        return new SimulatorJournalDbContext(options.Options);
    }

    private async Task<List<string>> TablesAsync(Microsoft.EntityFrameworkCore.Infrastructure.DatabaseFacade database)
        => await database.SqlQueryRaw<string>(engine == DatabaseEngine.Sqlite
            ? "SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table'"
            : "SELECT table_name::text AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema()").ToListAsync();
}

public sealed class SqliteSimulatorJournalSchemaTests() : SimulatorJournalSchemaTests(DatabaseEngine.Sqlite);

public sealed class PostgresSimulatorJournalSchemaTests() : SimulatorJournalSchemaTests(DatabaseEngine.PostgreSql);
