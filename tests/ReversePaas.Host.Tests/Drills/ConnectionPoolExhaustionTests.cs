using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Persistence;

namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// A request that waits for one of the host's pooled database connections longer than the pool's <c>Timeout</c> gets
/// a 503 to retry, not a 500, and writes nothing; once a connection is free again the same request succeeds.
/// </summary>
public sealed class ConnectionPoolExhaustionTests
{
    [Fact]
    public async Task A_request_that_finds_every_pooled_connection_busy_past_the_timeout_is_503_and_writes_nothing()
    {
        // One connection, and a one-second wait for it: the wait is the pool's, the test only holds the connection.
        var connectionString = await TestDatabases.NewPostgresAsync() + ";Maximum Pool Size=1;Timeout=1";
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: connectionString, settings: "Outbox:Paused=true");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        var application = new { orderId = order.OrderId, type = "RefundOnly", reason = "pool drill", lines = new[] { new { skuId = "A", quantity = 1 } } };

        // The host's context draws from the pool of this exact string (the Npgsql defaults applied to the operator's).
        await using (var holder = new NpgsqlConnection(PersistenceServiceCollectionExtensions.WithNpgsqlDefaults(connectionString)))
        {
            await holder.OpenAsync();
            var (status, body, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, application);

            status.Should().Be(HttpStatusCode.ServiceUnavailable, body?.ToJsonString());
            ((string)body!["type"]!).Should().EndWith("retry-later");
            response.Headers.RetryAfter!.Delta.Should().BePositive();
            ((string)body["detail"]!).Should().Contain("every connection this host has to it is busy");
        }

        using (var scope = host.Services.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ReverseDbContext>().AfterSales.CountAsync(a => a.OrderId == order.OrderId))
                .Should().Be(0, "the refused request wrote nothing");
        }

        var (retried, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, application);
        retried.Should().Be(HttpStatusCode.Created, "the connection is free again");
    }
}
