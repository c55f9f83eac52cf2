using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence.Writes;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The host on PostgreSQL writes an application through the store's direct writer (<c>Persistence:DirectWrites</c>,
/// default on), and through EF alone when it is off; either way the application is stored to the cent.
/// </summary>
public sealed class DirectWritesPostgresTests
{
    [Fact]
    public async Task An_application_on_PostgreSQL_is_written_by_the_direct_writer()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await MigratedPostgres.NewAsync());
        var writer = host.Services.GetRequiredService<DirectChangeWriter>();
        var before = writer.Saves;

        var sale = await ApplyAsync(new ReverseApi(host));

        writer.Saves.Should().BeGreaterThan(before, "the application's unit of work went through the direct writer");
        sale["refundAmount"]!.GetValue<decimal>().Should().Be(16.67m);
    }

    [Fact]
    public async Task With_direct_writes_off_the_host_writes_through_EF_alone()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await MigratedPostgres.NewAsync(), "Persistence:DirectWrites=false");
        host.Services.GetService<DirectChangeWriter>().Should().BeNull();

        var sale = await ApplyAsync(new ReverseApi(host));

        sale["refundAmount"]!.GetValue<decimal>().Should().Be(16.67m);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> ApplyAsync(ReverseApi api)
    {
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 16.67m);
        await api.RegisterAsync(order);
        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey,
            new { orderId = order.OrderId, type = "RefundOnly", reason = "broken", lines = new[] { new { skuId = "A", quantity = 1 } } });
        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        var (read, stored, _) = await api.SendAsync(HttpMethod.Get, $"/api/v1/after-sales/{body!["afterSaleId"]}", RunningHost.UserKey);
        read.Should().Be(HttpStatusCode.OK);
        return stored!;
    }
}
