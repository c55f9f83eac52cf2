using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ReversePaas.Cli.Tests.Support;
using ReversePaas.Host;

namespace ReversePaas.Cli.Tests.Scenarios;

/// <summary>A running host for <c>--host</c> mode and <c>scenario record</c>: the real one on loopback with known keys, its clock the wall clock.</summary>
internal sealed class ScenarioTestHost : IAsyncDisposable
{
    public static readonly string[] Keys =
    [
        "Ops=scn-ops", "User:u-1=scn-user", "Merchant:v-1=scn-merchant", "CustomerService:cs-1=scn-cs", "System:order-center=scn-system",
    ];

    private readonly WebApplication _app;

    private ScenarioTestHost(WebApplication app, string address)
    {
        _app = app;
        Address = address;
    }

    public string Address { get; }

    /// <summary><c>--key</c> options for every key of <see cref="Keys"/>.</summary>
    public static string[] KeyOptions => [.. Keys.SelectMany(k => new[] { "--key", k })];

    public static async Task<ScenarioTestHost> StartAsync(string folder)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--Plugins:Directory={TestPaths.BundledPlugins}",
            $"--IdentityMappings:Directory={TestPaths.Mappings}",
            $"--ConnectionStrings:ReversePaas=Data Source={Path.Combine(folder, "host.db")}",
            "--RateLimiting:Enabled=false",
            .. Key(0, "scn-ops", "Ops", "ops-1"),
            .. Key(1, "scn-user", "User", "u-1"),
            .. Key(2, "scn-merchant", "Merchant", "v-1"),
            .. Key(3, "scn-cs", "CustomerService", "cs-1"),
            .. Key(4, "scn-system", "System", "order-center"),
        ];
        var app = ReversePaasApp.Build(args, builder => builder.Logging.ClearProviders());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ScenarioTestHost(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string[] Key(int index, string key, string role, string subject) =>
    [
        $"--Auth:ApiKeys:{index}:Key={key}",
        $"--Auth:ApiKeys:{index}:Role={role}",
        $"--Auth:ApiKeys:{index}:Subject={subject}",
    ];
}
