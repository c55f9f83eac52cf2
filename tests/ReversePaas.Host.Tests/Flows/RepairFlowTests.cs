using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Simulators;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Repairs over REST (API.md v1.1), on both engines: <c>repair-finished</c> with <c>Repaired</c> (or no body) ships the
/// goods back in the background from the service centre <c>execution.repair-routing</c> chooses (the warehouse by
/// default); <c>Irreparable</c> refunds the units as a return of them would, to the cent; a bad outcome is a 400.
/// </summary>
public abstract class RepairFlowTests
{
    private static readonly object ReceiptOfLineOne = new { lines = new[] { new { lineNo = 1, quantity = 1 } } };

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task An_empty_repair_finished_means_repaired_and_the_goods_ship_back_from_the_warehouse()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 120.00m);
        await api.RegisterAsync(order);
        var id = await RepairingAsync(api, order);

        var (status, body, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/repair-finished", RunningHost.SystemKey);

        status.Should().Be(HttpStatusCode.OK, body?.ToJsonString());
        var repaired = body!.As<AfterSaleResponse>();
        repaired.Status.Should().Be(AfterSaleStatus.Repairing, "the goods ship back afterwards, not inside the request");
        repaired.Timeline[^1].Note.Should().Be("Repaired; the goods ship back next.");
        var shipped = await api.AwaitStatusAsync(id, AfterSaleStatus.RepairShipped);
        shipped.OutboundShipment.Should().Be(new OutboundShipmentResponse("warehouse", $"WAR-outbound-{id}"));
        shipped.Capabilities.Should().ContainSingle(c => c.ExtensionPoint == "execution.repair-routing")
            .Which.Should().Be(new CapabilityResponse("execution.repair-routing", "kernel.repair-routing.warehouse", "kernel"));
        shipped.RefundAmount.Should().Be(0m);
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Where(c => c.Operation == "outbound").Should().ContainSingle()
            .Which.Should().Match<SimulatedCall>(c => c.Key == id && c.Outcome == "succeeded");

        var (again, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/repair-finished", RunningHost.SystemKey, new { outcome = "Repaired" });
        again.Should().Be(HttpStatusCode.Conflict);
        ((string)problem!["reason"]!).Should().Be("illegal-transition");

        (await api.ActOnAsync(id, "delivery-confirmed", RunningHost.UserKey)).Status.Should().Be(AfterSaleStatus.Completed);
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(240.00m, 0m, 0m, 240.00m));
    }

    [Fact]
    public async Task An_irreparable_repair_refunds_its_units_as_a_return_would_to_the_cent()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        // 3 × 40.00 with a 20.00 promotion: the line paid 100.00, so one unit is worth 33.33 (docs/money.md).
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 40.00m).Line(2, "B", 1, 50.00m)
            .Freight(10.00m).Discount("P1", "Promotion", 20.00m, 1);
        await api.RegisterAsync(order);
        var id = await RepairingAsync(api, order);
        (await api.SaleAsync(id)).RefundAmount.Should().Be(0m, "a repair claims no money");

        var refunding = await api.ActOnAsync(id, "repair-finished", RunningHost.SystemKey, new { outcome = "Irreparable", note = "Cracked housing" });

        refunding.Status.Should().Be(AfterSaleStatus.PendingRefund);
        refunding.RefundAmount.Should().Be(33.33m);
        refunding.FreightRefund.Should().Be(0m, "not every unit of the order comes back");
        refunding.Lines.Should().ContainSingle().Which.RefundAmount.Should().Be(33.33m);
        refunding.Timeline[^1].Should().Match<TimelineEntryResponse>(t => t.Status == "PendingRefund" && t.Note == "Irreparable: Cracked housing. Refund of the 1 unit(s) instead: 33.33.");
        refunding.OutboundShipment.Should().BeNull();
        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(160.00m, 33.33m, 0m, 126.67m));
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Where(c => c.Outcome == "succeeded").Select(c => (c.Key, c.Amount)).Should().Equal((id, 33.33m));
        (await api.SimulatedCallsAsync(order.OrderId, "warehouse")).Should().NotContain(c => c.Operation == "outbound", "nothing ships back");
    }

    [Fact]
    public async Task An_unknown_outcome_or_a_bad_note_is_400_and_changes_nothing()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);
        var id = await RepairingAsync(api, order);
        var before = await api.SaleAsync(id);

        foreach (var body in new object[] { new { outcome = "Broken" }, new { outcome = "" }, new { outcome = 1 }, new { outcome = "Repaired", note = "a\u0000b" }, new { note = new string('n', 5000) } })
        {
            var (status, problem, response) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/repair-finished", RunningHost.SystemKey, body);
            status.Should().Be(HttpStatusCode.BadRequest, problem?.ToJsonString());
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        }

        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/repair-finished", RunningHost.UserKey, new { outcome = "Repaired" })).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SaleAsync(id)).Should().BeEquivalentTo(before);
    }

    // retail.self (the default order) reviews in customer service.
    private static async Task<string> RepairingAsync(ReverseApi api, OrderBuilder order)
    {
        var id = (await api.ApplyForAsync(order.OrderId, "Repair", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        (await api.ActOnAsync(id, "warehouse-receipt", RunningHost.SystemKey, ReceiptOfLineOne)).Status.Should().Be(AfterSaleStatus.Repairing);
        return id;
    }
}
