using System.Net;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Plugins.Mappings;

namespace ReversePaas.Host.Tests.Platform;

public sealed class HealthAndStartupTests
{
    [Fact]
    public async Task Readyz_is_healthy_when_every_plugin_loaded_and_nothing_conflicts()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(TestPaths.BundledPlugin("RetailPop")));

        var ready = await (await host.SendAsync(HttpMethod.Get, "/readyz", apiKey: null)).ShouldBeJsonAsync();

        ready.GetProperty("status").GetString().Should().Be("Healthy");
        ready.GetProperty("checks")[0].GetProperty("data").GetProperty("pluginsLoaded").GetInt32().Should().Be(1);
        ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Should().Contain(["database", "outbox"]);
        var outbox = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "outbox");
        outbox.GetProperty("data").GetProperty("pending").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Readyz_stays_200_and_says_degraded_when_a_deadline_is_late()
    {
        // Far in the future, so the job store (which fires on the real clock) holds the deadline instead of firing it,
        // while the kernel's clock says it is two minutes late.
        var clock = new ManualClock(new DateTimeOffset(2100, 1, 1, 9, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, clock, "Orders:UnpaidTimeout=00:30:00");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        await ReverseApi.WaitUntilAsync(async () => await api.DeadlineAsync("unpaid-order", order.OrderId) is not null, "the unpaid deadline stored");
        (await host.SendAsync(HttpMethod.Get, "/readyz", apiKey: null)).StatusCode.Should().Be(HttpStatusCode.OK);

        clock.Advance(TimeSpan.FromMinutes(32));

        // Late work is for ops to see, not a reason for the load balancer to stop sending requests the host serves.
        var ready = await (await host.SendAsync(HttpMethod.Get, "/readyz", apiKey: null)).ShouldBeJsonAsync();
        ready.GetProperty("status").GetString().Should().Be("Degraded");
        var jobs = ready.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "jobs");
        jobs.GetProperty("status").GetString().Should().Be("Degraded");
        jobs.GetProperty("data").GetProperty("mostLateSeconds").GetInt64().Should().BeInRange(120, 180);
    }

    [Fact]
    public async Task Readyz_is_a_503_problem_when_the_database_goes_away()
    {
        var database = await MigratedPostgres.NewAsync();
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: database);
        var before = await host.SendAsync(HttpMethod.Get, "/readyz", apiKey: null);
        before.StatusCode.Should().Be(HttpStatusCode.OK, await before.Content.ReadAsStringAsync());

        await TestDatabases.DropPostgresAsync(database);

        var problem = await (await host.SendAsync(HttpMethod.Get, "/readyz", apiKey: null)).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetRawText().Should().Contain("database");
        (await host.SendAsync(HttpMethod.Get, "/healthz", apiKey: null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Readyz_is_a_503_problem_naming_a_failed_plugin_while_healthz_stays_up()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(
            TestPaths.BundledPlugin("RetailPop"), TestPaths.FixturePlugin("BadManifest")));

        var problem = await (await host.SendAsync(HttpMethod.Get, "/readyz", apiKey: null)).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        problem.GetProperty("detail").GetString().Should().Contain("failed");
        (await host.SendAsync(HttpMethod.Get, "/healthz", apiKey: null)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_routes_and_the_api_key_scheme()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith());

        var document = await (await host.SendAsync(HttpMethod.Get, "/openapi/v1.json", apiKey: null)).ShouldBeJsonAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToArray();
        paths.Should().Contain(["/api/v1/plugins", "/api/v1/plugins/reload", "/api/v1/catalog/identities/{identity}"]);
        // Every order and after-sale route of API.md, each with its problem responses.
        string[] domain =
        [
            "/api/v1/orders", "/api/v1/orders/{orderId}", "/api/v1/orders/{orderId}/status", "/api/v1/orders/{orderId}/cancel",
            "/api/v1/after-sales", "/api/v1/after-sales/{id}", "/api/v1/after-sales/{id}/review", "/api/v1/after-sales/{id}/withdraw",
            "/api/v1/after-sales/{id}/return-shipment", "/api/v1/after-sales/{id}/warehouse-receipt", "/api/v1/after-sales/{id}/retry-refund",
        ];
        paths.Should().Contain(domain);
        var apply = document.GetProperty("paths").GetProperty("/api/v1/after-sales").GetProperty("post");
        apply.GetProperty("responses").EnumerateObject().Select(r => r.Name).Should().Contain(["201", "400", "401", "403", "404", "409", "422", "503"]);
        apply.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).Should().BeTrue();
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("name").GetString().Should().Be("X-Api-Key");
    }

    [Fact]
    public async Task An_invalid_identity_is_a_400_validation_problem_and_an_unknown_one_a_404()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith());

        var invalid = await (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/identities/Retail..POP", RunningHost.OpsKey))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        invalid.GetProperty("errors").GetProperty("identity")[0].GetString().Should().Contain("Retail..POP");

        var unknown = await (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog/identities/retail.unheard-of", RunningHost.OpsKey))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
        unknown.GetProperty("detail").GetString().Should().Contain("retail.unheard-of").And.Contain("'retail'");
    }

    [Fact]
    public async Task Invalid_identity_mappings_stop_start_up_naming_file_path_and_reason()
    {
        var mappings = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"), "identity-mappings");
        TestPaths.CopyDirectory(TestPaths.Mappings, mappings);
        await File.WriteAllTextAsync(Path.Combine(mappings, "identities.json"), "{ \"rules\": [ { \"identity\": \"retail.pop\", \"when\": { \"venderType\": 7 } } ] }");

        var start = () => RunningHost.StartAsync(TestPaths.PluginsFolderWith(), mappings);

        var failure = await start.Should().ThrowAsync<IdentityMappingException>();
        failure.Which.Errors.Should().Contain(e => e.File == "identities.json" && e.JsonPath.Contains("venderType"));
    }
}
