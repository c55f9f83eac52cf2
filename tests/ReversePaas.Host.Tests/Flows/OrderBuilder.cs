using System.Text.Json.Nodes;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>Builds forward-order registration bodies; defaults to a paid retail.self order of user u-1, merchant v-1.</summary>
public sealed class OrderBuilder
{
    private readonly JsonObject _order;
    private readonly JsonArray _lines = [];
    private readonly JsonArray _discounts = [];

    public OrderBuilder(string? orderId = null)
    {
        OrderId = orderId ?? $"O-{Guid.NewGuid():N}";
        _order = new JsonObject
        {
            ["orderId"] = OrderId,
            ["userId"] = "u-1",
            ["venderId"] = "v-1",
            ["venderType"] = "Self",
            ["orderType"] = "Normal",
            ["channel"] = "App",
            ["status"] = "PendingShipment",
            ["warehouseStage"] = "NotPushed",
            ["freight"] = 0m,
            ["currency"] = "CNY",
        };
    }

    public string OrderId { get; }

    public OrderBuilder With(string field, JsonNode? value)
    {
        _order[field] = value;
        return this;
    }

    public OrderBuilder Status(string status, string stage = "Packed")
        => With("status", status).With("warehouseStage", status == "PendingPayment" ? "NotPushed" : stage);

    public OrderBuilder Completed(DateTimeOffset at) => Status("Completed").With("completedAt", at.ToString("O"));

    public OrderBuilder Freight(decimal freight) => With("freight", freight);

    public OrderBuilder Line(int lineNo, string sku, int quantity, decimal unitPrice, string promotionType = "1", int? weightGrams = null)
    {
        _lines.Add(new JsonObject
        {
            ["lineNo"] = lineNo,
            ["skuId"] = sku,
            ["skuName"] = $"Item {sku}",
            ["quantity"] = quantity,
            ["unitPrice"] = unitPrice,
            ["promotionType"] = promotionType,
            ["weightGrams"] = weightGrams,
        });
        return this;
    }

    public OrderBuilder Discount(string code, string kind, decimal amount, params int[] lineNos)
    {
        _discounts.Add(new JsonObject { ["code"] = code, ["kind"] = kind, ["amount"] = amount, ["lineNos"] = new JsonArray([.. lineNos.Select(n => (JsonNode)n)]) });
        return this;
    }

    public JsonObject Build()
    {
        var order = (JsonObject)_order.DeepClone();
        order["lines"] = _lines.DeepClone();
        order["discounts"] = _discounts.DeepClone();
        return order;
    }
}
