using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Kernel.Domain;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Archive;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Archive;

/// <summary>
/// Cold and hot data over REST, on both engines (issue 20): after-sales made at chosen times of a manual clock, the clock
/// moved past <c>Archive:After</c> (default 180 days), the mover run directly (the background one is off), then what
/// moved, what stayed, and what the API answers about both. Every count is checked before it is relied on.
/// </summary>
public abstract class ArchiveTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly object[] OneUnitOfA = [new { skuId = "A", quantity = 1 }];

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task Finished_after_sales_older_than_After_move_to_the_archive_stay_readable_and_are_read_only()
    {
        var clock = new ManualClock(T0);
        var database = await NewDatabaseAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database, clock, "Archive:Enabled=false");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(T0).Line(1, "A", 3, 33.33m);
        await api.RegisterAsync(order);
        var completed = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        await api.ActAsync(completed, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        (await api.AwaitStatusAsync(completed, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed)).Status.Should().Be(AfterSaleStatus.Completed);
        clock.Advance(TimeSpan.FromMinutes(1));
        var withdrawn = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        (await api.ActOnAsync(withdrawn, "withdraw", RunningHost.UserKey)).Status.Should().Be(AfterSaleStatus.Withdrawn);
        clock.Advance(TimeSpan.FromMinutes(1));
        // Its appeal window (7 days) closes long before it is old enough.
        var rejected = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        (await api.ActOnAsync(rejected, "review", RunningHost.CustomerServiceKey, new { decision = "Reject" })).Status.Should().Be(AfterSaleStatus.Rejected);

        // Another order: a repair left Repairing (unfinished, as old as the others) and a withdrawal made recently.
        var other = new OrderBuilder().Completed(T0).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(other);
        var repairing = (await api.ApplyForAsync(other.OrderId, "Repair", OneUnitOfA)).AfterSaleId;
        await api.ActAsync(repairing, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        (await api.ActOnAsync(repairing, "warehouse-receipt", RunningHost.SystemKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } })).Status.Should().Be(AfterSaleStatus.Repairing);
        clock.Advance(TimeSpan.FromDays(175));
        var young = (await api.ApplyForAsync(other.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        (await api.ActOnAsync(young, "withdraw", RunningHost.UserKey)).Status.Should().Be(AfterSaleStatus.Withdrawn);
        string[] old = [completed, withdrawn, rejected];
        var before = new Dictionary<string, AfterSaleResponse>();
        foreach (var id in old)
        {
            before[id] = await api.SaleAsync(id);
        }

        clock.Advance(TimeSpan.FromDays(6));
        await DeliveredAsync(host, old);
        (await HotIdsAsync(database)).Should().Contain(new[] { completed, withdrawn, rejected, repairing, young });

        var moved = await host.Services.GetRequiredService<ArchiveMover>().MoveOnceAsync(default);

        moved.Should().Be(3, "the completed, withdrawn and rejected after-sales are finished and 181 days old; the repair is unfinished, the withdrawal 6 days old");
        (await HotIdsAsync(database)).Should().NotIntersectWith(old).And.Contain(new[] { repairing, young });
        (await ArchivedIdsAsync(database)).Should().BeEquivalentTo(old);
        (await host.Services.GetRequiredService<ArchiveMover>().MoveOnceAsync(default)).Should().Be(0, "nothing more is due");

        foreach (var id in old)
        {
            var archived = await api.SaleAsync(id);
            archived.Archived.Should().BeTrue();
            archived.Should().BeEquivalentTo(before[id] with { Archived = true }, "an archived after-sale reads as it was, lines and timeline included");
        }

        (await api.SaleAsync(completed)).Lines.Should().ContainSingle().Which.RefundAmount.Should().Be(33.33m);
        (await api.SaleAsync(repairing)).Archived.Should().BeFalse();
        (await api.SaleAsync(young)).Archived.Should().BeFalse();
        (await api.SaleAsync(completed, RunningHost.UserKey)).Archived.Should().BeTrue("the applicant reads it too");
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/after-sales/{completed}", RunningHost.OtherUserKey)).Status.Should().Be(HttpStatusCode.NotFound, "whom it is hidden from stays the same");

        // Lists: hot by default, the archive merged in with archived=true.
        var hotOfOrder = await api.ListAsync(RunningHost.CustomerServiceKey, $"?orderId={order.OrderId}");
        (hotOfOrder.Total, hotOfOrder.Items.Count).Should().Be((0, 0));
        var allOfOrder = await api.ListAsync(RunningHost.CustomerServiceKey, $"?orderId={order.OrderId}&archived=true");
        allOfOrder.Total.Should().Be(3);
        allOfOrder.Items.Select(i => i.AfterSaleId).Should().Equal(rejected, withdrawn, completed);
        allOfOrder.Items.Should().OnlyContain(i => i.Archived);
        var everythingHot = await api.ListAsync(RunningHost.CustomerServiceKey, "?pageSize=200");
        everythingHot.Items.Select(i => i.AfterSaleId).Should().BeEquivalentTo(new[] { young, repairing });
        (await api.ListAsync(RunningHost.CustomerServiceKey, "?pageSize=200&archived=false")).Total.Should().Be(2);
        (await api.ListAsync(RunningHost.CustomerServiceKey, "?pageSize=200&archived=true")).Total.Should().Be(5);

        // Writes: 409 after-sale-archived, nothing changed.
        var (status, problem, response) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{completed}/withdraw", RunningHost.UserKey, new { });
        status.Should().Be(HttpStatusCode.Conflict, problem?.ToJsonString());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        ((string)problem!["reason"]!).Should().Be(ReasonCodes.AfterSaleArchived);
        (status, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{rejected}/appeal", RunningHost.UserKey, new { reason = "Half a year later." });
        status.Should().Be(HttpStatusCode.Conflict, problem?.ToJsonString());
        ((string)problem!["reason"]!).Should().Be(ReasonCodes.AfterSaleArchived);
        (status, _, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{completed}/withdraw", RunningHost.OtherUserKey, new { });
        status.Should().Be(HttpStatusCode.NotFound);
        (await api.SaleAsync(completed)).Should().BeEquivalentTo(before[completed] with { Archived = true });
        (await api.SaleAsync(rejected)).Should().BeEquivalentTo(before[rejected] with { Archived = true });

        // A new application on the order still counts the archived refund's unit: 3 − 1 units remain, not 3.
        (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = order.OrderId, type = "RefundOnly", reason = "test", lines = new[] { new { skuId = "A", quantity = 3 } }, evidence = Array.Empty<string>() });
        status.Should().Be(HttpStatusCode.Conflict, problem?.ToJsonString());
        ((string)problem!["reason"]!).Should().Be(ReasonCodes.QuantityOverClaimable);
        var rest = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 2 }]);
        rest.RefundAmount.Should().Be(66.66m);
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(99.99m, 33.33m, 66.66m, 0.00m));

        // Paging over hot and archived together: newest first, the total counts both.
        var first = await api.ListAsync(RunningHost.CustomerServiceKey, $"?orderId={order.OrderId}&archived=true&pageSize=2&page=1");
        var second = await api.ListAsync(RunningHost.CustomerServiceKey, $"?orderId={order.OrderId}&archived=true&pageSize=2&page=2");
        (first.Total, second.Total).Should().Be((4, 4));
        first.Items.Select(i => (i.AfterSaleId, i.Archived)).Should().Equal((rest.AfterSaleId, false), (rejected, true));
        second.Items.Select(i => (i.AfterSaleId, i.Archived)).Should().Equal((withdrawn, true), (completed, true));
    }

    [Fact]
    public async Task Movers_running_at_once_archive_every_due_after_sale_exactly_once()
    {
        var clock = new ManualClock(T0);
        var database = await NewDatabaseAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database, clock, "Archive:Enabled=false");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(T0).Line(1, "A", 9, 1.00m);
        await api.RegisterAsync(order);
        var ids = new List<string>();
        for (var i = 0; i < 9; i++)
        {
            var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
            await api.ActAsync(id, "withdraw", RunningHost.UserKey);
            ids.Add(id);
        }

        clock.Advance(TimeSpan.FromDays(181));
        await DeliveredAsync(host, ids);
        (await HotIdsAsync(database)).Should().BeEquivalentTo(ids);

        // Two hosts' movers (own scopes, own connections) started together, with small batches so that they interleave.
        var moved = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() => NewMover(host, clock, batchSize: 2).MoveOnceAsync(default))));

        moved.Sum().Should().Be(9, "every due after-sale is moved, and counted by the mover that moved it");
        (await ArchivedIdsAsync(database)).Should().BeEquivalentTo(ids).And.OnlyHaveUniqueItems();
        (await HotIdsAsync(database)).Should().BeEmpty();
        (await ArchivedLineCountAsync(database)).Should().Be(9);
        (await NewMover(host, clock, batchSize: 2).MoveOnceAsync(default)).Should().Be(0);
    }

    [Fact]
    public async Task An_after_sale_with_undelivered_outbox_messages_waits_for_them()
    {
        var clock = new ManualClock(T0);
        var database = await NewDatabaseAsync();
        // The outbox holds every message: the withdrawal's change is never delivered while paused.
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database, clock, "Archive:Enabled=false", "Outbox:Paused=true");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(T0).Line(1, "A", 1, 5.00m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        await api.ActAsync(id, "withdraw", RunningHost.UserKey);
        clock.Advance(TimeSpan.FromDays(181));
        (await AfterSaleChangeMessages.OfAsync(host, id)).Should().NotBeEmpty().And.OnlyContain(m => m.DispatchedAt == null);

        (await host.Services.GetRequiredService<ArchiveMover>().MoveOnceAsync(default)).Should().Be(0);

        (await HotIdsAsync(database)).Should().Equal(id);
        (await api.SaleAsync(id)).Archived.Should().BeFalse();
    }

    private static ArchiveMover NewMover(RunningHost host, TimeProvider clock, int batchSize) =>
        new(host.Services.GetRequiredService<ReversePaas.Persistence.Sharding.ShardScopes>(), new ArchiveOptions(), host.Services.GetRequiredService<ActivityOptions>(), clock, NullLogger<ArchiveMover>.Instance)
        {
            BatchSize = batchSize,
        };

    /// <summary>Waits until every outbox message about <paramref name="ids"/> is delivered (the mover leaves the others).</summary>
    private static Task DeliveredAsync(RunningHost host, IReadOnlyCollection<string> ids)
        => ReverseApi.WaitUntilAsync(async () =>
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            return !await db.OutboxMessages.AnyAsync(m => ids.Contains(m.Key) && m.DispatchedAt == null);
        }, "every outbox message about the after-sales delivered");

    private static async Task<List<string>> HotIdsAsync(string database)
    {
        await using var db = ReverseDbContexts.Open(database);
        return await db.AfterSales.AsNoTracking().Select(a => a.AfterSaleId).ToListAsync();
    }

    private static async Task<List<string>> ArchivedIdsAsync(string database)
    {
        await using var db = ReverseDbContexts.Open(database);
        return await db.Database.SqlQueryRaw<string>("SELECT after_sale_id AS \"Value\" FROM archive.archived_after_sales").ToListAsync();
    }

    private static async Task<int> ArchivedLineCountAsync(string database)
    {
        await using var db = ReverseDbContexts.Open(database);
        return (await db.Database.SqlQueryRaw<int>("SELECT CAST(count(*) AS integer) AS \"Value\" FROM archive.archived_after_sale_lines").ToListAsync()).Single();
    }
}
