using System.Net;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Support;
using static ReversePaas.Host.Tests.Hostile.ExpectedProblemTypes;
using static ReversePaas.Host.Tests.Hostile.HostileBodies;
using static ReversePaas.Host.Tests.Hostile.HostileValues;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The hostile bodies of the order routes: registration, status changes and cancellation.</summary>
internal static class OrderRouteHostileRequests
{
    public static IEnumerable<HostileCase> RegisterFields(HostileSeed seed)
    {
        const string route = "orders/register";
        HostileCase Case(string category, string name, Func<JsonObject> body, HttpStatusCode expected = HttpStatusCode.BadRequest, string? type = null)
            => new(category, route, name, HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, () => Json(body()), expected) { ExpectedType = type };
        HostileCase Field(string category, string name, string field, JsonNode? value, string type = ValidationFailed)
            => Case(category, name, () => Register().With(field, value), type: type);
        HostileCase LineField(string category, string name, string field, JsonNode? value, string type = ValidationFailed)
            => Case(category, name, () => Register().WithLine(field, value), type: type);
        HostileCase RawLine(string category, string name, string field, string rawValue)
            => new(category, route, name, HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, () => Json(Register().WithLine(field, "§").ToJsonString().Replace("\"§\"", rawValue, StringComparison.Ordinal)), HttpStatusCode.BadRequest) { ExpectedType = BadRequest };

        // Wrong JSON types.
        yield return Field("wrong-type", "orderId: number", "orderId", 123, BadRequest);
        yield return Field("wrong-type", "orderId: null", "orderId", null);
        yield return Field("wrong-type", "status: null", "status", null);
        yield return Field("wrong-type", "lines: object", "lines", new JsonObject(), BadRequest);
        yield return Field("wrong-type", "lines: string", "lines", "A", BadRequest);
        yield return Field("wrong-type", "lines: null", "lines", null);
        yield return Field("wrong-type", "lines: [null]", "lines", new JsonArray((JsonNode?)null));
        yield return Field("wrong-type", "attributes: array", "attributes", new JsonArray(), BadRequest);
        yield return Field("wrong-type", "attributes value: number", "attributes", new JsonObject { ["k"] = 1 }, BadRequest);
        yield return Field("wrong-type", "freight: string", "freight", "0.00", BadRequest);
        yield return LineField("wrong-type", "quantity: string", "quantity", "2", BadRequest);
        yield return LineField("wrong-type", "unitPrice: string", "unitPrice", "120.00", BadRequest);
        yield return LineField("wrong-type", "quantity: true", "quantity", true, BadRequest);
        yield return Field("wrong-type", "discounts: object", "discounts", new JsonObject { ["code"] = "P" }, BadRequest);
        yield return Field("wrong-type", "completedAt: number", "completedAt", 1_700_000_000, BadRequest);
        yield return Field("wrong-type", "completedAt: not a date", "completedAt", "yesterday", BadRequest);

        // Numbers out of range.
        yield return RawLine("overflow", "quantity 1e400", "quantity", "1e400");
        yield return RawLine("overflow", "quantity 9223372036854775808", "quantity", "9223372036854775808");
        yield return RawLine("overflow", "quantity 2147483648", "quantity", "2147483648");
        yield return RawLine("overflow", "unitPrice 1e400", "unitPrice", "1e400");
        yield return RawLine("overflow", "unitPrice 30 integer digits", "unitPrice", "123456789012345678901234567890");
        yield return RawLine("overflow", "lineNo 1.5", "lineNo", "1.5");
        yield return RawLine("overflow", "unitPrice NaN", "unitPrice", "NaN");
        yield return LineField("overflow", "unitPrice 30 decimals", "unitPrice", JsonNode.Parse("0.123456789012345678901234567890"));
        yield return LineField("overflow", "unitPrice 3 decimals", "unitPrice", 1.005m);
        yield return LineField("overflow", "quantity negative", "quantity", -1);
        yield return LineField("overflow", "quantity zero", "quantity", 0);
        yield return LineField("overflow", "quantity over the cap", "quantity", 1_000_001);
        yield return LineField("overflow", "unitPrice negative", "unitPrice", -0.01m);
        yield return LineField("overflow", "unitPrice decimal.MaxValue", "unitPrice", decimal.MaxValue);
        yield return LineField("overflow", "lineNo negative", "lineNo", -1);
        yield return LineField("overflow", "weightGrams negative", "weightGrams", -5);
        yield return Field("overflow", "freight negative", "freight", -1m);
        yield return Field("overflow", "discount over its scope", "discounts", new JsonArray(new JsonObject { ["code"] = "P", ["kind"] = "Coupon", ["amount"] = 1_000_000m }));
        yield return Field("overflow", "discount negative", "discounts", new JsonArray(new JsonObject { ["code"] = "P", ["kind"] = "Coupon", ["amount"] = -5m }));
        yield return Field("overflow", "discount lineNos unknown", "discounts", new JsonArray(new JsonObject { ["code"] = "P", ["kind"] = "Coupon", ["amount"] = 1m, ["lineNos"] = new JsonArray(-1, 99) }));
        yield return Field("overflow", "completedAt year 9999", "completedAt", "9999-12-31T23:59:59Z");
        yield return Field("overflow", "completedAt year 1", "completedAt", "0001-01-01T00:00:00Z");

        // Empty and whitespace text.
        yield return Field("empty", "orderId empty", "orderId", "");
        yield return Field("empty", "orderId spaces", "orderId", "   ");
        yield return Field("empty", "userId tab", "userId", "\t");
        yield return Field("empty", "currency empty", "currency", "");
        yield return Field("empty", "currency lower case", "currency", "cny");
        yield return LineField("empty", "skuId spaces", "skuId", " ");
        yield return Field("empty", "attributes empty key", "attributes", new JsonObject { [""] = "x" });

        // Huge strings under the body limit: refused by field.
        yield return Field("huge-string", "orderId 100 kB", "orderId", new string('o', LongBytes));
        yield return LineField("huge-string", "skuName 100 kB", "skuName", new string('n', LongBytes));
        yield return Field("huge-string", "attributes value 100 kB", "attributes", new JsonObject { ["k"] = new string('v', LongBytes) });
        yield return LineField("huge-string", "skuName 1 MB", "skuName", new string('n', HugeBytes)) with { Expected = HttpStatusCode.RequestEntityTooLarge, ExpectedType = TooLarge };
        yield return Case("huge-string", "5,000 empty lines", () => Register().With("lines", new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())])), type: ValidationFailed) with { MaxAnswerBytes = 8 * 1024 };
        yield return Case("huge-string", "5,000 empty discounts", () => Register().With("discounts", new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())])), type: ValidationFailed) with { MaxAnswerBytes = 8 * 1024 };

        // Unicode where it cannot belong.
        yield return Field("unicode", "orderId with NUL", "orderId", "O-\u0000-1");
        yield return Field("unicode", "orderId with zero-width", "orderId", ZeroWidth);
        yield return Field("unicode", "orderId with RTL override", "orderId", RightToLeft);
        yield return LineField("unicode", "skuName with NUL", "skuName", "A\u0000B");
        yield return Field("unicode", "attribute value with NUL", "attributes", new JsonObject { ["k"] = "a\u0000b" });
        yield return Field("unicode", "attribute key with NUL", "attributes", new JsonObject { ["k\u0000"] = "v" });

        // Text that is fine as text: it reaches the kernel, which refuses a different body under an existing id.
        yield return Case("sql-shaped", "userId", () => Register(seed.OrderId).With("userId", Sql), HttpStatusCode.Conflict, Conflict);
        yield return Case("sql-shaped", "skuName", () => Register(seed.OrderId).WithLine("skuName", Sql), HttpStatusCode.Conflict, Conflict);
        yield return Case("script-shaped", "skuName", () => Register(seed.OrderId).WithLine("skuName", Script), HttpStatusCode.Conflict, Conflict);
        yield return Case("script-shaped", "attribute", () => Register(seed.OrderId).With("attributes", new JsonObject { ["note"] = Script }), HttpStatusCode.Conflict, Conflict);
        yield return Case("unicode", "emoji skuName", () => Register(seed.OrderId).WithLine("skuName", Emoji), HttpStatusCode.Conflict, Conflict);
        yield return Case("unicode", "RTL skuName", () => Register(seed.OrderId).WithLine("skuName", RightToLeft), HttpStatusCode.Conflict, Conflict);

        // Enums.
        yield return Field("unknown-enum", "status Bogus", "status", "Bogus", BadRequest);
        yield return Field("unknown-enum", "status empty", "status", "", BadRequest);
        yield return Field("unknown-enum", "status as number", "status", 1, BadRequest);
        yield return Field("unknown-enum", "status as numeric text", "status", "1", BadRequest);
        yield return Field("unknown-enum", "status flag combination", "status", "Shipped, Completed", BadRequest);
        yield return Field("unknown-enum", "warehouseStage as number 7", "warehouseStage", 7, BadRequest);
        yield return Field("unknown-enum", "status Cancelled", "status", "Cancelled");
        yield return Case("unknown-enum", "discount kind Bogus", () => Register().With("discounts", new JsonArray(new JsonObject { ["code"] = "P", ["kind"] = "Bogus", ["amount"] = 1m })), type: ValidationFailed);
    }

    public static IEnumerable<HostileCase> StatusFields(HostileSeed seed)
    {
        const string route = "orders/status";
        var path = $"/api/v1/orders/{seed.OrderId}/status";
        HostileCase Case(string category, string name, string body, HttpStatusCode expected, string type)
            => new(category, route, name, HttpMethod.Post, path, RunningHost.SystemKey, () => Json(body), expected) { ExpectedType = type };
        yield return Case("empty", "{}", "{}", HttpStatusCode.BadRequest, ValidationFailed);
        yield return Case("wrong-type", "both null", "{\"status\":null,\"warehouseStage\":null}", HttpStatusCode.BadRequest, ValidationFailed);
        yield return Case("wrong-type", "status: array", "{\"status\":[\"Completed\"]}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("wrong-type", "status: object", "{\"status\":{\"value\":\"Completed\"}}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "status Bogus", "{\"status\":\"Bogus\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "status as number", "{\"status\":3}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "warehouseStage as number 7", "{\"warehouseStage\":7}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "warehouseStage flag combination", "{\"warehouseStage\":\"Pushed, Packed\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "status with spaces", "{\"status\":\" Completed \"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "status Cancelled", "{\"status\":\"Cancelled\"}", HttpStatusCode.Conflict, Conflict);
        yield return Case("unknown-enum", "status backwards", "{\"status\":\"PendingPayment\"}", HttpStatusCode.Conflict, Conflict);
        yield return Case("sql-shaped", "status", "{\"status\":\"" + Sql + "\"}", HttpStatusCode.BadRequest, BadRequest);
    }

    public static IEnumerable<HostileCase> CancelFields(HostileSeed seed)
    {
        const string route = "orders/cancel";
        var path = $"/api/v1/orders/{seed.OrderId}/cancel";
        HostileCase Case(string category, string name, JsonNode? reason, HttpStatusCode expected, string type, string key = RunningHost.UserKey)
            => new(category, route, name, HttpMethod.Post, path, key, () => Json(new JsonObject { ["reason"] = reason }), expected) { ExpectedType = type };
        yield return Case("wrong-type", "reason: number", 1, HttpStatusCode.BadRequest, BadRequest);
        yield return Case("wrong-type", "reason: array", new JsonArray("x"), HttpStatusCode.BadRequest, BadRequest);
        yield return Case("huge-string", "reason 100 kB", new string('r', LongBytes), HttpStatusCode.BadRequest, ValidationFailed);
        yield return Case("unicode", "reason with NUL", "no\u0000thanks", HttpStatusCode.BadRequest, ValidationFailed);
        // Well-formed text: the order is completed, so cancellation is refused by the business rule.
        yield return Case("unicode", "reason emoji", Emoji, HttpStatusCode.Conflict, Conflict);
        yield return Case("unicode", "reason RTL + zero-width", RightToLeft + ZeroWidth, HttpStatusCode.Conflict, Conflict);
        yield return Case("sql-shaped", "reason", Sql, HttpStatusCode.Conflict, Conflict);
        yield return Case("script-shaped", "reason", Script, HttpStatusCode.Conflict, Conflict);
        yield return Case("empty", "reason whitespace", "   ", HttpStatusCode.Conflict, Conflict);
        yield return Case("auth", "another user's order", "mine now", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
    }
}
