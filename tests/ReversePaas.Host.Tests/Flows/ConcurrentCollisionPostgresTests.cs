using System.Net;
using System.Net.Http.Json;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// A request whose save PostgreSQL refuses because a concurrent transaction won (serialization failure 40001, deadlock
/// 40P01) is told to retry, as for any concurrent change: 503 <c>retry-later</c> with <c>Retry-After</c>, worded as a
/// collision and not as a database outage (Npgsql marks both errors transient, like a lost connection). The errors are
/// PostgreSQL's own, raised by the request's SaveChanges (<see cref="SaveCollisions"/>). PostgreSQL only: SQLite
/// serializes writers and never raises either.
/// </summary>
public sealed class ConcurrentCollisionPostgresTests
{
    [Theory]
    [InlineData(SaveCollisions.Serialization, "40001")]
    [InlineData(SaveCollisions.Deadlock, "40P01")]
    public async Task A_save_that_lost_to_a_concurrent_transaction_is_503_retry_later_worded_as_a_collision_and_writes_nothing(string collision, string sqlState)
    {
        var collisions = new SaveCollisions();
        await using var host = await RunningHost.StartWithServicesAsync(TestPaths.BundledPlugins, await MigratedPostgres.NewAsync(), collisions.Register);
        var api = new ReverseApi(host);
        OrderBuilder order;
        object claim;
        HttpResponseMessage response;
        for (var attempt = 1; ; attempt++)
        {
            order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
            await api.RegisterAsync(order);
            claim = new { orderId = order.OrderId, type = "RefundOnly", reason = "broken", lines = new[] { new { skuId = "A", quantity = 1 } } };
            using var request = RunningHost.Request(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey);
            request.Headers.Add(SaveCollisions.Header, collision);
            request.Content = JsonContent.Create(claim);
            response = await host.Client.SendAsync(request);
            // PostgreSQL cancels the waiter whose deadlock check runs first once the cycle exists. The save waits first,
            // so that is the save, unless the loaded machine delays closing the cycle past the save's one check
            // (deadlock_timeout, 1 s): then the other session is cancelled and the save goes through. That run proves
            // nothing either way; a new order tries again (a few times at most).
            if (collision == SaveCollisions.Deadlock && response.StatusCode == HttpStatusCode.Created && collisions.Raised.Count == 0 && attempt < 5)
            {
                response.Dispose();
                continue;
            }

            break;
        }

        using var answered = response;
        collisions.Raised.Select(e => e.SqlState).Should().Equal([sqlState], "PostgreSQL itself refused the save");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("type").GetString().Should().Be(ProblemTypes.RetryLater);
        var detail = problem.GetProperty("detail").GetString();
        detail.Should().Contain("collided with a concurrent change").And.Contain("nothing was written").And.Contain("Retry");
        detail.Should().NotContain("cannot be reached", "the database is up; only this request lost");
        response.Headers.RetryAfter?.Delta.Should().Be(TimeSpan.FromSeconds(1));
        problem.GetProperty("retryAfterSeconds").GetInt32().Should().Be(1);
        problem.TryGetProperty("system", out _).Should().BeFalse("no external system is involved");

        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={order.OrderId}")).Total.Should().Be(0);
        var ledger = (await api.OrderAsync(order.OrderId)).Ledger;
        ledger.Reserved.Should().Be(0m);
        ledger.Refundable.Should().Be(20.00m);

        // The retry the answer asks for goes through.
        var retried = (await api.OkAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, claim, HttpStatusCode.Created)).As<AfterSaleResponse>();
        retried.RefundAmount.Should().Be(10.00m);
        (await api.OrderAsync(order.OrderId)).Ledger.Refundable.Should().Be(10.00m);
    }
}
