using System.Diagnostics;
using OpenTelemetry.Trace;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Telemetry;

/// <summary>
/// One application's trace (API.md, Observability): request → apply activity → extension calls with their tags, and
/// the outbox delivery of the message it wrote later, in the same trace.
/// </summary>
[Collection(TelemetryTestGroup.Name)]
public sealed class TracingTests
{
    [Fact]
    public async Task An_application_is_one_trace_from_the_request_through_its_extension_calls_to_its_outbox_delivery()
    {
        var spans = new LockedCollection<Activity>();
        var host = await RunningHost.StartWithServicesAsync(TestPaths.BundledPlugins, connectionString: null,
            services => services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)), "OpenTelemetry:Traces=true");
        await using var _ = host;
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 40m);
        await api.RegisterAsync(order);

        var sale = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1, refundAmount = 5m }]);

        Activity? request = null;
        await ReverseApi.WaitUntilAsync(() =>
        {
            // The server span ends after the response is written: it may be exported just after the client has it.
            request = spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server && (string?)s.GetTagItem("url.path") == "/api/v1/after-sales"
                && (string?)s.GetTagItem("http.request.method") == "POST");
            return Task.FromResult(request is not null);
        }, "the request span among " + string.Join(", ", spans.Snapshot().Select(s => $"{s.Source.Name}:{s.DisplayName}")));
        var trace = spans.Snapshot().Where(s => s.TraceId == request!.TraceId).ToList();
        var apply = trace.Should().ContainSingle(s => s.Source.Name == "ReversePaas.Activities" && s.OperationName == "apply").Subject;
        apply.ParentSpanId.Should().Be(request!.SpanId);
        var calls = trace.Where(s => s.Source.Name == "ReversePaas.Extensions" && IsWithin(s, apply, trace)).ToList();
        calls.Select(c => c.GetTagItem("reversepaas.point")).Should().Contain(sale.Capabilities.Where(c => c.ExtensionPoint.StartsWith("application.", StringComparison.Ordinal)).Select(c => c.ExtensionPoint));
        calls.Should().OnlyContain(c => (string?)c.GetTagItem("reversepaas.identity") == "retail.self"
            && c.GetTagItem("reversepaas.plugin") != null && c.GetTagItem("reversepaas.extension") != null);

        await ReverseApi.WaitUntilAsync(
            () => Task.FromResult(spans.Snapshot().Any(s => s.TraceId == request.TraceId && s.Source.Name == "ReversePaas.Outbox")),
            "the outbox delivery of the application's message in the same trace");
        var delivery = spans.Snapshot().First(s => s.TraceId == request.TraceId && s.Source.Name == "ReversePaas.Outbox");
        delivery.Kind.Should().Be(ActivityKind.Consumer);
        delivery.GetTagItem("messaging.destination.name").Should().NotBeNull();

        // Approved, it is refunded in the background: the payment port's call is a span of the refund step.
        await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed);
        await ReverseApi.WaitUntilAsync(() =>
        {
            var all = spans.Snapshot().ToList();
            return Task.FromResult(all.Any(s => s.DisplayName == "port PaymentPort.RefundAsync" && s.Kind == ActivityKind.Client
                && all.Any(step => step.OperationName == "execution.refund" && IsWithin(s, step, all))));
        }, "the payment port's span inside the refund step");
    }

    private static bool IsWithin(Activity span, Activity ancestor, List<Activity> trace)
    {
        for (var parent = span.ParentSpanId; parent != default;)
        {
            if (parent == ancestor.SpanId)
            {
                return true;
            }

            parent = trace.FirstOrDefault(s => s.SpanId == parent)?.ParentSpanId ?? default;
        }

        return false;
    }
}
