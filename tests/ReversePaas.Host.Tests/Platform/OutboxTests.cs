using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence;
using ReversePaas.Persistence.Outbox;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The transactional outbox on both engines: every change reaches the search read model, and duplicate or
/// reordered deliveries leave one effect and the latest state.
/// </summary>
public abstract class OutboxTests
{
    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task After_random_changes_the_search_model_holds_every_after_sale_in_its_latest_state()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var random = new Random(20261123);
        var orders = new List<OrderBuilder>();
        for (var i = 0; i < 4; i++)
        {
            var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 10m).Line(2, "B", 2, 7.5m);
            await api.RegisterAsync(order);
            orders.Add(order);
        }

        var ids = new List<string>();
        for (var step = 0; step < 30; step++)
        {
            var action = ids.Count == 0 ? 0 : random.Next(4);
            if (action == 0)
            {
                var order = orders[random.Next(orders.Count)];
                var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
                    new { orderId = order.OrderId, type = random.Next(2) == 0 ? "RefundOnly" : "ReturnRefund", reason = $"step {step}", lines = new[] { new { skuId = random.Next(2) == 0 ? "A" : "B", quantity = 1 } } });
                if (status == HttpStatusCode.Created)
                {
                    ids.Add(body!.As<AfterSaleResponse>().AfterSaleId);
                }
            }
            else
            {
                var id = ids[random.Next(ids.Count)];
                var (path, key, body) = action switch
                {
                    1 => ("review", RunningHost.CustomerServiceKey, (object)new { decision = "Approve" }),
                    2 => ("review", RunningHost.CustomerServiceKey, new { decision = "Reject" }),
                    _ => ("withdraw", RunningHost.UserKey, new { }),
                };
                var (status, _, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/{path}", key, body);
                status.Should().BeOneOf(HttpStatusCode.OK, HttpStatusCode.Conflict);
            }
        }

        ids.Should().NotBeEmpty();
        await WaitUntilDeliveredAsync(host);

        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
        var sales = await db.AfterSales.AsNoTracking().ToDictionaryAsync(a => a.AfterSaleId);
        var documents = await db.SearchDocuments.AsNoTracking().ToListAsync();
        documents.Should().HaveCount(sales.Count);
        foreach (var document in documents)
        {
            var sale = sales[document.AfterSaleId];
            (document.Status, document.Version).Should().Be((sale.Status.ToString(), sale.Version), document.AfterSaleId);
        }
    }

    [Fact]
    public async Task A_redelivered_or_stale_message_leaves_one_settlement_and_the_latest_document()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 19.99m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await api.AwaitStatusAsync(id, AfterSaleStatus.Completed);
        await WaitUntilDeliveredAsync(host);

        using (var scope = host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            var consumers = scope.ServiceProvider.GetServices<IOutboxConsumer>().ToDictionary(c => c.Name);
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => m.Key == id).OrderBy(m => m.Id).ToListAsync();
            var oldest = messages.First(m => m.Topic == OutboxTopics.AfterSaleChanged);
            var refund = messages.Single(m => m.Topic == OutboxTopics.RefundCompleted);

            // Delivered again, and the oldest change delivered last: the consumers reload the latest state.
            await consumers["settlement"].HandleAsync(refund, default);
            await consumers["settlement"].HandleAsync(refund, default);
            await consumers["search-model"].HandleAsync(oldest, default);
            await db.SaveChangesAsync();
        }

        using var check = host.Services.CreateScope();
        var document = await check.ServiceProvider.GetRequiredService<ReverseDbContext>().SearchDocuments.AsNoTracking().SingleAsync(d => d.AfterSaleId == id);
        document.Status.Should().Be("Completed");
        var settlements = await api.SimulatedCallsAsync(order.OrderId, "settlement");
        settlements.Count(c => c.Outcome == "succeeded").Should().Be(1);
        settlements.Count(c => c.Outcome == "replayed").Should().Be(2);
        settlements[0].Amount.Should().Be(19.99m);
    }

    [Fact]
    public async Task A_due_refund_delivered_many_times_at_once_is_paid_once()
    {
        var database = await NewDatabaseAsync();
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var order = new OrderBuilder().Completed(clock.GetUtcNow()).Line(1, "A", 1, 33.33m);
        string id;
        await using (var down = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database, clock, "Simulators:Payment:Unavailable=true", "Activities:UnavailableRetryDelay=01:00:00"))
        {
            var api = new ReverseApi(down);
            await api.RegisterAsync(order);
            id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).Refund.LastError is not null, "the refund waiting for the payment system");
        }

        // The next host finds the refund due an hour later: its dispatcher delivers the deferred message while eight
        // more deliveries of the same message race it.
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, database, clock);
        clock.Advance(TimeSpan.FromHours(1));
        OutboxMessage latest;
        using (var scope = host.Services.CreateScope())
        {
            latest = await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().OutboxMessages.AsNoTracking()
                .Where(m => m.Key == id && m.Topic == OutboxTopics.AfterSaleChanged).OrderBy(m => m.Id).LastAsync();
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var scope = host.Services.CreateScope();
            var execution = scope.ServiceProvider.GetServices<IOutboxConsumer>().Single(c => c.Name == "execution");
            await execution.HandleAsync(latest, default);
        }));

        var api2 = new ReverseApi(host);
        await api2.AwaitStatusAsync(id, AfterSaleStatus.Completed);
        (await api2.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(33.33m);
        var payments = await api2.SimulatedCallsAsync(order.OrderId, "payment");
        payments.Count(c => c.Outcome == "succeeded").Should().Be(1);
        payments.Should().NotContain(c => c.Outcome == "replayed", "the losers of the race never called the payment system");
        using var check = host.Services.CreateScope();
        (await check.ServiceProvider.GetRequiredService<ReverseDbContext>().Refunds.CountAsync(r => r.AfterSaleId == id)).Should().Be(1);
    }

    private static async Task WaitUntilDeliveredAsync(RunningHost host)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ReverseDbContext>();
            var pending = await db.OutboxMessages.CountAsync(m => m.DispatchedAt == null);
            var executing = await db.AfterSales.CountAsync(a => a.Status == Sdk.Orders.AfterSaleStatus.PendingRefund);
            if (pending == 0 && executing == 0)
            {
                return;
            }

            DateTime.UtcNow.Should().BeBefore(deadline, $"{pending} outbox message(s) and {executing} refund(s) still pending");
            await Task.Delay(25); // polling a condition with a bound
        }
    }
}
