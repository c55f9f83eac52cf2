using System.Net;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Security;

public sealed class AuthTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync()
        => _host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(TestPaths.BundledPlugin("RetailPop")));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_request_without_a_key_is_401_with_a_problem_saying_what_to_send()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/api/v1/plugins", apiKey: null);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain("X-Api-Key");
        response.Headers.WwwAuthenticate.ToString().Should().Contain("ApiKey");
    }

    [Fact]
    public async Task An_unknown_key_is_401()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/api/v1/plugins", "not-a-configured-key");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString().Should().Contain("no configured key");
    }

    [Theory]
    [InlineData(RunningHost.UserKey, "User")]
    [InlineData(RunningHost.MerchantKey, "Merchant")]
    [InlineData(RunningHost.CustomerServiceKey, "CustomerService")]
    [InlineData(RunningHost.SystemKey, "System")]
    public async Task Only_ops_may_reload_plugins(string key, string role)
    {
        var response = await _host.SendAsync(HttpMethod.Post, "/api/v1/plugins/reload", key);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        problem.GetProperty("detail").GetString().Should().Contain(role);
    }

    [Theory]
    [InlineData(RunningHost.UserKey)]
    [InlineData(RunningHost.MerchantKey)]
    public async Task Users_and_merchants_may_not_read_platform_internals(string key)
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/api/v1/plugins", key);

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(RunningHost.OpsKey)]
    [InlineData(RunningHost.CustomerServiceKey)]
    [InlineData(RunningHost.SystemKey)]
    public async Task Ops_system_and_customer_service_may_read_the_plugin_list(string key)
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/api/v1/plugins", key);

        var plugins = await response.ShouldBeJsonAsync();
        plugins.GetArrayLength().Should().Be(1);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/swagger/index.html")]
    public async Task Health_and_api_docs_need_no_key(string path)
    {
        var response = await _host.SendAsync(HttpMethod.Get, path, apiKey: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_route_with_a_valid_key_is_a_404_problem()
    {
        var response = await _host.SendAsync(HttpMethod.Get, "/api/v1/no-such-thing", RunningHost.OpsKey);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
