using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// The kernel's extension points changing behaviour per identity over HTTP: the POP merchant reviews its own
/// after-sales (plugin), auto-approval by a setting (configuration only), and the payment fault drill of API.md.
/// </summary>
public sealed class BusinessLineTests
{
    [Fact]
    public async Task A_pop_order_is_reviewed_by_its_merchant_and_a_self_order_by_customer_service()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var pop = new OrderBuilder().With("venderType", "Pop").Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m);
        var self = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m);
        await api.RegisterAsync(pop);
        await api.RegisterAsync(self);

        var popSale = await api.ApplyForAsync(pop.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var selfSale = await api.ApplyForAsync(self.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);

        popSale.BusinessIdentity.Should().Be("retail.pop");
        popSale.ReviewBy.Should().Be("Merchant");
        popSale.Capabilities.Should().Contain(c => c.ExtensionPoint == "review.router" && c.Plugin == "retail-pop");
        selfSale.ReviewBy.Should().Be("CustomerService");
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{selfSale.AfterSaleId}/review", RunningHost.MerchantKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{popSale.AfterSaleId}/review", RunningHost.OtherMerchantKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.NotFound);
        var approved = await api.ActOnAsync(popSale.AfterSaleId, "review", RunningHost.MerchantKey, new { decision = "Approve" });
        approved.Status.Should().BeOneOf(AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed);
        approved.Timeline.Should().Contain(t => t.Actor == "Merchant:v-1");
    }

    [Fact]
    public async Task A_setting_in_identity_mappings_alone_auto_approves_small_refunds()
    {
        var mappings = CopyMappings();
        File.WriteAllText(Path.Combine(mappings, "bindings", "retail.self.json"), """
            { "identity": "retail.self", "description": "test: small refunds skip review, by the kernel's threshold policy",
              "extensions": { "review.auto-approve": "kernel.auto-approve.amount-threshold" },
              "settings": { "review.autoApproveMaxAmount": 20 } }
            """);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, mappings);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 20.00m).Line(2, "B", 1, 20.01m);
        await api.RegisterAsync(order);

        var small = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var large = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "B", quantity = 1 }]);

        small.Status.Should().Be(AfterSaleStatus.PendingRefund);
        small.Timeline.Select(t => t.Note).Should().Contain(n => n.Contains("review.autoApproveMaxAmount"));
        large.Status.Should().Be(AfterSaleStatus.PendingReview);
        await api.AwaitStatusAsync(small.AfterSaleId, AfterSaleStatus.Completed);
    }

    [Fact]
    public async Task Orders_listed_in_the_payment_fail_drill_end_refund_failed_and_stay_failed_on_retry()
    {
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 9.99m);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: $"Simulators:Payment:FailOrderIds:0={order.OrderId}");
        var api = new ReverseApi(host);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        var failed = await api.AwaitStatusAsync(id, AfterSaleStatus.RefundFailed, AfterSaleStatus.Completed);
        failed.Status.Should().Be(AfterSaleStatus.RefundFailed);
        failed.Refund.LastError.Should().Contain("FailOrderIds");
        await api.ActAsync(id, "retry-refund", RunningHost.OpsKey);
        var again = await api.AwaitStatusAsync(id, AfterSaleStatus.RefundFailed, AfterSaleStatus.Completed);

        again.Status.Should().Be(AfterSaleStatus.RefundFailed);
        (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(9.99m, "the money stays promised until it is paid or ops decide");
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Should().NotBeEmpty().And.OnlyContain(c => c.Outcome == "refused");
        var stuck = (await api.OkAsync(HttpMethod.Get, "/api/v1/ops/stuck", RunningHost.OpsKey)).As<StuckWorkResponse>();
        var parked = stuck.AfterSales.Should().ContainSingle().Subject;
        parked.AfterSaleId.Should().Be(id);
        parked.Status.Should().Be(AfterSaleStatus.RefundFailed);
        parked.LastError.Should().Contain("FailOrderIds");
    }

    private static string CopyMappings()
    {
        var target = Path.Combine(Path.GetTempPath(), "reversepaas-tests", "mappings", Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.EnumerateFiles(TestPaths.Mappings, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(TestPaths.Mappings, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }
}
