using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ReversePaas.Host.Tests.Support;

/// <summary>
/// The real host on a free loopback port, with its own plugins folder and test API keys. Tests talk to
/// it over HTTP exactly as clients do.
/// </summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string OpsKey = "test-ops-key";
    public const string UserKey = "test-user-key";
    public const string MerchantKey = "test-merchant-key";
    public const string CustomerServiceKey = "test-cs-key";
    public const string SystemKey = "test-system-key";
    public const string OtherUserKey = "test-user2-key";
    public const string OtherMerchantKey = "test-merchant2-key";
    public const string RiskKey = "test-risk-key";

    private readonly WebApplication _app;

    private RunningHost(WebApplication app, Uri address, string pluginsDirectory)
    {
        _app = app;
        PluginsDirectory = pluginsDirectory;
        // No cookie jar: API callers send keys, and a cookie one request set (the dashboard session) must not ride along on the next.
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = address };
    }

    public HttpClient Client { get; }

    /// <summary>The host's services (to hold an order lock, as a concurrent request would).</summary>
    public IServiceProvider Services => _app.Services;

    public string PluginsDirectory { get; }

    /// <summary>
    /// Starts a host. Without <paramref name="connectionString"/> it gets a fresh SQLite file of its own;
    /// <paramref name="settings"/> are extra <c>key=value</c> configuration entries.
    /// </summary>
    public static Task<RunningHost> StartAsync(string pluginsDirectory, string? mappingsDirectory = null, string? connectionString = null, params string[] settings)
        => StartAsync(pluginsDirectory, mappingsDirectory, connectionString, clock: null, settings);

    /// <summary>Starts a host whose kernel reads time from <paramref name="clock"/> (tests move it instead of waiting).</summary>
    public static Task<RunningHost> StartAsync(string pluginsDirectory, string? mappingsDirectory, string? connectionString, TimeProvider? clock, params string[] settings)
        => StartCoreAsync(pluginsDirectory, mappingsDirectory, connectionString, builder =>
        {
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
        }, settings);

    /// <summary>
    /// Starts a host in which <paramref name="replaceServices"/> runs after the host registered its own services, so
    /// what it registers replaces theirs (a store that holds a save until the test lets it go, for instance).
    /// </summary>
    public static Task<RunningHost> StartWithServicesAsync(string pluginsDirectory, string? connectionString, Action<IServiceCollection> replaceServices, params string[] settings)
        => StartCoreAsync(pluginsDirectory, mappingsDirectory: null, connectionString,
            builder => builder.Host.UseServiceProviderFactory(new LateServicesFactory(replaceServices)), settings);

    private static async Task<RunningHost> StartCoreAsync(string pluginsDirectory, string? mappingsDirectory, string? connectionString, Action<WebApplicationBuilder> configure, string[] settings)
    {
        connectionString ??= TestDatabases.NewSqlite();
        // A setting written as a command-line switch ("--Key=value") would become "----Key=value", which configuration
        // silently ignores: the host would start without it (a broker test once waited two minutes on that).
        if (settings.FirstOrDefault(s => s.StartsWith('-')) is { } dashed)
        {
            throw new ArgumentException($"Settings are 'Key=value', without leading dashes: '{dashed}'.", nameof(settings));
        }

        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            "--environment=Testing",
            $"--Plugins:Directory={pluginsDirectory}",
            $"--IdentityMappings:Directory={mappingsDirectory ?? TestPaths.Mappings}",
            .. Key(0, OpsKey, "Ops", "ops-1"),
            .. Key(1, UserKey, "User", "u-1"),
            .. Key(2, MerchantKey, "Merchant", "v-1"),
            .. Key(3, CustomerServiceKey, "CustomerService", "cs-1"),
            .. Key(4, SystemKey, "System", "order-center"),
            .. Key(5, OtherUserKey, "User", "u-2"),
            .. Key(6, OtherMerchantKey, "Merchant", "v-2"),
            .. Key(7, RiskKey, "Risk", "risk-1"),
            $"--ConnectionStrings:ReversePaas={connectionString}",
            "--Activities:RefundRetryDelay=00:00:00.050",
            "--RateLimiting:PermitsPerSecond=1000000", // tests write far faster than clients do; RateLimitTests set their own limit
            "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Warning",
            .. settings.Select(s => "--" + s),
        ];
        // As in Development (the README's first command): a registration that cannot be built stops the start.
        var app = ReversePaasApp.Build(args, builder =>
        {
            builder.Host.UseDefaultServiceProvider(o => o.ValidateOnBuild = true);
            configure(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningHost(app, new Uri(address), pluginsDirectory);
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, string? apiKey)
    {
        var request = new HttpRequestMessage(method, path);
        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? apiKey)
        => Client.SendAsync(Request(method, path, apiKey));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
