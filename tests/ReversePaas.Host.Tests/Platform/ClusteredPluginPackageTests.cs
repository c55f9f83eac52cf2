using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Plugins.Loading;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// Two host processes on one PostgreSQL database: a package uploaded and activated on A is served by B within
/// <c>Plugins:SyncInterval</c>; a rollback and a deactivation on A reach B the same way.
/// </summary>
public sealed class ClusteredPluginPackageTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly Dictionary<string, string> Settings = new() { ["Plugins:SyncInterval"] = "00:00:01" };

    // Generous: a loaded full run on 2 cores starves everything; the interval itself is 1 s.
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    private readonly HostProcessLog _started = new(log);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        _started.WriteOutputs();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_activation_rollback_and_deactivation_on_one_host_reach_the_other()
    {
        var database = await MigratedPostgres.NewAsync();
        await using var a = await HostProcess.StartAsync(database, Settings);
        await using var b = await HostProcess.StartAsync(database, Settings);
        _started.Add(a, b);
        var onA = new ReverseApi(a.Client);

        (await PluginPackagesTests.UploadAsync(a.Client, PluginPackagesTests.Good("1.0.0"))).Status.Should().Be(HttpStatusCode.Created);
        (await PluginPackagesTests.UploadAsync(b.Client, PluginPackagesTests.Good("1.1.0"))).Status.Should().Be(HttpStatusCode.Created, "packages are in the database: either host takes uploads");
        var started = DateTime.UtcNow;
        (await onA.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { version = "1.1.0" })).As<PluginResponse>().Version.Should().Be("1.1.0");
        await ServedOnAsync(b, "1.1.0");
        log.WriteLine($"B served 1.1.0 {(DateTime.UtcNow - started).TotalMilliseconds:0} ms after A's activation answered");

        (await onA.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { version = "1.0.0" })).As<PluginResponse>().Version.Should().Be("1.0.0");
        await ServedOnAsync(b, "1.0.0");
        (await onA.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/rollback", RunningHost.OpsKey)).As<PluginResponse>().Version.Should().Be("1.1.0");
        await ServedOnAsync(b, "1.1.0");

        await onA.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/deactivate", RunningHost.OpsKey);
        await ServedOnAsync(b, version: null);
        (await PluginsAsync(a)).Should().NotContain(p => p.Id == "good-plugin" && p.State == PluginState.Loaded);
    }

    private static async Task ServedOnAsync(HostProcess host, string? version)
        => await ReverseApi.WaitUntilAsync(
            async () => (await PluginsAsync(host)).Any(p => p.Id == "good-plugin" && p.State == PluginState.Loaded && p.Version == version)
                || (version is null && !(await PluginsAsync(host)).Any(p => p.Id == "good-plugin" && p.State == PluginState.Loaded)),
            version is null ? $"{host} no longer serving good-plugin" : $"{host} serving good-plugin {version}",
            Within);

    private static async Task<PluginResponse[]> PluginsAsync(HostProcess host)
        => (await host.GetOkAsync("/api/v1/plugins", RunningHost.OpsKey)).As<PluginResponse[]>();
}
