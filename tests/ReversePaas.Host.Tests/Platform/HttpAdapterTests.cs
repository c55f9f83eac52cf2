using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Ports;
using ReversePaas.Host.Ports.Http;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The HTTP adapters against the simulators server on loopback: what each answer means (done, refused, unavailable),
/// the idempotency key on money, the breaker, a slow or absent system, and a start-up without a base address.
/// </summary>
public sealed class HttpAdapterTests
{
    private static readonly ReturnLine[] Lines = [new(1, "A", 2)];

    [Fact]
    public async Task A_refund_sent_twice_with_one_refund_id_is_paid_once_and_answered_the_same()
    {
        await using var server = await RunningSimulators.StartAsync();
        await using var adapters = Adapters(server.Address);
        var payment = adapters.GetRequiredService<HttpPaymentAdapter>();
        var refund = new PaymentRefundRequest { RefundId = "R-1", OrderId = "O-1", Amount = 12.34m, Currency = "CNY", Route = PaymentRoute.OriginalMethod };

        var first = await payment.RefundAsync(refund, default);
        var second = await payment.RefundAsync(refund, default);

        first.Succeeded.Should().BeTrue(first.FailureReason);
        first.Reference.Should().Be("PAY-refund-R-1");
        second.Reference.Should().Be(first.Reference);
        var calls = await server.CallsAsync("payment", "O-1");
        calls.Select(c => c.Outcome).Should().Equal("succeeded", "replayed");
        calls.Single(c => c.Outcome == "succeeded").Amount.Should().Be(12.34m);
    }

    [Fact]
    public async Task A_money_moving_call_without_its_key_as_idempotency_key_is_400_and_pays_nothing()
    {
        await using var server = await RunningSimulators.StartAsync();
        var body = new { refundId = "R-2", orderId = "O-2", amount = 5.00m, currency = "CNY", route = "OriginalMethod" };

        var missing = await server.Client.PostAsJsonAsync("payment/refunds", body);
        using var other = new HttpRequestMessage(HttpMethod.Post, "payment/refunds") { Content = JsonContent.Create(body) };
        other.Headers.Add(HttpPortClient.IdempotencyKeyHeader, "R-other");
        var mismatched = await server.Client.SendAsync(other);

        missing.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        missing.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        mismatched.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await server.CallsAsync("payment", "O-2")).Should().BeEmpty();
    }

    [Theory]
    [InlineData("warehouse/returns", "{\"afterSaleId\":\"AS-8\",\"orderId\":\"O-8\",\"lines\":[]}")]
    [InlineData("inventory/restocks", "{\"afterSaleId\":\"AS-8\",\"orderId\":\"O-8\",\"lines\":[{\"lineNo\":1,\"skuId\":\"A\",\"quantity\":0}]}")]
    [InlineData("logistics/pickups", "{\"shipmentKey\":\"S-8\",\"orderId\":\"O-8\",\"afterSaleIds\":[],\"pickupAt\":\"2026-12-06T00:00:00Z\"}")]
    [InlineData("payment/refunds", "{\"refundId\":")]
    public async Task A_body_the_server_cannot_use_is_400_problem_details_and_does_nothing(string route, string json)
    {
        await using var server = await RunningSimulators.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, route) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(HttpPortClient.IdempotencyKeyHeader, "AS-8");

        var response = await server.Client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        (await server.Client.GetFromJsonAsync<object[]>("calls?orderId=O-8")).Should().BeEmpty();
    }

    [Fact]
    public async Task A_refusal_is_a_failed_result_carrying_the_systems_reason()
    {
        await using var server = await RunningSimulators.StartAsync(
            "Simulators:Payment:FailOrderIds:0=O-3", "Simulators:Warehouse:RefuseInterceptOrderIds:0=O-3");
        await using var adapters = Adapters(server.Address);

        var refund = await adapters.GetRequiredService<HttpPaymentAdapter>().RefundAsync(
            new PaymentRefundRequest { RefundId = "R-3", OrderId = "O-3", Amount = 1.00m, Currency = "CNY", Route = PaymentRoute.CorporateAccount }, default);
        var intercept = await adapters.GetRequiredService<HttpWarehouseAdapter>().InterceptAsync("O-3", default);
        var inbound = await adapters.GetRequiredService<HttpWarehouseAdapter>().ExpectReturnAsync("AS-3", "O-3", Lines, default);

        refund.Succeeded.Should().BeFalse();
        refund.FailureReason.Should().Be("Simulated refusal: order 'O-3' is in Simulators:Payment:FailOrderIds.");
        intercept.Succeeded.Should().BeFalse();
        intercept.FailureReason.Should().Contain("already picked for packing");
        inbound.Succeeded.Should().BeTrue("only interception is refused for the order");
        inbound.Reference.Should().Be("WAR-expect-return-AS-3");
    }

    [Fact]
    public async Task Every_system_answering_503_is_unavailable_under_its_own_port_name()
    {
        await using var server = await RunningSimulators.StartAsync(
            "Simulators:Payment:Unavailable=true", "Simulators:Warehouse:Unavailable=true", "Simulators:Logistics:Unavailable=true",
            "Simulators:Inventory:Unavailable=true", "Simulators:Settlement:Unavailable=true");
        await using var adapters = Adapters(server.Address, "Ports:Payment:Retries=0", "Ports:Warehouse:Retries=0", "Ports:Logistics:Retries=0", "Ports:Inventory:Retries=0", "Ports:Settlement:Retries=0");

        var calls = new (string Port, Func<Task> Call)[]
        {
            ("payment", () => adapters.GetRequiredService<HttpPaymentAdapter>().RefundAsync(
                new PaymentRefundRequest { RefundId = "R-4", OrderId = "O-4", Amount = 1.00m, Currency = "CNY", Route = PaymentRoute.OriginalMethod }, default)),
            ("warehouse", () => adapters.GetRequiredService<HttpWarehouseAdapter>().ShipOutboundAsync("AS-4", "O-4", Lines, default)),
            ("logistics", () => adapters.GetRequiredService<HttpLogisticsAdapter>().SchedulePickupAsync(
                new PickupRequest { ShipmentKey = "S-4", OrderId = "O-4", AfterSaleIds = ["AS-4"], PickupAt = DateTimeOffset.UnixEpoch }, default)),
            ("inventory", () => adapters.GetRequiredService<HttpInventoryAdapter>().RestockAsync("AS-4", "O-4", Lines, default)),
            ("settlement", () => adapters.GetRequiredService<HttpSettlementAdapter>().RecordReverseMoneyAsync(new ReverseMoneyRecord
            {
                AfterSaleId = "AS-4", OrderId = "O-4", VenderId = "v-1", Amount = 1.00m, Currency = "CNY", PaymentReference = "PAY-1",
            }, default)),
        };

        foreach (var (port, call) in calls)
        {
            var down = (await call.Should().ThrowAsync<PortUnavailableException>()).Which;
            down.Port.Should().Be(port);
            down.Message.Should().Contain("503").And.Contain($"The {port} simulator is set to be unavailable");
            (await server.CallsAsync(port, "O-4")).Should().ContainSingle(c => c.Outcome == "unavailable", "no retries were allowed");
        }
    }

    [Fact]
    public async Task Repeated_failures_open_the_systems_breaker_and_later_calls_do_not_reach_it()
    {
        await using var server = await RunningSimulators.StartAsync("Simulators:Payment:Unavailable=true");
        await using var adapters = Adapters(server.Address, "Ports:Payment:Retries=0", "Ports:Payment:BreakDuration=00:05:00");
        var payment = adapters.GetRequiredService<HttpPaymentAdapter>();
        var refund = new PaymentRefundRequest { RefundId = "R-5", OrderId = "O-5", Amount = 1.00m, Currency = "CNY", Route = PaymentRoute.OriginalMethod };

        for (var i = 0; i < 5; i++)
        {
            (await payment.Invoking(p => p.RefundAsync(refund, default)).Should().ThrowAsync<PortUnavailableException>()).Which.Message.Should().Contain("503");
        }

        var open = (await payment.Invoking(p => p.RefundAsync(refund, default)).Should().ThrowAsync<PortUnavailableException>()).Which;
        open.Message.Should().Contain("circuit is open");
        (await server.CallsAsync("payment", "O-5")).Should().HaveCount(5, "the open breaker answered the sixth call itself");
        // One system's breaker is its own: the warehouse on the same server is still called.
        (await adapters.GetRequiredService<HttpWarehouseAdapter>().StopPushAsync("O-5", default)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task A_system_slower_than_the_timeouts_is_unavailable_and_does_nothing()
    {
        await using var server = await RunningSimulators.StartAsync("Simulators:Warehouse:Delay=00:00:30");
        await using var adapters = Adapters(server.Address, "Ports:Warehouse:AttemptTimeout=00:00:00.200", "Ports:Warehouse:Timeout=00:00:01", "Ports:Warehouse:Retries=1");

        var slow = (await adapters.GetRequiredService<HttpWarehouseAdapter>().Invoking(w => w.ShipOutboundAsync("AS-6", "O-6", Lines, default))
            .Should().ThrowAsync<PortUnavailableException>()).Which;

        slow.Port.Should().Be("warehouse");
        slow.Message.Should().Contain("did not answer in time");
        (await server.CallsAsync("warehouse", "O-6")).Should().BeEmpty("the server gave up with its caller, before the work");
    }

    [Fact]
    public async Task A_system_nobody_listens_for_is_unavailable()
    {
        Uri address;
        await using (var stopped = await RunningSimulators.StartAsync())
        {
            address = stopped.Address;
        }

        await using var adapters = Adapters(address, "Ports:Inventory:Retries=0");

        var down = (await adapters.GetRequiredService<HttpInventoryAdapter>().Invoking(i => i.RestockAsync("AS-7", "O-7", Lines, default))
            .Should().ThrowAsync<PortUnavailableException>()).Which;
        down.Port.Should().Be("inventory");
        down.Message.Should().Contain("could not be reached");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not an address")]
    [InlineData("ftp://127.0.0.1/")]
    public async Task Http_mode_without_a_usable_base_address_stops_the_start_naming_the_key(string? baseAddress)
    {
        string[] settings = baseAddress is null ? ["Ports:Payment:Mode=Http"] : ["Ports:Payment:Mode=Http", $"Ports:Payment:BaseAddress={baseAddress}"];
        var start = () => RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, settings);

        (await start.Should().ThrowAsync<InvalidOperationException>())
            .WithMessage("Ports:Payment:BaseAddress must be an absolute http(s) address when Ports:Payment:Mode is Http*");
    }

    // The adapters as the host registers them, for every system at the server's address.
    private static ServiceProvider Adapters(Uri address, params string[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(PortAdapters.Ports.SelectMany(p => new KeyValuePair<string, string?>[] { new($"Ports:{p.System}:BaseAddress", address.ToString()) }))
            .AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(kv => new KeyValuePair<string, string?>(kv[0], kv[1])))
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddHttpPorts(configuration, PortAdapters.Ports.Select(p => p.System));
        services.AddSingleton<HttpPaymentAdapter>().AddSingleton<HttpWarehouseAdapter>().AddSingleton<HttpLogisticsAdapter>()
            .AddSingleton<HttpInventoryAdapter>().AddSingleton<HttpSettlementAdapter>();
        return services.BuildServiceProvider();
    }
}
