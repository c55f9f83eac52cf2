using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Simulators;
using ReversePaas.Simulators.Server;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// The simulators server (kernel/ReversePaas.Simulators.Server) on a loopback port, with a journal file of its own.
/// Stopping it and starting it again on the same port and journal is a real outage and a real recovery.
/// </summary>
public sealed class RunningSimulators : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSimulators(WebApplication app, Uri address, string journal)
    {
        _app = app;
        Address = address;
        Journal = journal;
        Client = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public string Journal { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the server on a free port with a fresh journal; <paramref name="settings"/> are <c>key=value</c> fault switches.</summary>
    public static Task<RunningSimulators> StartAsync(params string[] settings)
        => StartAsync(port: 0, TestDatabases.NewSqlite(), settings);

    /// <summary>Starts the server again where <paramref name="previous"/> ran (its port and journal), after it stopped.</summary>
    public static Task<RunningSimulators> RestartAsync(RunningSimulators previous, params string[] settings)
        => StartAsync(previous.Address.Port, previous.Journal, settings);

    /// <summary>The host settings that send every port (or the <paramref name="systems"/> given) to this server.</summary>
    public string[] HostSettings(params string[] systems)
        => [.. (systems.Length > 0 ? systems : ["Payment", "Warehouse", "Logistics", "Inventory", "Settlement"])
            .SelectMany(s => new[] { $"Ports:{s}:Mode=Http", $"Ports:{s}:BaseAddress={Address}" })];

    /// <summary>What the server's systems were asked and answered for <paramref name="orderId"/>.</summary>
    internal async Task<SimulatedCall[]> CallsAsync(string system, string orderId)
        => (await Client.GetFromJsonAsync<SimulatedCall[]>($"calls?system={system}&orderId={Uri.EscapeDataString(orderId)}"))!;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static async Task<RunningSimulators> StartAsync(int port, string journal, string[] settings)
    {
        var app = SimulatorsServer.Build(
        [
            $"--urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:Simulators={journal}",
            "--Logging:LogLevel:Default=Warning",
            .. settings.Select(s => "--" + s),
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningSimulators(app, new Uri(address + "/"), journal);
    }
}
