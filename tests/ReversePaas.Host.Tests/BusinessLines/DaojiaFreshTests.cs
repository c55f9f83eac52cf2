using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.BusinessLines;

/// <summary>daojia.fresh against retail.self: weight differences, photo evidence, perishables, one pickup per order, exchange window.</summary>
public sealed class DaojiaFreshTests
{
    [Fact]
    public async Task A_weight_difference_is_refunded_per_gram_on_daojia_fresh_and_not_offered_on_retail_self()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var fresh = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow).Line(1, "FISH", 1, 30.00m, "1", 500).Line(2, "FISH", 1, 30.00m, "1", 700);
        var self = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "FISH", 1, 30.00m, "1", 500).Line(2, "FISH", 1, 30.00m, "1", 700);
        await api.RegisterAsync(fresh);
        await api.RegisterAsync(self);
        object[] lines = [new { skuId = "FISH", promotionType = "1", unitPrice = 30.00m, weightGrams = 700, quantity = 1, missingWeightGrams = 90 }];

        var freshSale = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new { orderId = fresh.OrderId, type = "RefundOnly", reason = "light", lines });
        var selfSale = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new { orderId = self.OrderId, type = "RefundOnly", reason = "light", lines });

        freshSale.Status.Should().Be(HttpStatusCode.Created, freshSale.Body?.ToJsonString());
        var weighed = freshSale.Body!.As<AfterSaleResponse>();
        weighed.Lines.Should().ContainSingle().Which.LineNo.Should().Be(2, "matched by sku + promotionType + price + weight");
        weighed.RefundAmount.Should().Be(3.85m, "30.00 / 700 g × 90 g = 3.857…, floored to the cent");
        weighed.Capabilities.Should().Contain(c => c.Extension == "daojia-fresh.weight-difference-refund");
        selfSale.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)selfSale.Body!["reason"]!).Should().Be("weight-difference-not-offered");
    }

    [Fact]
    public async Task A_quality_claim_needs_a_photo_on_daojia_fresh_but_not_on_retail_self()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var fresh = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow).Line(1, "KALE", 2, 8m);
        var self = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "KALE", 2, 8m);
        await api.RegisterAsync(fresh);
        await api.RegisterAsync(self);
        object[] lines = [new { skuId = "KALE", quantity = 1 }];

        var withoutPhoto = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new { orderId = fresh.OrderId, type = "RefundOnly", reason = "wilted", lines });
        var selfWithout = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new { orderId = self.OrderId, type = "RefundOnly", reason = "wilted", lines });
        var withPhoto = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = fresh.OrderId, type = "RefundOnly", reason = "wilted", lines, evidence = new[] { "https://img.example/kale.jpg" } });

        withoutPhoto.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)withoutPhoto.Body!["reason"]!).Should().Be("rejected-by-business-line");
        ((string)withoutPhoto.Body["detail"]!).Should().Contain("photo").And.Contain("daojia-fresh.quality-photo-evidence");
        selfWithout.Status.Should().Be(HttpStatusCode.Created);
        withPhoto.Status.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Perishables_are_not_taken_back_after_24_hours_on_daojia_fresh_while_retail_self_takes_them()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var delivered = DateTimeOffset.UtcNow.AddHours(-30);
        var fresh = Orders.DaojiaFresh().Completed(delivered).Line(1, "MILK", 1, 12m);
        var freshToday = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow.AddHours(-2)).Line(1, "MILK", 1, 12m);
        var self = Orders.RetailSelf().Completed(delivered).Line(1, "MILK", 1, 12m);
        foreach (var order in new[] { fresh, freshToday, self })
        {
            await api.RegisterAsync(order);
        }

        object Body(OrderBuilder order) => new { orderId = order.OrderId, type = "ReturnRefund", reason = "sour", lines = new[] { new { skuId = "MILK", quantity = 1 } }, evidence = new[] { "https://img.example/milk.jpg" } };
        var late = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Body(fresh));
        var inTime = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Body(freshToday));
        var selfLate = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Body(self));

        late.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)late.Body!["detail"]!).Should().Contain("24 h");
        inTime.Status.Should().Be(HttpStatusCode.Created);
        selfLate.Status.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Returns_of_one_daojia_order_share_one_pickup_while_retail_self_books_one_per_return()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, clock);
        var api = new ReverseApi(host);
        var fresh = Orders.DaojiaFresh().Completed(clock.GetUtcNow()).Line(1, "A", 1, 10m).Line(2, "B", 1, 10m);
        var self = Orders.RetailSelf().Completed(clock.GetUtcNow()).Line(1, "A", 1, 10m).Line(2, "B", 1, 10m);
        await api.RegisterAsync(fresh);
        await api.RegisterAsync(self);

        async Task<List<string>> ApproveReturnsOf(OrderBuilder order)
        {
            var ids = new List<string>();
            foreach (var (sku, hours) in new[] { ("A", 5), ("B", 3) })
            {
                var sale = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new
                {
                    orderId = order.OrderId,
                    type = "ReturnRefund",
                    reason = "damaged",
                    lines = new[] { new { skuId = sku, quantity = 1 } },
                    evidence = new[] { "https://img.example/box.jpg" },
                    pickupAt = clock.GetUtcNow().AddHours(hours).ToString("O"),
                }, HttpStatusCode.Created)).As<AfterSaleResponse>();
                var id = sale.AfterSaleId;
                await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
                ids.Add(id);
            }

            return ids;
        }

        async Task<string[]> ShipmentsOf(List<string> ids)
        {
            var shipments = new List<string>();
            foreach (var id in ids)
            {
                var arranged = await api.SaleAsync(id);
                for (var i = 0; i < 400 && arranged.ShipmentId is null; i++)
                {
                    await Task.Delay(25); // polling a condition with a bound
                    arranged = await api.SaleAsync(id);
                }

                shipments.Add(arranged.ShipmentId ?? throw new TimeoutException($"no shipment for {id} after 10 s"));
            }

            return [.. shipments];
        }

        var freshReturns = await ApproveReturnsOf(fresh);
        var selfReturns = await ApproveReturnsOf(self);
        // Both orders' pickup rounds are due 10 minutes before their earliest pickup (3 h).
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("combined-pickup", self.OrderId) is not null, "the pickup rounds scheduled");
        clock.Advance(TimeSpan.FromHours(3));
        (await ShipmentsOf(freshReturns)).Distinct().Should().ContainSingle();
        (await ShipmentsOf(selfReturns)).Distinct().Should().HaveCount(2);
        var freshPickups = await api.SimulatedCallsAsync(fresh.OrderId, "logistics");
        freshPickups.Select(c => c.Outcome).Should().BeEquivalentTo(["succeeded", "replayed"]);
    }

    [Fact]
    public async Task An_exchange_on_day_three_is_refused_on_daojia_fresh_by_configuration_and_accepted_on_retail_self()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var fresh = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow.AddDays(-3)).Line(1, "A", 1, 10m);
        var self = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow.AddDays(-3)).Line(1, "A", 1, 10m);
        await api.RegisterAsync(fresh);
        await api.RegisterAsync(self);

        var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = fresh.OrderId, type = "Exchange", lines = new[] { new { skuId = "A", quantity = 1 } }, evidence = new[] { "https://img.example/a.jpg" } });
        var accepted = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = self.OrderId, type = "Exchange", lines = new[] { new { skuId = "A", quantity = 1 } } });

        refused.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)refused.Body!["detail"]!).Should().Contain("exchange.windowDays");
        accepted.Status.Should().Be(HttpStatusCode.Created);
    }
}
