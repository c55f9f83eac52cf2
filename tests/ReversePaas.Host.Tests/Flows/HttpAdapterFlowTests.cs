using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// The host with its ports in Http mode against the simulators server on loopback: a whole return, a payment outage
/// the refund waits out, a WMS slower than the adapter's timeout (which an exchange's outbound step waits out), and an
/// exchange's reservation refused and released over HTTP.
/// </summary>
public sealed class HttpAdapterFlowTests
{
    [Fact]
    public async Task A_return_with_every_port_over_http_completes_and_the_payment_server_records_the_exact_refund()
    {
        await using var server = await RunningSimulators.StartAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, server.HostSettings());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow.AddDays(-1)).Freight(10m).Line(1, "A", 3, 100.00m).Line(2, "B", 1, 50.00m).Discount("C1", "Coupon", 10.00m);
        await api.RegisterAsync(order);

        var id = (await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await api.AwaitStatusAsync(id, AfterSaleStatus.PendingReturn);
        await api.ActAsync(id, "return-shipment", RunningHost.UserKey, new { carrier = "SF", trackingNo = "SF100" });
        await api.ActAsync(id, "warehouse-receipt", RunningHost.SystemKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } });
        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);

        done.Status.Should().Be(AfterSaleStatus.Completed, done.Refund.LastError);
        var paid = (await server.CallsAsync("payment", order.OrderId)).Should().ContainSingle(c => c.Outcome == "succeeded").Which;
        paid.Amount.Should().Be(97.14m, "line A paid 291.43 for 3 units after the coupon");
        done.Refund.Reference.Should().Be(paid.Reference);
        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(97.14m);
        (await server.CallsAsync("inventory", order.OrderId)).Should().ContainSingle(c => c.Operation == "restock" && c.Key == id && c.Outcome == "succeeded");
    }

    [Fact]
    public async Task A_payment_outage_opens_the_breaker_and_the_refund_waits_then_is_paid_once_when_the_server_is_back()
    {
        var server = await RunningSimulators.StartAsync("Simulators:Payment:Unavailable=true");
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null,
            [.. server.HostSettings(), "Ports:Payment:Retries=0", "Ports:Payment:BreakDuration=00:00:01", "Activities:UnavailableRetryDelay=00:00:00.050"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 42.42m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        // The server answers 503 until the breaker opens; then the adapter answers for it and the refund keeps waiting.
        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(id)).Refund.LastError?.Contains("circuit is open", StringComparison.Ordinal) == true,
            "the payment breaker to open");
        var waiting = await api.SaleAsync(id);
        waiting.Status.Should().Be(AfterSaleStatus.PendingRefund);
        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(0m);
        (await server.CallsAsync("payment", order.OrderId)).Should().OnlyContain(c => c.Outcome == "unavailable").And.NotBeEmpty();

        // The server goes down altogether, then comes back on the same port and journal, up.
        await server.DisposeAsync();
        await using var back = await RunningSimulators.RestartAsync(server);
        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);

        done.Status.Should().Be(AfterSaleStatus.Completed, done.Refund.LastError);
        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(42.42m);
        var paid = (await back.CallsAsync("payment", order.OrderId)).Should().ContainSingle(c => c.Outcome == "succeeded").Which;
        paid.Amount.Should().Be(42.42m);
    }

    [Fact]
    public async Task A_warehouse_slower_than_the_adapters_timeout_delays_the_exchanges_outbound_step_not_its_receipt()
    {
        await using var server = await RunningSimulators.StartAsync("Simulators:Warehouse:Delay=00:00:30");
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null,
            [.. server.HostSettings(), "Ports:Warehouse:AttemptTimeout=00:00:00.200", "Ports:Warehouse:Timeout=00:00:00.600", "Ports:Warehouse:Retries=1"]);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "Exchange", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        // The replacement ships in the background (API.md v1.1): the receipt does not wait for the WMS.
        var received = await api.ActOnAsync(id, "warehouse-receipt", RunningHost.SystemKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } });

        received.Status.Should().Be(AfterSaleStatus.PendingReturn);
        await ReverseApi.WaitUntilAsync(
            async () => (await api.SaleAsync(id)).Refund.LastError is { } error && error.StartsWith("Outbound shipment waits:", StringComparison.Ordinal),
            "the outbound step gave up on the slow WMS and waits to retry");
        var waiting = await api.SaleAsync(id);
        waiting.Status.Should().Be(AfterSaleStatus.PendingReturn);
        waiting.Refund.LastError.Should().Contain("did not answer in time");
        waiting.OutboundShipment.Should().BeNull();
        (await server.CallsAsync("warehouse", order.OrderId)).Should().NotContain(c => c.Operation == "outbound" && c.Outcome == "succeeded");
    }

    [Fact]
    public async Task Exchange_reservations_go_over_http_a_refused_one_turns_the_exchange_into_a_refund_and_a_withdrawal_releases()
    {
        await using var server = await RunningSimulators.StartAsync("Simulators:Inventory:OutOfStockSkus:0=A-L");
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, server.HostSettings());
        var api = new ReverseApi(host);
        // 3 × 40.00 with a 20.00 promotion on line 1: the line paid 100.00, one unit is worth 33.33 (docs/money.md).
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 40.00m).Line(2, "B", 2, 25.00m).Discount("P1", "Promotion", 20.00m, 1);
        await api.RegisterAsync(order);

        var refused = (await api.ApplyForAsync(order.OrderId, "Exchange", [new { skuId = "A", quantity = 1, replacementSkuId = "A-L" }])).AfterSaleId;
        await api.ActAsync(refused, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await ReverseApi.WaitUntilAsync(async () => (await api.SaleAsync(refused)).Timeline.Any(t => t.Note.StartsWith("Replacement out of stock", StringComparison.Ordinal)),
            "the server refused the reservation");
        await api.ActAsync(refused, "warehouse-receipt", RunningHost.SystemKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } });
        var refunded = await api.AwaitStatusAsync(refused, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);

        refunded.Status.Should().Be(AfterSaleStatus.Completed, refunded.Refund.LastError);
        refunded.RefundAmount.Should().Be(33.33m);
        refunded.OutboundShipment.Should().BeNull();
        (await server.CallsAsync("inventory", order.OrderId)).Should().ContainSingle(c => c.Operation == "reserve" && c.Key == refused)
            .Which.Outcome.Should().Be("refused");
        (await server.CallsAsync("payment", order.OrderId)).Where(c => c.Outcome == "succeeded").Select(c => (c.Key, c.Amount)).Should().Equal((refused, 33.33m));

        var withdrawn = (await api.ApplyForAsync(order.OrderId, "Exchange", [new { skuId = "B", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(withdrawn, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await ReverseApi.WaitUntilAsync(async () => (await server.CallsAsync("inventory", order.OrderId)).Any(c => c.Operation == "reserve" && c.Key == withdrawn && c.Outcome == "succeeded"),
            "the server reserved the replacement");
        await api.ActAsync(withdrawn, "withdraw", RunningHost.UserKey);
        await ReverseApi.WaitUntilAsync(async () => (await server.CallsAsync("inventory", order.OrderId)).Any(c => c.Operation == "release" && c.Key == withdrawn && c.Outcome == "succeeded"),
            "the server released the reservation");
        (await api.SaleAsync(withdrawn)).Status.Should().Be(AfterSaleStatus.Withdrawn);
    }
}
