using Microsoft.Extensions.Logging.Console;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ReversePaas.Kernel.Telemetry;

namespace ReversePaas.Host.Telemetry;

/// <summary>
/// Metrics unless <c>OpenTelemetry:Metrics=false</c> (the kernel's meter, ASP.NET Core, HttpClient and the runtime,
/// scraped at <c>/metrics</c>; pushed over OTLP too when <c>OpenTelemetry:Endpoint</c> is set). Traces only when
/// something takes them: an OTLP endpoint, or <c>OpenTelemetry:Traces=true</c> (a test's in-memory exporter). Without a
/// tracer nothing listens to the activity sources, so an untraced host creates no spans at all.
/// </summary>
internal static class TelemetrySetup
{
    public const string ServiceName = "reversepaas";

    private const string JsonScopesKey = "Logging:Console:FormatterOptions:IncludeScopes";

    public static void AddTelemetry(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var endpoint = configuration["OpenTelemetry:Endpoint"];
        var otlp = string.IsNullOrWhiteSpace(endpoint) ? null : new Uri(endpoint, UriKind.Absolute);
        var traces = TracesEnabled(configuration);

        // Log scopes carry the trace and span ids of the current activity (requests, and the outbox's deliveries too),
        // so JSON log lines join their traces.
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        // JSON lines are read by machines, which join them to traces by those scopes: on unless configured off. The
        // simple formatter keeps its default (off), so a developer's console stays one short line per entry.
        var jsonScopes = configuration.GetValue(JsonScopesKey, true);
        builder.Services.Configure<JsonConsoleFormatterOptions>(o => o.IncludeScopes = jsonScopes);

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService(ServiceName));
        if (MetricsEnabled(configuration))
        {
            telemetry.WithMetrics(metrics =>
            {
                metrics.AddMeter(KernelMetrics.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation()
                    // Every scrape reads afresh (the exporter caches 300 ms by default): a scrape is cheap, a stale one misleads.
                    .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Point(o, otlp, "v1/metrics"));
                }
            });
            builder.Services.AddHostedService<OutboxPendingObserver>();
        }

        if (traces)
        {
            telemetry.WithTracing(tracing =>
            {
                tracing.AddSource(KernelTracing.SourcePrefix + "*")
                    .AddAspNetCoreInstrumentation(o => o.Filter = context => !IsScrape(context))
                    .AddHttpClientInstrumentation();
                if (otlp is not null)
                {
                    tracing.AddOtlpExporter(o => Point(o, otlp, "v1/traces"));
                }
            });
        }
    }

    /// <summary>Whether spans are recorded: <c>OpenTelemetry:Traces</c>, by default true exactly when an OTLP endpoint is set.</summary>
    public static bool TracesEnabled(IConfiguration configuration)
        => configuration.GetValue("OpenTelemetry:Traces", !string.IsNullOrWhiteSpace(configuration["OpenTelemetry:Endpoint"]));

    /// <summary>
    /// Whether metrics are collected and served: <c>OpenTelemetry:Metrics</c>, true by default. Off, nothing listens to
    /// the meters (extension calls skip their telemetry) and <c>/metrics</c> is not mapped: to measure what metrics cost.
    /// </summary>
    public static bool MetricsEnabled(IConfiguration configuration) => configuration.GetValue("OpenTelemetry:Metrics", true);

    /// <summary><c>/metrics</c>: public like <c>/healthz</c> (aggregates only; no ids, no personal data).</summary>
    public static void MapMetrics(this WebApplication app)
    {
        if (MetricsEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        }
    }

    private static bool IsScrape(HttpContext context) => context.Request.Path.StartsWithSegments("/metrics");

    // gRPC takes the collector's address as it is; OTLP over HTTP wants the signal's path appended (4318/v1/traces).
    private static void Point(OtlpExporterOptions options, Uri endpoint, string signalPath)
    {
        options.Endpoint = options.Protocol == OtlpExportProtocol.HttpProtobuf && endpoint.AbsolutePath is "/" or ""
            ? new Uri(endpoint, signalPath)
            : endpoint;
    }
}
