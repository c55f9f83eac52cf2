using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Persistence.Schema;
using ReversePaas.Persistence.Sharding;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The outbox retention sweep on both engines: messages written and dispatched at chosen times of a manual clock, then
/// swept directly (not by the timer). Every test first checks what is in the tables, so none passes on empty ones.
/// </summary>
public abstract class OutboxRetentionTests
{
    private const string Topic = "test.retained";
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(7);

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Messages_dispatched_longer_ago_than_the_retention_go_with_their_deliveries_and_nothing_else_does()
    {
        var clock = new ManualClock(T0);
        await using var rig = await Rig.StartAsync(await NewDatabaseAsync(), clock);
        var now = T0 + Retention + TimeSpan.FromHours(1);
        var cutoff = now - Retention;
        await rig.AddAsync("old-1", T0, m => m.MarkDispatched(T0), "search-model", "settlement");
        await rig.AddAsync("old-2", T0, m => m.MarkDispatched(T0), "search-model", "settlement");
        await rig.AddAsync("old-3", T0, m => m.MarkDispatched(T0), "search-model", "settlement");
        await rig.AddAsync("just-older", T0, m => m.MarkDispatched(cutoff - TimeSpan.FromMilliseconds(1)), "search-model");
        await rig.AddAsync("at-cutoff", T0, m => m.MarkDispatched(cutoff), "search-model");
        // Retention counts from dispatch: a message that waited long for delivery is kept for the full span after it.
        await rig.AddAsync("dispatched-late", T0, m => m.MarkDispatched(now - TimeSpan.FromDays(1)), "search-model");
        await rig.AddAsync("recent", now - TimeSpan.FromHours(1), m => m.MarkDispatched(now - TimeSpan.FromHours(1)), "search-model");
        // Old work still to do: never deleted, whatever its age. The failing one keeps the record of the consumer that had it.
        await rig.AddAsync("failing", T0, m => m.MarkFailed("settlement: down", now + TimeSpan.FromMinutes(1)), "search-model");
        await rig.AddAsync("pending", T0, _ => { });
        await rig.AddAsync("deferred", T0, m => m.Defer("execution: pickup later", now + TimeSpan.FromDays(30)));
        (await rig.MessageKeysAsync()).Should().HaveCount(10);
        (await rig.DeliveriesAsync()).Should().HaveCount(11);
        clock.Advance(now - T0);

        var swept = await rig.NewSweep().SweepOnceAsync(default);

        swept.Should().Be((4, 7));
        (await rig.MessageKeysAsync()).Should().Equal("at-cutoff", "dispatched-late", "recent", "failing", "pending", "deferred");
        (await rig.DeliveriesAsync()).Should().Equal(("at-cutoff", "search-model"), ("dispatched-late", "search-model"), ("recent", "search-model"), ("failing", "search-model"));

        (await rig.NewSweep().SweepOnceAsync(default)).Should().Be((0, 0), "a second sweep finds nothing more");
        (await rig.MessageKeysAsync()).Should().HaveCount(6);
        (await rig.DeliveriesAsync()).Should().HaveCount(4);
    }

    [Fact]
    public async Task A_backlog_larger_than_a_batch_is_swept_in_batches_until_none_is_left()
    {
        var clock = new ManualClock(T0);
        await using var rig = await Rig.StartAsync(await NewDatabaseAsync(), clock);
        for (var i = 1; i <= 5; i++)
        {
            await rig.AddAsync($"old-{i}", T0, m => m.MarkDispatched(T0), "search-model");
        }

        await rig.AddAsync("pending", T0, _ => { });
        (await rig.MessageKeysAsync()).Should().HaveCount(6);
        (await rig.DeliveriesAsync()).Should().HaveCount(5);
        clock.Advance(Retention + TimeSpan.FromDays(1));

        var swept = await rig.NewSweep(batchSize: 2).SweepOnceAsync(default);

        swept.Should().Be((5, 5), "three batches: two full, then the last one");
        (await rig.MessageKeysAsync()).Should().Equal("pending");
        (await rig.DeliveriesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task Hosts_sweeping_at_once_delete_each_row_once_between_them()
    {
        var clock = new ManualClock(T0);
        await using var rig = await Rig.StartAsync(await NewDatabaseAsync(), clock);
        for (var i = 1; i <= 9; i++)
        {
            await rig.AddAsync($"old-{i}", T0, m => m.MarkDispatched(T0), "search-model", "settlement");
        }

        await rig.AddAsync("recent", T0 + Retention, m => m.MarkDispatched(T0 + Retention), "search-model");
        (await rig.MessageKeysAsync()).Should().HaveCount(10);
        (await rig.DeliveriesAsync()).Should().HaveCount(19);
        clock.Advance(Retention + TimeSpan.FromHours(1));

        // Two hosts' sweeps (own scopes, own connections) started together, with small batches so that they interleave.
        var sweeps = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => rig.NewSweep(batchSize: 2).SweepOnceAsync(default))));

        (sweeps.Sum(s => s.Messages), sweeps.Sum(s => s.Deliveries)).Should().Be((9, 18), "every old row is deleted, and counted by the sweep that deleted it");
        (await rig.MessageKeysAsync()).Should().Equal("recent");
        (await rig.DeliveriesAsync()).Should().Equal(("recent", "search-model"));
    }

    /// <summary>One database with the schema; messages written as the dispatcher leaves them.</summary>
    private sealed class Rig(ServiceProvider services, TimeProvider clock) : IAsyncDisposable
    {
        public static async Task<Rig> StartAsync(string connectionString, TimeProvider clock)
        {
            var collection = new ServiceCollection();
            collection.AddDbContext<ReverseDbContext>(o => o.UseReverseDatabase(connectionString));
            var services = collection.BuildServiceProvider();
            using var scope = services.CreateScope();
            await SchemaMigrator.MigrateAsync(scope.ServiceProvider.GetRequiredService<ReverseDbContext>(), NullLogger.Instance);
            return new Rig(services, clock);
        }

        public OutboxRetentionSweep NewSweep(int batchSize = 1000) =>
            new(new ShardScopes(services.GetRequiredService<IServiceScopeFactory>(), null), new OutboxOptions { RetainDispatchedFor = Retention }, clock, NullLogger<OutboxRetentionSweep>.Instance)
            {
                BatchSize = batchSize,
            };

        /// <summary>A message created at <paramref name="createdAt"/>, put in its state by <paramref name="state"/>, delivered to <paramref name="consumers"/>.</summary>
        public async Task AddAsync(string key, DateTimeOffset createdAt, Action<OutboxMessage> state, params string[] consumers)
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            var message = new OutboxMessage(Topic, key, "O-1", createdAt);
            state(message);
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
            db.OutboxDeliveries.AddRange(consumers.Select(c => new OutboxDelivery(message.Id, c, message.DispatchedAt ?? createdAt)));
            await db.SaveChangesAsync();
        }

        public async Task<List<string>> MessageKeysAsync()
        {
            using var scope = services.CreateScope();
            return await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().OutboxMessages.AsNoTracking().OrderBy(m => m.Id).Select(m => m.Key).ToListAsync();
        }

        /// <summary>Every delivery record, as (message key, consumer); a record without its message shows as a null key.</summary>
        public async Task<List<(string? Key, string Consumer)>> DeliveriesAsync()
        {
            using var scope = services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            var rows = await db.OutboxDeliveries.AsNoTracking()
                .OrderBy(d => d.MessageId).ThenBy(d => d.Consumer)
                .Select(d => new { Key = db.OutboxMessages.Where(m => m.Id == d.MessageId).Select(m => m.Key).FirstOrDefault(), d.Consumer })
                .ToListAsync();
            return [.. rows.Select(r => (r.Key, r.Consumer))];
        }

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
