using System.Net;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Plugin-owned fields (issue 17): the fixture <c>GiftWrapFields</c> (plugin <c>gift-wrap</c>, serving retail.self) declares
/// a schema for its fields in its manifest, refuses a boxed wrap without a card message from an application interceptor,
/// and tells a file the wrap of every status change from an event handler. An application carries its fields under
/// <c>extensions</c>; they are checked, stored with the after-sale, returned, and read by the plugin's extensions in the
/// request and in the outbox. A refused field is a 400 naming it, and leaves the order as it was.
/// </summary>
public abstract class PluginFieldsTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("reversepaas-fields-").FullName;
    private RunningHost? _host;

    protected abstract Task<string> NewDatabaseAsync();

    private string WrapLog => Path.Combine(_folder, "wraps.log");

    private ReverseApi Api => new(_host!);

    public async Task InitializeAsync()
    {
        var mappings = Path.Combine(_folder, "identity-mappings");
        TestPaths.CopyDirectory(TestPaths.Mappings, mappings);
        var binding = Path.Combine(mappings, "bindings", "retail.self.json");
        var document = JsonNode.Parse(File.ReadAllText(binding))!.AsObject();
        document["settings"]!["fixture.giftWrapLog"] = WrapLog;
        File.WriteAllText(binding, document.ToJsonString());
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("GiftWrapFields")]);
        _host = await RunningHost.StartAsync(plugins, mappings, await NewDatabaseAsync());
    }

    [Fact]
    public async Task Fields_are_stored_returned_and_read_by_the_plugin_in_the_request_and_in_the_outbox()
    {
        var order = await RegisteredAsync(Orders.RetailSelf());
        var (status, body, _) = await ApplyAsync(order, new JsonObject { ["gift-wrap"] = new JsonObject { ["wrap"] = "paper", ["message"] = "Happy birthday" } });

        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        var id = (string)body!["afterSaleId"]!;
        body["extensions"]!.ToJsonString().Should().Be("""{"gift-wrap":{"wrap":"paper","message":"Happy birthday"}}""");
        var read = await Api.GetAfterSaleAsync(id);
        read["extensions"]!.ToJsonString().Should().Be("""{"gift-wrap":{"wrap":"paper","message":"Happy birthday"}}""", "the fields are read back from the database as they were sent");

        await ReverseApi.WaitUntilAsync(() => Task.FromResult(Told(id).Count > 0), "the plugin's handler told of the new after-sale");
        Told(id)[0].Should().Be($"{id}/1 {read["timeline"]![0]!["status"]} paper", "the handler reads the after-sale's fields from the outbox");
    }

    [Fact]
    public async Task An_after_sale_without_fields_has_none_and_the_plugins_read_nothing()
    {
        var order = await RegisteredAsync(Orders.RetailSelf());
        var (status, body, _) = await ApplyAsync(order, extensions: null);

        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
        body!["extensions"]!.AsObject().Should().BeEmpty();
        var id = (string)body["afterSaleId"]!;
        await ReverseApi.WaitUntilAsync(() => Task.FromResult(Told(id).Count > 0), "the plugin's handler told of the new after-sale");
        Told(id)[0].Should().EndWith(" -");
    }

    [Fact]
    public async Task Fields_that_break_the_plugins_schema_are_a_400_naming_each_field_and_change_nothing()
    {
        var order = await RegisteredAsync(Orders.RetailSelf());
        var (status, body, response) = await ApplyAsync(order, new JsonObject
        {
            ["gift-wrap"] = new JsonObject { ["wrap"] = "bag", ["message"] = new string('x', 41), ["ribbon"] = true },
        });

        status.Should().Be(HttpStatusCode.BadRequest, body?.ToJsonString());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var errors = body!["errors"]!.AsObject();
        errors.Select(e => e.Key).Should().BeEquivalentTo("extensions.gift-wrap.wrap", "extensions.gift-wrap.message", "extensions.gift-wrap.ribbon");
        ((string)errors["extensions.gift-wrap.wrap"]![0]!).Should().Contain("none, paper, box");
        ((string)errors["extensions.gift-wrap.message"]![0]!).Should().Contain("at most 40");
        ((string)errors["extensions.gift-wrap.ribbon"]![0]!).Should().Contain("Unknown property 'ribbon'");
        await ShouldBeUntouchedAsync(order);
    }

    [Fact]
    public async Task A_missing_required_field_is_named_on_the_plugins_value()
    {
        var order = await RegisteredAsync(Orders.RetailSelf());
        var (status, body, _) = await ApplyAsync(order, new JsonObject { ["gift-wrap"] = new JsonObject { ["message"] = "hi" } });

        status.Should().Be(HttpStatusCode.BadRequest, body?.ToJsonString());
        ((string)body!["errors"]!["extensions.gift-wrap"]![0]!).Should().Contain("Required property 'wrap' is missing");
        await ShouldBeUntouchedAsync(order);
    }

    [Fact]
    public async Task Fields_for_a_plugin_that_is_not_loaded_declares_none_or_does_not_serve_the_order_are_refused()
    {
        var self = await RegisteredAsync(Orders.RetailSelf());
        var (status, body, _) = await ApplyAsync(self, new JsonObject
        {
            ["nobody"] = new JsonObject(),
            ["retail-self"] = new JsonObject { ["x"] = 1 },
        });

        status.Should().Be(HttpStatusCode.BadRequest, body?.ToJsonString());
        ((string)body!["errors"]!["extensions.nobody"]![0]!).Should().Contain("No plugin 'nobody' is loaded");
        ((string)body["errors"]!["extensions.retail-self"]![0]!).Should().Contain("declares no fields");
        await ShouldBeUntouchedAsync(self);

        var pop = await RegisteredAsync(Orders.RetailPop());
        (status, body, _) = await ApplyAsync(pop, new JsonObject { ["gift-wrap"] = new JsonObject { ["wrap"] = "paper" } });
        status.Should().Be(HttpStatusCode.BadRequest, body?.ToJsonString());
        ((string)body!["errors"]!["extensions.gift-wrap"]![0]!).Should().Contain("serves no extension for this order's identity 'retail.pop'");
        await ShouldBeUntouchedAsync(pop);
    }

    [Fact]
    public async Task The_plugins_interceptor_reads_its_fields_while_the_application_is_checked()
    {
        var order = await RegisteredAsync(Orders.RetailSelf());
        var (status, body, _) = await ApplyAsync(order, new JsonObject { ["gift-wrap"] = new JsonObject { ["wrap"] = "box" } });

        status.Should().Be(HttpStatusCode.Conflict, body?.ToJsonString());
        ((string)body!["reason"]!).Should().Be("rejected-by-business-line");
        ((string)body["detail"]!).Should().Contain("A boxed gift wrap needs a card message").And.Contain("gift-wrap.box-needs-message");
        await ShouldBeUntouchedAsync(order);

        (status, body, _) = await ApplyAsync(order, new JsonObject { ["gift-wrap"] = new JsonObject { ["wrap"] = "box", ["message"] = "With love" } });
        status.Should().Be(HttpStatusCode.Created, body?.ToJsonString());
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<OrderBuilder> RegisteredAsync(OrderBuilder order)
    {
        await Api.RegisterAsync(order.Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m));
        return order;
    }

    private Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> ApplyAsync(OrderBuilder order, JsonObject? extensions)
        => Api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, new JsonObject
        {
            ["orderId"] = order.OrderId,
            ["type"] = "RefundOnly",
            ["reason"] = "gift",
            ["lines"] = new JsonArray(new JsonObject { ["skuId"] = "A", ["quantity"] = 1 }),
            ["extensions"] = extensions,
        });

    // A refused application claims nothing: no after-sale for the order, nothing reserved in its ledger.
    private async Task ShouldBeUntouchedAsync(OrderBuilder order)
    {
        (await Api.ListAsync(RunningHost.CustomerServiceKey, $"?orderId={order.OrderId}")).Items.Should().BeEmpty();
        (await Api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(0m);
    }

    private List<string> Told(string afterSaleId)
        => !File.Exists(WrapLog) ? [] : [.. File.ReadAllLines(WrapLog).Where(l => l.StartsWith(afterSaleId + "/", StringComparison.Ordinal))];
}
