using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Event handlers (<c>execution.after-sale-event</c>, Sdk 1.2): the fixture <c>RecordingHandler</c> appends every status
/// change of retail.self's after-sales to a file and fails its first two calls. A full refund flow: the handler is told
/// of every status change on the timeline, in order, each at least once (once after dedupe by event id), although it
/// failed at first; and its failures held up nothing: the refund completed meanwhile.
/// </summary>
public abstract class EventHandlerTests(ITestOutputHelper log) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reversepaas-handler-").FullName;

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task A_handler_hears_every_status_change_in_order_at_least_once_despite_failing_at_first()
    {
        var handlerLog = Path.Combine(_folder, "changes.log");
        var mappings = MappingsWithSettings(Path.Combine(_folder, "identity-mappings"), handlerLog, failFirst: 2);
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("RecordingHandler")]);
        await using var host = await RunningHost.StartAsync(plugins, mappings, await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(order);

        var sale = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        if (sale.Status != AfterSaleStatus.PendingRefund)
        {
            await api.ActAsync(sale.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        }

        var done = await api.AwaitStatusAsync(sale.AfterSaleId, AfterSaleStatus.Completed);
        var expected = StatusChanges(done.Timeline.Select(t => t.Status).ToList());
        log.WriteLine($"timeline: {string.Join(" → ", done.Timeline.Select(t => t.Status))}");

        await ReverseApi.WaitUntilAsync(
            () => Task.FromResult(Delivered(handlerLog, sale.AfterSaleId).Select(d => d.Status).Contains("Completed")),
            "the handler told of the completion");
        var delivered = Delivered(handlerLog, sale.AfterSaleId);
        log.WriteLine($"delivered: {string.Join(", ", delivered)}");
        delivered.Count(d => d.Status == "Failed").Should().Be(2, "the handler failed its first two calls, and was called again");
        var once = delivered.Where(d => d.Status != "Failed").DistinctBy(d => d.EventId).ToList();
        once.Select(d => (d.Status, d.Previous)).Should().Equal(expected, "every status change, in the timeline's order, with the status it came from");
        once.Select(d => d.EventId).Should().OnlyHaveUniqueItems().And.AllSatisfy(id => id.Should().StartWith(sale.AfterSaleId + "/"));
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }

    // The timeline's statuses as changes: each entry whose status differs from the one before, with that one.
    private static List<(string Status, string Previous)> StatusChanges(List<string> statuses)
        => [.. statuses.Select((s, i) => (Status: s, Previous: i == 0 ? "-" : statuses[i - 1])).Where((c, i) => i == 0 || c.Status != c.Previous)];

    private static List<(string EventId, string Status, string Previous)> Delivered(string file, string afterSaleId)
        => !File.Exists(file)
            ? []
            : [.. File.ReadAllLines(file).Select(l => l.Split(' ')).Where(p => p.Length == 3 && p[0].StartsWith(afterSaleId + "/", StringComparison.Ordinal))
                .Select(p => (p[0], p[1], p[2]))];

    private static string MappingsWithSettings(string target, string handlerLog, int failFirst)
    {
        TestPaths.CopyDirectory(TestPaths.Mappings, target);
        var path = Path.Combine(target, "bindings", "retail.self.json");
        var binding = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        binding["settings"]!["fixture.handlerLog"] = handlerLog;
        binding["settings"]!["fixture.failFirst"] = failFirst;
        File.WriteAllText(path, binding.ToJsonString());
        return target;
    }
}
