using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The body size limit (<c>Limits:MaxRequestBodyBytes</c>) and the JSON depth limit, at their edges.</summary>
public sealed class RequestLimitTests
{
    [Fact]
    public async Task The_configured_body_limit_answers_413_with_a_problem_and_bodies_within_it_pass()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(), settings: "Limits:MaxRequestBodyBytes=2048");
        var api = new ReverseApi(host);
        var small = new OrderBuilder().Line(1, "A", 1, 10m);
        var large = new OrderBuilder().Line(1, "A", 1, 10m).With("attributes", new JsonObject { ["note"] = new string('n', 200) });
        for (var i = 2; i <= 30; i++)
        {
            large.Line(i, "SKU-" + i, 1, 10m);
        }

        Encoding.UTF8.GetByteCount(small.Build().ToJsonString()).Should().BeLessThan(2048);
        Encoding.UTF8.GetByteCount(large.Build().ToJsonString()).Should().BeGreaterThan(2048);

        (await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, small.Build().ToJsonString())).Status.Should().Be(HttpStatusCode.Created);
        // Once with a Content-Length (refused before reading), once chunked (refused while binding).
        var (_, _, announced) = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, large.Build().ToJsonString());
        var (_, _, chunked) = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, large.Build());
        foreach (var answer in new[] { announced, chunked })
        {
            var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
            problem.GetProperty("type").GetString().Should().Be("https://reversepaas.dev/problems/payload-too-large");
            problem.GetProperty("detail").GetString().Should().Contain("2048 bytes");
        }

        (await api.SendAsync(HttpMethod.Get, $"/api/v1/orders/{large.OrderId}", RunningHost.OpsKey)).Status.Should().Be(HttpStatusCode.NotFound);
        // The connection that carried a refused body still serves the next request.
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/orders/{small.OrderId}", RunningHost.OpsKey)).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Json_nested_past_32_levels_is_a_400_problem_and_32_levels_are_read()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith());
        var api = new ReverseApi(host);
        // The body is the first level, so an unknown property nested 31 deep reaches depth 32.
        static string Nested(int arrays) => "{\"reason\":\"x\",\"ignored\":" + new string('[', arrays) + new string(']', arrays) + "}";

        var deep = await api.SendAsync(HttpMethod.Post, "/api/v1/orders/O-none/cancel", RunningHost.UserKey, Nested(32));
        var problem = await deep.Response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("type").GetString().Should().Be("https://reversepaas.dev/problems/bad-request");
        problem.GetProperty("errors").ToString().Should().Contain("depth");

        (await api.SendAsync(HttpMethod.Post, "/api/v1/orders/O-none/cancel", RunningHost.UserKey, Nested(31))).Status.Should().Be(HttpStatusCode.NotFound);
    }
}
