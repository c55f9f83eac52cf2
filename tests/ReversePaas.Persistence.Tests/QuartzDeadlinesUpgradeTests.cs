using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Persistence.Schema;

namespace ReversePaas.Persistence.Tests;

/// <summary>
/// Schema version 12 moves deadlines out of Quartz's job store into the <c>deadlines</c> table. A database that ran
/// with Quartz (its tables created by the host as a component schema) must come out of the upgrade with every pending
/// deadline of ours due at the same millisecond, a trigger that was firing kept, and Quartz's tables gone.
/// </summary>
public abstract class QuartzDeadlinesUpgradeTests(DatabaseEngine engine)
{
    private const int LastVersionWithQuartz = 11;

    private static readonly DateTimeOffset Unpaid = DateTimeOffset.FromUnixTimeMilliseconds(1_764_950_400_123);
    private static readonly DateTimeOffset Review = DateTimeOffset.FromUnixTimeMilliseconds(1_765_123_200_456);
    private static readonly DateTimeOffset Firing = DateTimeOffset.FromUnixTimeMilliseconds(1_764_900_000_789);

    [Fact]
    public async Task Upgrading_moves_every_pending_deadline_out_of_quartz_at_its_time_and_drops_quartzs_tables()
    {
        var fixture = new StoreFixture(engine == DatabaseEngine.Sqlite ? TestDatabases.NewSqlite() : await TestDatabases.NewPostgresAsync());
        await using (var db = fixture.NewContext())
        {
            await LegacySchema.ApplyScriptsUpToAsync(db, engine, LastVersionWithQuartz);
            await CreateQuartzTablesAsync(db);
            await InsertTriggerAsync(db, "O-unpaid", "unpaid-order", next: Unpaid, previous: null);
            await InsertTriggerAsync(db, "AS-review", "review-timeout", next: Review, previous: null);
            // Firing when the old host stopped: Quartz had cleared its next time; it must still run.
            await InsertTriggerAsync(db, "AS-firing", "return-shipment-timeout", next: null, previous: Firing);
            await InsertTriggerAsync(db, "something-else", "not-a-deadline", next: Unpaid, previous: null);

            var applied = await SchemaMigrator.MigrateAsync(db, NullLogger.Instance);
            applied.Should().Equal(SchemaMigrator.Scripts(engine).Select(s => s.Version).Where(v => v > LastVersionWithQuartz));
        }

        await using var read = fixture.NewContext();
        var deadlines = await read.Deadlines.AsNoTracking().OrderBy(d => d.Key).ToListAsync();
        deadlines.Select(d => (d.Kind, d.Key, d.DueAt, d.RunId, d.ClaimedUntil)).Should().Equal(
            ("return-shipment-timeout", "AS-firing", Firing, (string?)null, (DateTimeOffset?)null),
            ("review-timeout", "AS-review", Review, null, null),
            ("unpaid-order", "O-unpaid", Unpaid, null, null));
        (await LegacySchema.TablesAsync(read, engine)).Should().NotContain(t => t.StartsWith("qrtz_"));
    }

    [Fact]
    public async Task A_new_database_gets_an_empty_deadlines_table_and_no_quartz_table()
    {
        var fixture = await StoreFixture.CreateAsync(engine);
        await using var read = fixture.NewContext();

        (await read.Deadlines.CountAsync()).Should().Be(0);
        (await LegacySchema.TablesAsync(read, engine)).Should().Contain("deadlines").And.NotContain(t => t.StartsWith("qrtz_"));
    }

    // Part of Quartz.NET 4's ADO job store, with Quartz's column names and types: the table the upgrade reads, and some
    // of the fifteen it drops (Quartz 4's own history tables among them).
    private static async Task CreateQuartzTablesAsync(ReverseDbContext db)
    {
        await db.Database.ExecuteSqlRawAsync(
            """
            CREATE TABLE qrtz_job_details (sched_name VARCHAR(120) NOT NULL, job_name VARCHAR(200) NOT NULL, job_group VARCHAR(200) NOT NULL,
                PRIMARY KEY (sched_name, job_name, job_group));
            CREATE TABLE qrtz_triggers (sched_name VARCHAR(120) NOT NULL, trigger_name VARCHAR(150) NOT NULL, trigger_group VARCHAR(150) NOT NULL,
                job_name VARCHAR(200) NOT NULL, job_group VARCHAR(200) NOT NULL, next_fire_time BIGINT NULL, prev_fire_time BIGINT NULL,
                trigger_state VARCHAR(16) NOT NULL, start_time BIGINT NOT NULL, PRIMARY KEY (sched_name, trigger_name, trigger_group));
            CREATE TABLE qrtz_simple_triggers (sched_name VARCHAR(120) NOT NULL, trigger_name VARCHAR(150) NOT NULL, trigger_group VARCHAR(150) NOT NULL,
                repeat_count BIGINT NOT NULL, PRIMARY KEY (sched_name, trigger_name, trigger_group));
            CREATE TABLE qrtz_fired_triggers (sched_name VARCHAR(120) NOT NULL, entry_id VARCHAR(140) NOT NULL, trigger_name VARCHAR(150) NOT NULL,
                PRIMARY KEY (sched_name, entry_id));
            CREATE TABLE qrtz_locks (sched_name VARCHAR(120) NOT NULL, lock_name VARCHAR(40) NOT NULL, PRIMARY KEY (sched_name, lock_name));
            CREATE TABLE qrtz_execution_history (sched_name VARCHAR(120) NOT NULL, fire_instance_id VARCHAR(140) NOT NULL, PRIMARY KEY (sched_name, fire_instance_id));
            CREATE TABLE qrtz_job_status (sched_name VARCHAR(120) NOT NULL, job_name VARCHAR(200) NOT NULL, PRIMARY KEY (sched_name, job_name));
            """);
    }

    // Times are Quartz's .NET ticks; a missing one is set to NULL afterwards (a raw parameter cannot carry a typeless null).
    private static async Task InsertTriggerAsync(ReverseDbContext db, string key, string group, DateTimeOffset? next, DateTimeOffset? previous)
    {
        var start = ((previous ?? next)!.Value - TimeSpan.FromHours(1)).UtcTicks;
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO qrtz_triggers (sched_name, trigger_name, trigger_group, job_name, job_group, next_fire_time, prev_fire_time, trigger_state, start_time) "
            + "VALUES ('ReversePaas', {0}, {1}, {1}, 'deadlines', {2}, {3}, 'WAITING', {4})",
            [key, group, next?.UtcTicks ?? 0L, previous?.UtcTicks ?? 0L, start]);
        if (next is null)
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE qrtz_triggers SET next_fire_time = NULL WHERE trigger_name = {0}", [key]);
        }

        if (previous is null)
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE qrtz_triggers SET prev_fire_time = NULL WHERE trigger_name = {0}", [key]);
        }
    }
}
