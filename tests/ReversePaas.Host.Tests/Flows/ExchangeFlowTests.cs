using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Activities;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Exchanges over REST (API.md v1.1), on both engines: the warehouse receipt answers at once and the replacement ships
/// afterwards as a background step, keeping its outbound shipment; a warehouse that is down delays the shipment, not the
/// receipt; the applicant or the system confirms the delivery.
/// </summary>
public abstract class ExchangeFlowTests
{
    private static readonly object[] OneUnitOfA = [new { skuId = "A", quantity = 1 }];
    private static readonly object ReceiptOfLineOne = new { lines = new[] { new { lineNo = 1, quantity = 1 } } };

    // The warehouse is down (the outbound step waits) and the step retries every few hundred milliseconds.
    private static readonly string[] WarehouseDownRetryingFast =
        ["Simulators:Warehouse:Unavailable=true", "Activities:UnavailableRetryDelay=00:00:00.200", "Activities:PickupRetryMaxDelay=00:00:00.400"];

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task The_receipt_keeps_PendingReturn_and_the_replacement_ships_in_the_background_with_its_outbound_shipment()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 99.99m);
        var id = await ApprovedExchangeAsync(api, order);

        var received = await api.ActOnAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne);

        received.Status.Should().Be(AfterSaleStatus.PendingReturn, "the replacement ships afterwards, not inside the receipt");
        received.OutboundShipment.Should().BeNull();
        received.Timeline[^1].Note.Should().Be("Goods received; the replacement ships next.");
        var shipped = await api.AwaitStatusAsync(id, AfterSaleStatus.ExchangeShipped);
        shipped.OutboundShipment.Should().Be(new OutboundShipmentResponse("warehouse", $"WAR-outbound-{id}"));
        shipped.Timeline[^1].Should().Match<TimelineEntryResponse>(t => t.Actor == "System:kernel" && t.Note == $"Replacement shipped from warehouse: warehouse, tracking WAR-outbound-{id}.");
        shipped.RefundAmount.Should().Be(0m);
        var outbound = (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Where(c => c.Operation == "outbound").ToList();
        outbound.Should().ContainSingle().Which.Should().Match<SimulatedCall>(c => c.Key == id && c.Outcome == "succeeded" && c.Detail == "1:A×1");

        var (again, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne);
        again.Should().Be(HttpStatusCode.Conflict);
        ((string)problem!["reason"]!).Should().Be("illegal-transition");

        var done = await api.ActOnAsync(id, "delivery-confirmed", RunningHost.UserKey);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        done.Timeline[^1].Actor.Should().Be("User:u-1");
        done.OutboundShipment.Should().Be(shipped.OutboundShipment, "the shipment stays on the record");
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(199.98m, 0m, 0m, 199.98m));
    }

    [Fact]
    public async Task With_the_warehouse_down_the_receipt_succeeds_and_the_replacement_ships_once_the_warehouse_is_back()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(),
            settings: WarehouseDownRetryingFast);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        var id = await ApprovedExchangeAsync(api, order);

        (await api.ActOnAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne)).Status.Should().Be(AfterSaleStatus.PendingReturn);

        await ReverseApi.WaitUntilAsync(
            async () => (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Count(c => c.Operation == "outbound" && c.Outcome == "unavailable") >= 2,
            "the outbound step tried the warehouse and retried");
        var waiting = await api.SaleAsync(id);
        waiting.Status.Should().Be(AfterSaleStatus.PendingReturn);
        waiting.Refund.LastError.Should().StartWith("Outbound shipment waits: The warehouse simulator is set to be unavailable");
        waiting.OutboundShipment.Should().BeNull();

        // The simulators read their faults on every call: the warehouse is back.
        host.Services.GetRequiredService<IOptionsMonitor<SimulatorOptions>>().CurrentValue.Warehouse.Unavailable = false;

        var shipped = await api.AwaitStatusAsync(id, AfterSaleStatus.ExchangeShipped);
        shipped.OutboundShipment!.TrackingNo.Should().Be($"WAR-outbound-{id}");
        shipped.Refund.LastError.Should().BeNull();
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Where(c => c.Operation == "outbound" && c.Outcome == "succeeded").Should().ContainSingle();
    }

    [Fact]
    public async Task Received_goods_cannot_be_withdrawn_and_only_the_applicant_or_the_system_confirms_the_delivery()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(),
            settings: WarehouseDownRetryingFast);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        var id = await ApprovedExchangeAsync(api, order);
        await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne);

        var (withdraw, withdrawProblem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/withdraw", RunningHost.UserKey);
        withdraw.Should().Be(HttpStatusCode.Conflict, "the goods are in the warehouse");
        ((string)withdrawProblem!["detail"]!).Should().Contain("goods already received");
        var (early, _, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/delivery-confirmed", RunningHost.UserKey);
        early.Should().Be(HttpStatusCode.Conflict, "nothing was shipped yet");

        host.Services.GetRequiredService<IOptionsMonitor<SimulatorOptions>>().CurrentValue.Warehouse.Unavailable = false;
        await api.AwaitStatusAsync(id, AfterSaleStatus.ExchangeShipped);

        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/delivery-confirmed", RunningHost.OtherUserKey)).Status.Should().Be(HttpStatusCode.NotFound);
        var (byCs, csProblem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/delivery-confirmed", RunningHost.CustomerServiceKey);
        byCs.Should().Be(HttpStatusCode.Forbidden);
        ((string)csProblem!["type"]!).Should().Be(ProblemTypes.Forbidden);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/delivery-confirmed", RunningHost.OpsKey)).Status.Should().Be(HttpStatusCode.Forbidden);

        var done = await api.ActOnAsync(id, "delivery-confirmed", RunningHost.SystemKey);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        done.Timeline[^1].Should().Match<TimelineEntryResponse>(t => t.Actor == "System:order-center" && t.Note == "Delivered to the customer.");
    }

    [Fact]
    public async Task An_unconfirmed_delivery_completes_by_itself_DeliveryConfirmWithin_after_the_shipment_and_not_before()
    {
        var t0 = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var clock = new ManualClock(t0);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock, "Activities:DeliveryConfirmWithin=2.00:00:00");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(t0).Line(1, "A", 2, 10.00m);
        var id = await ApprovedExchangeAsync(api, order);
        await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne);
        await api.AwaitStatusAsync(id, AfterSaleStatus.ExchangeShipped);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("delivery-confirm-timeout", id) == t0.AddDays(2), "the delivery deadline 2 days after the shipment");

        clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromSeconds(1));
        using (var scope = host.Services.CreateScope())
        {
            // What the job does when it fires, run a second early: it does nothing and says when it is due.
            (await scope.ServiceProvider.GetRequiredService<Deadlines>().RunAsync(DeadlineKind.DeliveryConfirmTimeout, id, default)).RetryAt.Should().Be(t0.AddDays(2));
        }

        (await api.SaleAsync(id)).Status.Should().Be(AfterSaleStatus.ExchangeShipped);

        clock.Advance(TimeSpan.FromSeconds(1));
        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed);
        done.Timeline[^1].Should().Match<TimelineEntryResponse>(t => t.Actor == "System:kernel" && t.Note == "Completed: no delivery confirmation by 2026-11-25 09:00 UTC (Activities:DeliveryConfirmWithin).");
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("delivery-confirm-timeout", id) is null, "no deadline once completed");
    }

    [Fact]
    public async Task A_named_replacement_is_reserved_at_approval_and_shipped_after_the_receipt()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);
        var applied = await api.ApplyForAsync(order.OrderId, "Exchange", [new { skuId = "A", quantity = 1, replacementSkuId = "A-L" }]);
        var id = applied.AfterSaleId;
        applied.Lines.Should().ContainSingle().Which.ReplacementSkuId.Should().Be("A-L");

        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).Timeline.Any(t => t.Note.StartsWith("Replacement reserved", StringComparison.Ordinal)), "the replacement reserved after the approval");
        (await api.SimulatedCallsAsync(order.OrderId, "inventory")).Should().ContainSingle()
            .Which.Should().Match<SimulatedCall>(c => c.Operation == "reserve" && c.Key == id && c.Outcome == "succeeded" && c.Detail == "1:A-L×1");
        await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne);
        await api.AwaitStatusAsync(id, AfterSaleStatus.ExchangeShipped);
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Should().ContainSingle(c => c.Operation == "outbound")
            .Which.Detail.Should().Be("1:A-L×1", "the replacement ships, not the returned SKU");
    }

    [Fact]
    public async Task An_exchange_whose_replacement_is_out_of_stock_refunds_the_returned_units_at_the_receipt_to_the_cent()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: "Simulators:Inventory:OutOfStockSkus:0=A-L");
        var api = new ReverseApi(host);
        // 3 × 40.00 with a 20.00 promotion: the line paid 100.00, one unit is worth 33.33 (docs/money.md).
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 40.00m).Line(2, "B", 1, 50.00m)
            .Freight(10.00m).Discount("P1", "Promotion", 20.00m, 1);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "Exchange", [new { skuId = "A", quantity = 1, replacementSkuId = "A-L" }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).Timeline.Any(t => t.Note.StartsWith("Replacement out of stock", StringComparison.Ordinal)), "the reservation refused");
        var approved = await api.SaleAsync(id);
        approved.Status.Should().Be(AfterSaleStatus.PendingReturn, "the customer still sends the goods back");
        approved.RefundAmount.Should().Be(0m, "nothing is refunded before the goods are received");

        (await api.ActOnAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne)).Status.Should().Be(AfterSaleStatus.PendingReturn);

        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        done.RefundAmount.Should().Be(33.33m);
        done.FreightRefund.Should().Be(0m);
        done.OutboundShipment.Should().BeNull();
        done.Timeline.Select(t => t.Status).Should().ContainInOrder("PendingReturn", "PendingRefund", "Completed");
        done.Timeline.Single(t => t.Status == "PendingRefund").Note.Should()
            .Be("Goods received; the replacement ('A-L' × 1) is out of stock, so the exchange becomes a refund of the returned units. Refund of the 1 unit(s) instead: 33.33.");
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(160.00m, 33.33m, 0m, 126.67m));
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Where(c => c.Outcome == "succeeded").Select(c => (c.Key, c.Amount)).Should().Equal((id, 33.33m));
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Should().NotContain(c => c.Operation == "outbound");
    }

    [Fact]
    public async Task A_withdrawn_exchange_releases_its_reservation_and_a_replacement_on_another_type_is_400()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = order.OrderId, type = "ReturnRefund", lines = new[] { new { skuId = "A", quantity = 1, replacementSkuId = "A-L" } } });
        status.Should().Be(HttpStatusCode.BadRequest, problem?.ToJsonString());
        ((string)problem!["type"]!).Should().Be(ProblemTypes.Validation);
        problem["errors"]!["lines[0].replacementSkuId"].Should().NotBeNull();
        (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(0m, "the refused application claimed nothing");

        var id = (await api.ApplyForAsync(order.OrderId, "Exchange", OneUnitOfA)).AfterSaleId;
        (await api.SaleAsync(id)).Lines.Single().ReplacementSkuId.Should().Be("A", "without a name the same SKU is sent");
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await ReverseApi.WaitUntilAsync(async () => (await api.SimulatedCallsAsync(order.OrderId, "inventory")).Any(c => c.Operation == "reserve" && c.Outcome == "succeeded"), "the replacement reserved");

        (await api.ActOnAsync(id, "withdraw", RunningHost.UserKey)).Status.Should().Be(AfterSaleStatus.Withdrawn);

        await ReverseApi.WaitUntilAsync(async () => (await api.SimulatedCallsAsync(order.OrderId, "inventory")).Any(c => c.Operation == "release"), "the reservation given back");
        (await api.SimulatedCallsAsync(order.OrderId, "inventory")).Where(c => c.Operation == "release").Should().ContainSingle()
            .Which.Should().Match<SimulatedCall>(c => c.Key == id && c.Outcome == "succeeded" && c.Detail == "1:A×1");
        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).Timeline[^1].Note.StartsWith("Replacement reservation released", StringComparison.Ordinal), "the release on the timeline");
    }

    [Fact]
    public async Task A_business_lines_exchange_fulfilment_is_consulted_instead_of_the_kernels()
    {
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("CouponExchange")]);
        await using var host = await RunningHost.StartAsync(plugins, null, await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        var id = await ApprovedExchangeAsync(api, order);
        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).Timeline.Any(t => t.Note.StartsWith("Replacement reserved", StringComparison.Ordinal)), "the plugin's reservation");
        await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne);

        var shipped = await api.AwaitStatusAsync(id, AfterSaleStatus.ExchangeShipped);

        shipped.OutboundShipment.Should().Be(new OutboundShipmentResponse("coupon", $"COUPON-{id}"));
        shipped.Timeline[^1].Note.Should().Be($"Replacement shipped from coupon-desk: coupon, tracking COUPON-{id}.");
        shipped.Capabilities.Should().ContainSingle(c => c.ExtensionPoint == "execution.exchange-fulfilment")
            .Which.Should().Be(new CapabilityResponse("execution.exchange-fulfilment", "coupon-exchange.fulfilment", "coupon-exchange"));
        (await api.SimulatedCallsAsync(order.OrderId, "inventory")).Should().BeEmpty("the plugin reserves nothing");
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Should().NotContain(c => c.Operation == "outbound", "no goods left the warehouse");
    }

    /// <summary>Registers <paramref name="order"/>, applies for an exchange of one unit of A and approves it; its id.</summary>
    private static async Task<string> ApprovedExchangeAsync(ReverseApi api, OrderBuilder order)
    {
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "Exchange", OneUnitOfA)).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        return id;
    }
}
