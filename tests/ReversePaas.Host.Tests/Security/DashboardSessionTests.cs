using System.Net;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Security;

/// <summary>
/// The sign-in of the Hangfire dashboard over plain HTTP: only an Ops key gets the session cookie; only a valid,
/// untouched cookie opens the dashboard, and a key alone never does.
/// </summary>
public sealed class DashboardSessionTests
{
    [Fact]
    public async Task Only_an_Ops_key_gets_a_session_and_only_its_cookie_opens_the_dashboard()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        using var noKey = new HttpRequestMessage(HttpMethod.Post, "/api/v1/ops/dashboard-session");
        (await host.Client.SendAsync(noKey)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var user = RunningHost.Request(HttpMethod.Post, "/api/v1/ops/dashboard-session", RunningHost.UserKey);
        var refused = await host.Client.SendAsync(user);
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.Headers.Contains("Set-Cookie").Should().BeFalse();

        using var ops = RunningHost.Request(HttpMethod.Post, "/api/v1/ops/dashboard-session", RunningHost.OpsKey);
        var granted = await host.Client.SendAsync(ops);
        granted.StatusCode.Should().Be(HttpStatusCode.OK, await granted.Content.ReadAsStringAsync());
        var setCookie = granted.Headers.GetValues("Set-Cookie").Single();
        setCookie.Should().StartWith("rp-ops-dashboard=").And.Contain("path=/ops/jobs").And.Contain("httponly").And.Contain("samesite=strict");
        var cookie = setCookie.Split(';')[0];

        (await DashboardAsync(host, cookie: null, key: null)).Should().Be(HttpStatusCode.Unauthorized);
        (await DashboardAsync(host, cookie: null, key: RunningHost.OpsKey)).Should().Be(HttpStatusCode.Forbidden, "a key is not a session");
        (await DashboardAsync(host, cookie: cookie[..^4] + "AAAA", key: null)).Should().Be(HttpStatusCode.Unauthorized, "an edited cookie is refused");
        (await DashboardAsync(host, cookie: cookie, key: null)).Should().Be(HttpStatusCode.OK);
    }

    private static async Task<HttpStatusCode> DashboardAsync(RunningHost host, string? cookie, string? key)
    {
        using var request = key is null ? new HttpRequestMessage(HttpMethod.Get, "/ops/jobs") : RunningHost.Request(HttpMethod.Get, "/ops/jobs", key);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await host.Client.SendAsync(request);
        return response.StatusCode;
    }
}
