using System.Text.Json.Serialization;
using ReversePaas.Host.Apis;
using ReversePaas.Host.Auth;
using ReversePaas.Host.Broker;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Dashboard;
using ReversePaas.Host.Execution;
using ReversePaas.Host.Health;
using ReversePaas.Host.PersonalData;
using ReversePaas.Host.PluginPackages;
using ReversePaas.Host.Problems;
using ReversePaas.Host.RateLimiting;
using ReversePaas.Host.Telemetry;
using ReversePaas.Host.Validation;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Telemetry.Usage;
using ReversePaas.Plugins;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Host;

/// <summary>
/// Builds the host. <c>Program</c> runs it; functional tests build it the same way on a loopback port,
/// so what they test is what ships.
/// </summary>
public static class ReversePaasApp
{
    /// <summary>The address used when none is configured (<c>--urls</c>, <c>ASPNETCORE_URLS</c>).</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Builds the application. Invalid identity mappings throw here, with file, JSON path and reason,
    /// so a bad deployment stops at start-up instead of misrouting orders.
    /// </summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        AddServices(builder);

        var app = builder.Build();
        // Load plugins and mappings now rather than on first request: failures surface at start-up.
        app.Services.GetRequiredService<PluginRuntime>();
        app.MigrateDatabase();
        MapEndpoints(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier);
            BodyProblems.Apply(c);
        });
        // After AddProblemDetails, so the framework's writer answers first and this one only what it declines.
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        services.AddExceptionHandler<HostExceptionHandler>();
        // Outside Development minimal APIs answer a bare 400 for unreadable bodies; throwing lets the handler
        // name the field in `errors`, in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new EnumNameConverter());
            o.SerializerOptions.Converters.Add(new MoneyJsonConverter());
            // Bodies mean one thing: numbers are JSON numbers (not "2"), a key appears once, nesting is bounded.
            o.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            o.SerializerOptions.AllowDuplicateProperties = false;
            o.SerializerOptions.MaxDepth = RequestLimits.MaxJsonDepth;
        });
        builder.AddRequestLimits();
        services.AddRequestValidation(builder.Configuration);
        services.AddWriteRateLimiting(builder.Configuration);
        services.AddApiKeyAuth(builder.Configuration, builder.Environment);
        services.AddOpenApi(o => o.AddDocumentTransformer<ApiKeySecurityTransformer>().AddSchemaTransformer<EnumNameSchemaTransformer>()
            .AddOperationTransformer<PluginPackageBodyTransformer>());
        services.AddHealthChecks().AddReadinessChecks();

        services.AddExtensionCallBudget(builder.Configuration);
        // This host's recent calls per catalog cell (GET /api/v1/catalog/usage), in memory: docs/observability.md.
        services.AddSingleton(sp => new ExtensionUsage(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new PluginRuntime(
            ResolveRuntimeOptions(builder.Configuration, builder.Environment), sp.GetRequiredService<ILoggerFactory>(), sp.GetRequiredService<ExtensionCallBudget>(),
            sp.GetRequiredService<ExtensionUsage>()));
        services.AddSingleton<ExtensionRuntime>(sp => sp.GetRequiredService<PluginRuntime>().Extensions);
        services.AddPluginPackages(builder.Configuration, builder.Environment);
        services.AddReverseFulfilment(builder.Configuration, builder.Environment);
        services.AddPersonalDataProtection();
        services.AddOpsDashboard();
        services.AddRabbitMqBroker(builder.Configuration);
        builder.AddTelemetry();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSnapshotLease();
        // Static Swagger UI files are public (API.md); they are served before authorization because the
        // fallback policy would otherwise apply to these endpoint-less requests too.
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "ReversePaas v1");
            o.RoutePrefix = "swagger";
        });
        app.UseAuthentication();
        app.UseOpsDashboard();
        app.UseWriteRateLimiting();
        app.UseAuthorization();
        app.UseRequestBodyGuard();

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        app.MapHealthChecks("/healthz", new() { Predicate = _ => false, ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthResponseWriter.WriteAsync }).AllowAnonymous();
        app.MapMetrics();

        app.MapOrdersApi();
        app.MapAfterSalesApi();
        app.MapPluginsApi();
        app.MapPluginPackagesApi(app.Services.GetRequiredService<PluginPackageOptions>());
        app.MapCatalogApi();
        app.MapCatalogUi();
        app.MapSimulatorsApi();
        app.MapOpsApi();
    }

    private static PluginRuntimeOptions ResolveRuntimeOptions(ConfigurationManager configuration, IHostEnvironment environment)
    {
        string Folder(string key, string fallback)
        {
            var configured = configuration[key];
            return string.IsNullOrWhiteSpace(configured)
                ? Path.Combine(AppContext.BaseDirectory, fallback)
                : Path.GetFullPath(configured, environment.ContentRootPath);
        }

        var allowList = configuration.GetSection("Plugins:AllowList").GetChildren()
            .Select(c => new PluginAllowListEntry(c["Id"] ?? "", c["Sha256"] ?? ""))
            .ToArray();
        return new PluginRuntimeOptions
        {
            PluginsDirectory = Folder("Plugins:Directory", "plugins"),
            MappingsDirectory = Folder("IdentityMappings:Directory", "identity-mappings"),
            Loader = new PluginLoaderOptions { AllowList = allowList },
        };
    }
}
