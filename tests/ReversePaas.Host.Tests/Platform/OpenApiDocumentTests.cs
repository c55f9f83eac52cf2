using System.Net;
using System.Text.Json;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The OpenAPI document tells clients what they must send: the request records mark their required fields, and the
/// query and header parameters keep the names clients use.
/// </summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private RunningHost _host = null!;
    private JsonElement _document;

    public async Task InitializeAsync()
    {
        _host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        using var response = await _host.Client.GetAsync("/openapi/v1.json");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        _document = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("OrderRequest", new[] { "orderId", "userId", "venderId", "venderType", "orderType", "channel", "status", "lines" }, new[] { "freight", "currency", "discounts", "attributes" })]
    [InlineData("OrderLineRequest", new[] { "lineNo", "skuId", "quantity", "unitPrice" }, new[] { "skuName", "promotionType", "weightGrams" })]
    [InlineData("AfterSaleRequest", new[] { "orderId", "type", "lines" }, new[] { "reason", "evidence", "pickupAt" })]
    [InlineData("AfterSaleLineRequest", new[] { "skuId", "quantity" }, new[] { "refundAmount", "unitPrice", "promotionType" })]
    [InlineData("ReviewRequest", new[] { "decision" }, new[] { "comment" })]
    [InlineData("ReturnShipmentRequest", new[] { "carrier", "trackingNo" }, new string[0])]
    [InlineData("WarehouseReceiptRequest", new[] { "lines" }, new string[0])]
    public void Request_schemas_name_their_required_fields(string schema, string[] required, string[] optional)
    {
        var definition = _document.GetProperty("components").GetProperty("schemas").GetProperty(schema);
        var listed = definition.TryGetProperty("required", out var list) ? list.EnumerateArray().Select(e => e.GetString()).ToList() : [];

        listed.Should().BeEquivalentTo(required);
        definition.GetProperty("properties").EnumerateObject().Select(p => p.Name).Should().Contain(required.Concat(optional));
    }

    [Theory]
    [InlineData("/api/v1/after-sales", "post", "Idempotency-Key", "header")]
    [InlineData("/api/v1/ops/jobs", "get", "limit", "query")]
    [InlineData("/api/v1/ops/search/backfill", "post", "batchSize", "query")]
    [InlineData("/api/v1/ops/search/backfill", "post", "maxBatches", "query")]
    [InlineData("/api/v1/after-sales", "get", "pageSize", "query")]
    public void Parameters_keep_the_names_clients_send(string path, string method, string name, string place)
    {
        var parameters = _document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("parameters").EnumerateArray();

        parameters.Should().Contain(p => p.GetProperty("name").GetString() == name && p.GetProperty("in").GetString() == place);
    }

    [Fact]
    public void The_package_upload_takes_the_package_bytes_as_application_zip()
    {
        var body = _document.GetProperty("paths").GetProperty("/api/v1/plugins/packages").GetProperty("post").GetProperty("requestBody");

        body.GetProperty("required").GetBoolean().Should().BeTrue();
        body.GetProperty("content").EnumerateObject().Select(c => c.Name).Should().Equal("application/zip");
        body.GetProperty("content").GetProperty("application/zip").GetProperty("schema").GetProperty("format").GetString().Should().Be("binary");
    }
}
