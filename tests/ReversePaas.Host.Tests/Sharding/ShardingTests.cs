using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Sharding;

/// <summary>
/// Routing by order number on PostgreSQL: orders of both shard databases applied over REST land in their shard's
/// database only, are read back by id, complete their refund through each shard's outbox, and the after-sale list merges
/// both shards page by page. Everything is driven over HTTP as clients do.
/// </summary>
public sealed class ShardingTests
{
    [Fact]
    public async Task After_sales_of_both_shards_are_stored_in_their_shard_database_only_and_read_back_by_id()
    {
        await using var host = await ShardedHost.StartAsync();
        var api = host.Api;

        foreach (var database in new[] { 0, 1 })
        {
            var order = new OrderBuilder(ShardedHost.OrderIdOn(database)).Completed(DateTimeOffset.UtcNow.AddDays(-1)).Line(1, "A", 2, 40.00m);
            await api.RegisterAsync(order);

            var sale = await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }]);

            (ShardedHost.LogicalShardOf(sale.AfterSaleId) / 512).Should().Be(database, "the id carries the order's logical shard");
            var other = host.Shards[1 - database];
            (await ShardedHost.CountAsync(host.Shards[database], "orders", "order_id", order.OrderId)).Should().Be(1);
            (await ShardedHost.CountAsync(host.Shards[database], "after_sales", "after_sale_id", sale.AfterSaleId)).Should().Be(1);
            (await ShardedHost.CountAsync(host.Shards[database], "after_sale_lines", "after_sale_id", sale.AfterSaleId)).Should().Be(1);
            (await ShardedHost.CountAsync(host.Shards[database], "outbox_messages", "key", sale.AfterSaleId)).Should().BeGreaterThan(0, "the message is written with the change");
            foreach (var elsewhere in new[] { other, host.Home })
            {
                (await ShardedHost.CountAsync(elsewhere, "orders", "order_id", order.OrderId)).Should().Be(0);
                (await ShardedHost.CountAsync(elsewhere, "after_sales", "after_sale_id", sale.AfterSaleId)).Should().Be(0);
                (await ShardedHost.CountAsync(elsewhere, "outbox_messages", "key", sale.AfterSaleId)).Should().Be(0);
            }

            var read = await api.SaleAsync(sale.AfterSaleId);
            read.OrderId.Should().Be(order.OrderId);
            read.RefundAmount.Should().Be(40.00m);
        }
    }

    [Theory]
    [InlineData("AS-0001-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("AS-1023-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("AS-2048-0193a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("not-an-after-sale")]
    public async Task An_unknown_or_malformed_after_sale_id_is_not_found(string id)
    {
        await using var host = await ShardedHost.StartAsync();

        var (status, _, _) = await host.Api.SendAsync(HttpMethod.Get, $"/api/v1/after-sales/{id}", RunningHost.CustomerServiceKey);

        status.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_cancelled_paid_order_is_refunded_to_the_cent_on_either_shard()
    {
        await using var host = await ShardedHost.StartAsync();
        var api = host.Api;

        foreach (var database in new[] { 0, 1 })
        {
            var order = new OrderBuilder(ShardedHost.OrderIdOn(database)).Status("PendingShipment", "NotPushed").Freight(8.00m)
                .Line(1, "A", 2, 33.33m).Line(2, "B", 1, 10.01m).Discount("P", "Promotion", 5.00m, 1, 2);
            await api.RegisterAsync(order);

            var sale = (await api.OkAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "late" }, HttpStatusCode.Created)).As<AfterSaleResponse>();
            // Completed only by the refund step, which the shard's outbox runs in the background.
            var done = await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);

            done.Status.Should().Be(AfterSaleStatus.Completed);
            done.RefundAmount.Should().Be(79.67m);
            var stored = await api.OrderAsync(order.OrderId);
            stored.Status.Should().Be(OrderStatus.Cancelled);
            stored.Ledger.Refunded.Should().Be(79.67m);
            stored.Ledger.Refundable.Should().Be(0m);
            (await ShardedHost.RefundAmountsAsync(host.Shards[database], sale.AfterSaleId)).Should().Equal(79.67m);
            (await ShardedHost.RefundAmountsAsync(host.Shards[1 - database], sale.AfterSaleId)).Should().BeEmpty();
            (await ShardedHost.RefundAmountsAsync(host.Home, sale.AfterSaleId)).Should().BeEmpty();
            (await api.SimulatedCallsAsync(order.OrderId, "payment")).Count(c => c.Outcome == "succeeded").Should().Be(1);
        }
    }

    [Fact]
    public async Task Deadlines_are_kept_in_the_shard_of_their_order_listed_together_and_run_there()
    {
        await using var host = await ShardedHost.StartAsync("Orders:UnpaidTimeout=00:00:01");
        var api = host.Api;
        var reviews = new List<(int Database, string AfterSaleId)>();
        var unpaid = new List<string>();
        foreach (var database in new[] { 0, 1 })
        {
            // A retail.pop review has a timeout (48 h); retail.self's has none.
            var completed = new OrderBuilder(ShardedHost.OrderIdOn(database)).With("venderType", "Pop").Completed(DateTimeOffset.UtcNow.AddDays(-1)).Line(1, "A", 1, 10.00m);
            await api.RegisterAsync(completed);
            reviews.Add((database, (await api.ApplyForAsync(completed.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId));
            var waiting = new OrderBuilder(ShardedHost.OrderIdOn(database)).Status("PendingPayment").Line(1, "A", 1, 10.00m);
            await api.RegisterAsync(waiting);
            unpaid.Add(waiting.OrderId);
        }

        // The review timeouts (two days away) are set by each shard's outbox, in that shard's database, and listed together.
        await ReverseApi.WaitUntilAsync(
            async () => (await api.DeadlinesAsync()).Count(d => d.Kind == "review-timeout" && reviews.Any(r => r.AfterSaleId == d.Key)) == 2,
            "both review timeouts listed by /ops/jobs");
        foreach (var (database, id) in reviews)
        {
            (await ShardedHost.CountAsync(host.Shards[database], "deadlines", "key", id)).Should().Be(1);
            (await ShardedHost.CountAsync(host.Shards[1 - database], "deadlines", "key", id)).Should().Be(0);
            (await ShardedHost.CountAsync(host.Home, "deadlines", "key", id)).Should().Be(0);
        }

        // The unpaid orders' timeouts are claimed from each shard and their runs work on that shard.
        foreach (var orderId in unpaid)
        {
            await ReverseApi.WaitUntilAsync(async () => (await api.OrderAsync(orderId)).Status == OrderStatus.Cancelled, $"unpaid order {orderId} cancelled by its deadline");
        }
    }

    [Fact]
    public async Task The_ops_stuck_list_merges_the_refunds_parked_on_both_shards()
    {
        string[] orderIds = [ShardedHost.OrderIdOn(0), ShardedHost.OrderIdOn(1)];
        await using var host = await ShardedHost.StartAsync($"Simulators:Payment:FailOrderIds:0={orderIds[0]}", $"Simulators:Payment:FailOrderIds:1={orderIds[1]}");
        var api = host.Api;
        var parked = new List<string>();
        foreach (var orderId in orderIds)
        {
            await api.RegisterAsync(new OrderBuilder(orderId).Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 9.99m));
            var id = (await api.ApplyForAsync(orderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
            await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
            (await api.AwaitStatusAsync(id, AfterSaleStatus.RefundFailed, AfterSaleStatus.Completed)).Status.Should().Be(AfterSaleStatus.RefundFailed);
            parked.Add(id);
        }

        var stuck = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/stuck", RunningHost.OpsKey)).As<StuckWorkResponse>();

        stuck.AfterSales.Select(a => a.AfterSaleId).Should().BeEquivalentTo(parked);
        stuck.AfterSales.Select(a => a.UpdatedAt).Should().BeInAscendingOrder("least recently changed first, across shards");
        stuck.AfterSales.Should().OnlyContain(a => a.Status == AfterSaleStatus.RefundFailed && a.LastError!.Contains("FailOrderIds"));
    }

    [Fact]
    public async Task The_list_merges_both_shards_newest_first_and_pages_through_every_item_once()
    {
        await using var host = await ShardedHost.StartAsync();
        var api = host.Api;
        var created = new List<AfterSaleResponse>();
        // Four on shard 0, three on shard 1, interleaved in time so that every page mixes the shards.
        foreach (var database in new[] { 0, 1, 0, 1, 0, 1, 0 })
        {
            var order = new OrderBuilder(ShardedHost.OrderIdOn(database)).Completed(DateTimeOffset.UtcNow.AddDays(-1)).Line(1, "A", 1, 12.34m);
            await api.RegisterAsync(order);
            created.Add(await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }]));
        }

        var expected = created.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.AfterSaleId, StringComparer.Ordinal).Select(s => s.AfterSaleId).ToList();
        var seen = new List<string>();
        foreach (var page in new[] { 1, 2, 3 })
        {
            var listed = await api.ListAsync(RunningHost.OpsKey, $"?page={page}&pageSize=3");
            listed.Total.Should().Be(7);
            listed.Page.Should().Be(page);
            listed.Items.Should().HaveCount(page < 3 ? 3 : 1);
            seen.AddRange(listed.Items.Select(i => i.AfterSaleId));
        }

        seen.Should().Equal(expected);
        seen.Select(id => ShardedHost.LogicalShardOf(id) / 512).Distinct().Should().BeEquivalentTo([0, 1]);
        (await api.ListAsync(RunningHost.OpsKey, "?page=4&pageSize=3")).Items.Should().BeEmpty();
        (await api.ListAsync(RunningHost.UserKey, "?page=1&pageSize=10")).Items.Select(i => i.AfterSaleId).Should().Equal(expected);

        foreach (var sale in created.Take(2))
        {
            var byOrder = await api.ListAsync(RunningHost.OpsKey, $"?orderId={sale.OrderId}");
            byOrder.Total.Should().Be(1);
            byOrder.Items.Select(i => i.AfterSaleId).Should().Equal(sale.AfterSaleId);
            byOrder.Items[0].RefundAmount.Should().Be(12.34m);
        }
    }
}
