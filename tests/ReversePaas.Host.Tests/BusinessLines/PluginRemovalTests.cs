using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Host.Tests.BusinessLines;

/// <summary>Removing a business line's plugin and reloading falls back to the kernel defaults for its identity, without a restart.</summary>
public sealed class PluginRemovalTests
{
    [Fact]
    public async Task The_four_bundled_plugins_load_without_problems_and_serve_their_identities()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);

        var ready = await api.OkAsync(HttpMethod.Get, "/readyz", RunningHost.OpsKey);
        var plugins = (await api.OkAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).AsArray();

        ((string)ready["status"]!).Should().Be("Healthy");
        ready["checks"]![0]!["data"]!["problems"]!.AsArray().Should().BeEmpty();
        plugins.Select(p => ((string)p!["id"]!, (string)p["state"]!)).Should().BeEquivalentTo(
            [("retail-self", "Loaded"), ("retail-pop", "Loaded"), ("daojia-fresh", "Loaded"), ("bmall-intent", "Loaded")]);
    }

    [Fact]
    public async Task Without_the_daojia_plugin_its_orders_get_the_kernel_defaults_after_a_reload()
    {
        var folder = TestPaths.PluginsFolderWith(
            TestPaths.BundledPlugin("RetailSelf"), TestPaths.BundledPlugin("RetailPop"), TestPaths.BundledPlugin("DaojiaFresh"), TestPaths.BundledPlugin("BMallIntent"));
        await using var host = await RunningHost.StartAsync(folder);
        var api = new ReverseApi(host);
        var before = Orders.DaojiaFresh().Completed(DateTimeOffset.UtcNow).Line(1, "KALE", 3, 9m);
        await api.RegisterAsync(before);
        object NoPhoto(string orderId) => new { orderId, type = "RefundOnly", reason = "wilted", lines = new[] { new { skuId = "KALE", quantity = 1 } } };
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, NoPhoto(before.OrderId))).Status.Should().Be(HttpStatusCode.Conflict);

        Directory.Delete(Path.Combine(host.PluginsDirectory, "DaojiaFresh"), recursive: true);
        await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/reload", RunningHost.OpsKey);

        var plugins = (await api.OkAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).As<PluginResponse[]>();
        plugins.Single(p => p.Id == "daojia-fresh").State.Should().Be(PluginState.Unloaded);
        var after = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, NoPhoto(before.OrderId));
        after.Status.Should().Be(HttpStatusCode.Created, "without the plugin no photo rule applies");
        after.Body!.As<AfterSaleResponse>().Capabilities.Should().OnlyContain(c => c.Plugin == "kernel");
        var flow = (await api.OkAsync(HttpMethod.Get, "/api/v1/catalog/identities/daojia.fresh", RunningHost.OpsKey)).As<IdentityFlowResponse>();
        var calculator = flow.Activities.SelectMany(a => a.Points).Single(p => p.Code == "application.refund-calculator");
        calculator.Source.Should().Be(ResolutionSource.KernelDefault);
        // Other lines keep their plugins.
        plugins.Where(p => p.Id != "daojia-fresh").Should().HaveCount(3).And.OnlyContain(p => p.State == PluginState.Loaded);
    }
}
