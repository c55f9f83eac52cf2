using System.Net;
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
        var database = await MigratedPostgres.NewAsync();
        var connectionString = database + ";Maximum Pool Size=1;Timeout=1";
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

        // Counted over a connection of the test's own (another string, so another pool): the host's single pooled
        // connection may be in use by its background work at this moment, and the count must not queue behind it.
        await using (var reader = new NpgsqlConnection(database))
        {
            await reader.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM after_sales WHERE order_id = @order", reader);
            count.Parameters.AddWithValue("order", order.OrderId);
            ((long)(await count.ExecuteScalarAsync())!).Should().Be(0, "the refused request wrote nothing");
        }

        // A client told to retry does so; the host's own background work may hold the one connection for a moment, so a
        // further 503 is allowed, but within a few tries (each waits the pool's one second) the request goes through.
        var retried = HttpStatusCode.ServiceUnavailable;
        for (var attempt = 0; attempt < 10 && retried == HttpStatusCode.ServiceUnavailable; attempt++)
        {
            (retried, _, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, application);
        }

        retried.Should().Be(HttpStatusCode.Created, "the connection is free again");
    }
}
