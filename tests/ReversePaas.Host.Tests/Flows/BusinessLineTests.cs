using System.Net;
using ReversePaas.Host.Tests.Support;

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

        var popSale = await api.ApplyAsync(pop.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var selfSale = await api.ApplyAsync(self.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);

        ((string)popSale["businessIdentity"]!).Should().Be("retail.pop");
        ((string)popSale["reviewBy"]!).Should().Be("Merchant");
        popSale["capabilities"]!.AsArray().Should().Contain(c => (string)c!["extensionPoint"]! == "review.router" && (string)c["plugin"]! == "retail-pop");
        ((string)selfSale["reviewBy"]!).Should().Be("CustomerService");
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{selfSale["afterSaleId"]}/review", RunningHost.MerchantKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{popSale["afterSaleId"]}/review", RunningHost.OtherMerchantKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.NotFound);
        var approved = await api.ActAsync((string)popSale["afterSaleId"]!, "review", RunningHost.MerchantKey, new { decision = "Approve" });
        ((string)approved["status"]!).Should().BeOneOf("PendingRefund", "Completed");
        approved["timeline"]!.AsArray().Should().Contain(t => (string)t!["actor"]! == "Merchant:v-1");
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

        var small = await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var large = await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "B", quantity = 1 }]);

        ((string)small["status"]!).Should().Be("PendingRefund");
        small["timeline"]!.AsArray().Select(t => (string)t!["note"]!).Should().Contain(n => n.Contains("review.autoApproveMaxAmount"));
        ((string)large["status"]!).Should().Be("PendingReview");
        await api.WaitForStatusAsync((string)small["afterSaleId"]!, "Completed");
    }

    [Fact]
    public async Task Orders_listed_in_the_payment_fail_drill_end_refund_failed_and_stay_failed_on_retry()
    {
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 9.99m);
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: $"Simulators:Payment:FailOrderIds:0={order.OrderId}");
        var api = new ReverseApi(host);
        await api.RegisterAsync(order);
        var id = (string)(await api.ApplyAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]))["afterSaleId"]!;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });

        var failed = await api.WaitForStatusAsync(id, "RefundFailed", "Completed");
        ((string)failed["status"]!).Should().Be("RefundFailed");
        ((string)failed["refund"]!["lastError"]!).Should().Contain("FailOrderIds");
        await api.ActAsync(id, "retry-refund", RunningHost.OpsKey);
        var again = await api.WaitForStatusAsync(id, "RefundFailed", "Completed");

        ((string)again["status"]!).Should().Be("RefundFailed");
        ((decimal)(await api.GetOrderAsync(order.OrderId))["ledger"]!["reserved"]!).Should().Be(9.99m, "the money stays promised until it is paid or ops decide");
        (await api.SimulatorCallsAsync(order.OrderId, "payment")).Should().OnlyContain(c => (string)c!["outcome"]! == "refused");
        var stuck = await api.OkAsync(HttpMethod.Get, "/api/v1/ops/stuck", RunningHost.OpsKey);
        var parked = stuck["afterSales"]!.AsArray().Should().ContainSingle().Subject!;
        ((string)parked["afterSaleId"]!).Should().Be(id);
        ((string)parked["status"]!).Should().Be("RefundFailed");
        ((string)parked["lastError"]!).Should().Contain("FailOrderIds");
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
