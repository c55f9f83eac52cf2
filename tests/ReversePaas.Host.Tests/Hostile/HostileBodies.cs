using System.Text;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Flows;
using static ReversePaas.Host.Tests.Hostile.HostileValues;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The valid bodies the campaign starts from, the ways it breaks them, and the HTTP content it sends them as.</summary>
internal static class HostileBodies
{
    /// <summary>A valid order body (fresh id unless given) with one line; callers break one field.</summary>
    public static JsonObject Register(string? orderId = null) => new OrderBuilder(orderId ?? $"H-{Guid.NewGuid():N}").Line(1, "A", 1, 10m).Build();

    /// <summary>An after-sale application for one unit of SKU A (valid unless a caller breaks it).</summary>
    public static JsonObject Apply(string orderId, int quantity = 1) => new()
    {
        ["orderId"] = orderId,
        ["type"] = "RefundOnly",
        ["reason"] = "hostile",
        ["lines"] = new JsonArray(new JsonObject { ["skuId"] = "A", ["quantity"] = quantity }),
        ["evidence"] = new JsonArray(),
    };

    public static JsonObject Receipt(int lineNo, int quantity) => new() { ["lines"] = new JsonArray(new JsonObject { ["lineNo"] = lineNo, ["quantity"] = quantity }) };

    public static JsonObject HugeObject() => new() { ["reason"] = new string('x', HugeBytes), ["comment"] = "huge" };

    // Nested under a property no contract has: the serializer skips unknown values, so only the depth limit refuses it.
    public static string Nested(int depth) => "{\"x\":" + new string('[', depth) + new string(']', depth) + "}";

    public static byte[] EveryTextField(byte[] text)
    {
        var body = new List<byte>();
        foreach (var field in (string[])["orderId", "reason", "decision", "status", "carrier", "trackingNo", "comment", "outcome", "note"])
        {
            body.AddRange(Encoding.UTF8.GetBytes((body.Count == 0 ? "{" : ",") + "\"" + field + "\":\""));
            body.AddRange(text);
            body.Add((byte)'"');
        }

        body.Add((byte)'}');
        return [.. body];
    }

    public static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        body[field] = value;
        return body;
    }

    public static JsonObject WithLine(this JsonObject body, string field, JsonNode? value)
    {
        body["lines"]![0]![field] = value;
        return body;
    }

    public static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static ByteArrayContent Bytes(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }
}
