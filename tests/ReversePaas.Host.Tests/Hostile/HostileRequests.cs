using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// Generates the hostile-input campaign over every write route. Each request uses the route's right key and a seeded
/// id (so it gets past authentication and routing to the validation it aims at) and breaks exactly one thing; the
/// rest of the request would be refused by a business rule anyway, so nothing it does may change the database.
/// </summary>
public static class HostileRequests
{
    public const string Problems = "https://reversepaas.dev/problems/";
    public const string Validation = Problems + "validation";
    public const string BadRequest = Problems + "bad-request";
    public const string NotFound = Problems + "not-found";
    public const string Conflict = Problems + "business-conflict";
    public const string TooLarge = Problems + "payload-too-large";
    public const string UnsupportedMediaType = Problems + "unsupported-media-type";

    /// <summary>Beyond the default body limit (256 KB).</summary>
    public const int HugeBytes = 1024 * 1024;

    /// <summary>Under the body limit, far over any field's limit.</summary>
    private const int LongBytes = 100 * 1024;

    private const string Sql = "'; DROP TABLE orders;--";
    private const string Script = "<script>alert(1)</script>";
    private const string Emoji = "退货 😀👍🏽 €";
    private const string RightToLeft = "\u202Eevil\u202C عربى";
    private const string ZeroWidth = "O\u200B-1\uFEFF";

    /// <summary>The write routes of API.md and the Apis code: name, path template, the key whose role may call it, and one that may not.</summary>
    public static IReadOnlyList<WriteRoute> Routes(HostileSeed seed) =>
    [
        new("orders/register", "/api/v1/orders", RunningHost.SystemKey, RunningHost.UserKey, TakesJson: true, () => Register(seed.OrderId).With("freight", 99m)),
        new("orders/status", "/api/v1/orders/{id}/status", RunningHost.SystemKey, RunningHost.MerchantKey, TakesJson: true, () => new JsonObject { ["status"] = "PendingShipment" }) { Id = seed.OrderId },
        new("orders/cancel", "/api/v1/orders/{id}/cancel", RunningHost.UserKey, RunningHost.MerchantKey, TakesJson: true, () => new JsonObject { ["reason"] = "changed my mind" }) { Id = seed.OrderId },
        new("after-sales/apply", "/api/v1/after-sales", RunningHost.UserKey, RunningHost.SystemKey, TakesJson: true, () => Apply(seed.OrderId, quantity: 99)),
        new("after-sales/review", "/api/v1/after-sales/{id}/review", RunningHost.CustomerServiceKey, RunningHost.UserKey, TakesJson: true, () => new JsonObject { ["decision"] = "Approve", ["comment"] = "ok" }) { Id = seed.PendingReviewId },
        new("after-sales/withdraw", "/api/v1/after-sales/{id}/withdraw", RunningHost.UserKey, RunningHost.SystemKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("after-sales/return-shipment", "/api/v1/after-sales/{id}/return-shipment", RunningHost.UserKey, RunningHost.MerchantKey, TakesJson: true, () => new JsonObject { ["carrier"] = "SF", ["trackingNo"] = "SF1" }) { Id = seed.PendingReviewId },
        new("after-sales/warehouse-receipt", "/api/v1/after-sales/{id}/warehouse-receipt", RunningHost.SystemKey, RunningHost.UserKey, TakesJson: true, () => Receipt(1, 1)) { Id = seed.PendingReviewId },
        new("after-sales/retry-refund", "/api/v1/after-sales/{id}/retry-refund", RunningHost.OpsKey, RunningHost.CustomerServiceKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("after-sales/repair-finished", "/api/v1/after-sales/{id}/repair-finished", RunningHost.SystemKey, RunningHost.UserKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("after-sales/delivery-confirmed", "/api/v1/after-sales/{id}/delivery-confirmed", RunningHost.SystemKey, RunningHost.MerchantKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("plugins/reload", "/api/v1/plugins/reload", RunningHost.OpsKey, RunningHost.SystemKey, TakesJson: false, () => new JsonObject()),
        new("ops/search-backfill", "/api/v1/ops/search/backfill", RunningHost.OpsKey, RunningHost.CustomerServiceKey, TakesJson: false, () => new JsonObject()) { Query = "?batchSize=0" },
    ];

    public static IReadOnlyList<HostileCase> Generate(HostileSeed seed)
    {
        var cases = new List<HostileCase>();
        foreach (var route in Routes(seed))
        {
            cases.AddRange(Generic(route));
            if (route.TakesJson)
            {
                cases.AddRange(MalformedJson(route));
            }

            if (route.Id is not null)
            {
                cases.AddRange(HostileIds(route));
            }
        }

        cases.AddRange(RegisterFields(seed));
        cases.AddRange(StatusFields(seed));
        cases.AddRange(CancelFields(seed));
        cases.AddRange(ApplyFields(seed));
        cases.AddRange(ReviewFields(seed));
        cases.AddRange(ActionFields(seed));
        cases.AddRange(BackfillQueries());
        return cases;
    }

    /// <summary>What every write route must refuse the same way: keys, roles, content types, sizes, methods.</summary>
    private static IEnumerable<HostileCase> Generic(WriteRoute r)
    {
        var post = HttpMethod.Post;
        yield return r.Case("auth", "no key", post, key: null, () => Json(r.Sample()), HttpStatusCode.Unauthorized);
        yield return r.Case("auth", "unknown key", post, "not-a-configured-key", () => Json(r.Sample()), HttpStatusCode.Unauthorized);
        yield return r.Case("auth", "wrong role", post, r.WrongRoleKey, () => Json(r.Sample()), HttpStatusCode.Forbidden);
        yield return r.Case("content-type", "text/plain", post, r.RightKey, () => new StringContent(r.Sample().ToJsonString(), Encoding.UTF8, "text/plain"), HttpStatusCode.UnsupportedMediaType) with { ExpectedType = UnsupportedMediaType };
        yield return r.Case("content-type", "form", post, r.RightKey, () => new FormUrlEncodedContent([new("reason", "x"), new("decision", "Approve")]), HttpStatusCode.UnsupportedMediaType) with { ExpectedType = UnsupportedMediaType };
        yield return r.Case("content-type", "missing", post, r.RightKey, () => Bytes(Encoding.UTF8.GetBytes(r.Sample().ToJsonString()), contentType: null), HttpStatusCode.UnsupportedMediaType) with { ExpectedType = UnsupportedMediaType };
        yield return r.Case("content-type", "charset=bogus", post, r.RightKey, () => Bytes(Encoding.UTF8.GetBytes(r.Sample().ToJsonString()), "application/json; charset=bogus"), HttpStatusCode.UnsupportedMediaType) with { ExpectedType = UnsupportedMediaType };
        yield return r.Case("content-type", "charset=utf-16", post, r.RightKey, () => Bytes(Encoding.Unicode.GetBytes(r.Sample().ToJsonString()), "application/json; charset=utf-16"), HttpStatusCode.UnsupportedMediaType) with { ExpectedType = UnsupportedMediaType };
        yield return r.Case("huge-body", "1 MB, Content-Length", post, r.RightKey, () => Json(HugeObject()), HttpStatusCode.RequestEntityTooLarge) with { ExpectedType = TooLarge };
        yield return r.Case("huge-body", "1 MB, chunked", post, r.RightKey, () => new ChunkedContent(Encoding.UTF8.GetBytes(HugeObject().ToJsonString())), HttpStatusCode.RequestEntityTooLarge) with { ExpectedType = TooLarge };
        yield return r.Case("wrong-method", "PUT", HttpMethod.Put, r.RightKey, () => Json(r.Sample()), HttpStatusCode.MethodNotAllowed);
        yield return r.Case("wrong-method", "DELETE", HttpMethod.Delete, r.RightKey, () => null, HttpStatusCode.MethodNotAllowed);
        yield return r.Case("wrong-method", "PATCH", HttpMethod.Patch, r.RightKey, () => Json(r.Sample()), HttpStatusCode.MethodNotAllowed);
    }

    /// <summary>Bodies that are not JSON, or not JSON this API accepts.</summary>
    private static IEnumerable<HostileCase> MalformedJson(WriteRoute r)
    {
        var sample = r.Sample().ToJsonString();
        var post = HttpMethod.Post;
        HostileCase Raw(string name, string body) => r.Case("malformed-json", name, post, r.RightKey, () => Json(body), HttpStatusCode.BadRequest) with { ExpectedType = BadRequest };
        yield return Raw("truncated", sample[..(sample.Length / 2)]);
        yield return Raw("trailing comma", sample[..^1] + ",}");
        yield return Raw("comment", "/* hi */" + sample);
        yield return Raw("single quotes", sample.Replace('"', '\''));
        yield return Raw("bare word", "hello");
        yield return Raw("two documents", sample + sample);
        yield return Raw("top-level array", "[" + sample + "]");
        yield return Raw("top-level string", "\"" + Sql + "\"");
        yield return Raw("NaN literal", sample[..^1] + ",\"x\":NaN}");
        yield return Raw("Infinity literal", sample[..^1] + ",\"x\":-Infinity}");
        var first = ((JsonObject)JsonNode.Parse(sample)!).First();
        yield return Raw("duplicate key", sample[..^1] + $",\"{first.Key}\":{(first.Value is null ? "null" : first.Value.ToJsonString())}}}");
        yield return r.Case("deep-nesting", "depth 10,000", post, r.RightKey, () => Json(Nested(10_000)), HttpStatusCode.BadRequest) with { ExpectedType = BadRequest };
        yield return r.Case("deep-nesting", "depth 40", post, r.RightKey, () => Json(Nested(40)), HttpStatusCode.BadRequest) with { ExpectedType = BadRequest };
        // Every text field a route reads gets the bad text; routes that read none of them answer 400 for the missing fields.
        yield return r.Case("invalid-utf8", "0xFF 0xFE in strings", post, r.RightKey, () => Bytes(EveryTextField([0xFF, 0xFE, 0xC3]), "application/json"), HttpStatusCode.BadRequest);
        yield return r.Case("invalid-utf8", "overlong NUL (0xC0 0x80)", post, r.RightKey, () => Bytes(EveryTextField([0x61, 0xC0, 0x80]), "application/json"), HttpStatusCode.BadRequest);
        yield return r.Case("unicode", "lone surrogate escape", post, r.RightKey, () => Bytes(EveryTextField("\\ud800"u8.ToArray()), "application/json"), HttpStatusCode.BadRequest);
    }

    /// <summary>Path ids that no after-sale or order has, some of them shaped to escape the route.</summary>
    private static IEnumerable<HostileCase> HostileIds(WriteRoute r)
    {
        HostileCase Id(string name, string escapedId, HttpStatusCode expected = HttpStatusCode.NotFound)
            => r.Case("hostile-id", name, HttpMethod.Post, r.RightKey, () => Json(r.Sample()), expected) with { Path = r.PathFor(escapedId) };
        yield return Id("unknown", "X-does-not-exist");
        yield return Id("encoded ../", "..%2F..%2Fplugins%2Freload");
        yield return Id("%00", "%00", HttpStatusCode.BadRequest) with { AnsweredByServer = true };
        yield return Id("a%00b", "a%00b", HttpStatusCode.BadRequest) with { AnsweredByServer = true };
        yield return Id("invalid UTF-8 escapes", "%FF%FE");
        yield return Id("SQL-shaped", Uri.EscapeDataString(Sql));
        yield return Id("script-shaped", Uri.EscapeDataString(Script));
        yield return Id("emoji", Uri.EscapeDataString(Emoji));
        yield return Id("RTL + zero-width", Uri.EscapeDataString(RightToLeft + ZeroWidth));
        yield return Id("4 kB", new string('a', 4 * 1024));
        yield return Id("10 kB", new string('a', 10 * 1024), HttpStatusCode.RequestUriTooLong) with { AnsweredByServer = true };
    }

    private static IEnumerable<HostileCase> RegisterFields(HostileSeed seed)
    {
        const string route = "orders/register";
        HostileCase Case(string category, string name, Func<JsonObject> body, HttpStatusCode expected = HttpStatusCode.BadRequest, string? type = null)
            => new(category, route, name, HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, () => Json(body()), expected) { ExpectedType = type };
        HostileCase Field(string category, string name, string field, JsonNode? value, string type = Validation)
            => Case(category, name, () => Register().With(field, value), type: type);
        HostileCase LineField(string category, string name, string field, JsonNode? value, string type = Validation)
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
        yield return Case("huge-string", "5,000 empty lines", () => Register().With("lines", new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())])), type: Validation) with { MaxAnswerBytes = 8 * 1024 };
        yield return Case("huge-string", "5,000 empty discounts", () => Register().With("discounts", new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())])), type: Validation) with { MaxAnswerBytes = 8 * 1024 };

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
        yield return Case("unknown-enum", "discount kind Bogus", () => Register().With("discounts", new JsonArray(new JsonObject { ["code"] = "P", ["kind"] = "Bogus", ["amount"] = 1m })), type: Validation);
    }

    private static IEnumerable<HostileCase> StatusFields(HostileSeed seed)
    {
        const string route = "orders/status";
        var path = $"/api/v1/orders/{seed.OrderId}/status";
        HostileCase Case(string category, string name, string body, HttpStatusCode expected, string type)
            => new(category, route, name, HttpMethod.Post, path, RunningHost.SystemKey, () => Json(body), expected) { ExpectedType = type };
        yield return Case("empty", "{}", "{}", HttpStatusCode.BadRequest, Validation);
        yield return Case("wrong-type", "both null", "{\"status\":null,\"warehouseStage\":null}", HttpStatusCode.BadRequest, Validation);
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

    private static IEnumerable<HostileCase> CancelFields(HostileSeed seed)
    {
        const string route = "orders/cancel";
        var path = $"/api/v1/orders/{seed.OrderId}/cancel";
        HostileCase Case(string category, string name, JsonNode? reason, HttpStatusCode expected, string type, string key = RunningHost.UserKey)
            => new(category, route, name, HttpMethod.Post, path, key, () => Json(new JsonObject { ["reason"] = reason }), expected) { ExpectedType = type };
        yield return Case("wrong-type", "reason: number", 1, HttpStatusCode.BadRequest, BadRequest);
        yield return Case("wrong-type", "reason: array", new JsonArray("x"), HttpStatusCode.BadRequest, BadRequest);
        yield return Case("huge-string", "reason 100 kB", new string('r', LongBytes), HttpStatusCode.BadRequest, Validation);
        yield return Case("unicode", "reason with NUL", "no\u0000thanks", HttpStatusCode.BadRequest, Validation);
        // Well-formed text: the order is completed, so cancellation is refused by the business rule.
        yield return Case("unicode", "reason emoji", Emoji, HttpStatusCode.Conflict, Conflict);
        yield return Case("unicode", "reason RTL + zero-width", RightToLeft + ZeroWidth, HttpStatusCode.Conflict, Conflict);
        yield return Case("sql-shaped", "reason", Sql, HttpStatusCode.Conflict, Conflict);
        yield return Case("script-shaped", "reason", Script, HttpStatusCode.Conflict, Conflict);
        yield return Case("empty", "reason whitespace", "   ", HttpStatusCode.Conflict, Conflict);
        yield return Case("auth", "another user's order", "mine now", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
    }

    private static IEnumerable<HostileCase> ApplyFields(HostileSeed seed)
    {
        const string route = "after-sales/apply";
        HostileCase Case(string category, string name, Func<JsonObject> body, HttpStatusCode expected, string type, string key = RunningHost.UserKey)
            => new(category, route, name, HttpMethod.Post, "/api/v1/after-sales", key, () => Json(body()), expected) { ExpectedType = type };
        HostileCase Field(string category, string name, string field, JsonNode? value, string type = Validation)
            => Case(category, name, () => Apply(seed.OrderId).With(field, value), HttpStatusCode.BadRequest, type);
        HostileCase LineField(string category, string name, string field, JsonNode? value, string type = Validation)
            => Case(category, name, () => Apply(seed.OrderId).WithLine(field, value), HttpStatusCode.BadRequest, type);
        HostileCase RawLine(string category, string name, string field, string rawValue)
            => new(category, route, name, HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, () => Json(Apply(seed.OrderId).WithLine(field, "§").ToJsonString().Replace("\"§\"", rawValue, StringComparison.Ordinal)), HttpStatusCode.BadRequest) { ExpectedType = BadRequest };
        HostileCase Refused(string category, string name, string field, JsonNode? value)
            => Case(category, name, () => Apply(seed.OrderId, quantity: 99).With(field, value), HttpStatusCode.Conflict, Conflict);

        yield return Field("wrong-type", "orderId: number", "orderId", 1, BadRequest);
        yield return Field("wrong-type", "orderId: null", "orderId", null);
        yield return Field("wrong-type", "type: null", "type", null);
        yield return Field("wrong-type", "lines: object", "lines", new JsonObject { ["skuId"] = "A" }, BadRequest);
        yield return Field("wrong-type", "lines: empty", "lines", new JsonArray());
        yield return Field("wrong-type", "lines: [null]", "lines", new JsonArray((JsonNode?)null));
        yield return Field("wrong-type", "evidence: string", "evidence", "http://x", BadRequest);
        yield return Field("wrong-type", "pickupAt: not a date", "pickupAt", "tomorrow", BadRequest);
        yield return LineField("wrong-type", "quantity: string", "quantity", "1", BadRequest);
        yield return LineField("wrong-type", "refundAmount: string", "refundAmount", "1.00", BadRequest);
        yield return RawLine("overflow", "quantity 1e400", "quantity", "1e400");
        yield return RawLine("overflow", "quantity 9223372036854775808", "quantity", "9223372036854775808");
        yield return RawLine("overflow", "refundAmount 1e400", "refundAmount", "1e400");
        yield return RawLine("overflow", "refundAmount Infinity", "refundAmount", "Infinity");
        yield return LineField("overflow", "quantity negative", "quantity", -1);
        yield return LineField("overflow", "quantity zero", "quantity", 0);
        yield return LineField("overflow", "refundAmount negative", "refundAmount", -5m);
        yield return LineField("overflow", "refundAmount 3 decimals", "refundAmount", 0.001m);
        yield return LineField("overflow", "refundAmount 30 decimals", "refundAmount", JsonNode.Parse("0.123456789012345678901234567890"));
        yield return LineField("overflow", "unitPrice decimal.MaxValue", "unitPrice", decimal.MaxValue);
        yield return LineField("overflow", "missingWeightGrams negative", "missingWeightGrams", -1);
        yield return Field("overflow", "pickupAt year 9999", "pickupAt", "9999-12-31T23:59:59Z");
        yield return Field("overflow", "101 lines", "lines", new JsonArray([.. Enumerable.Range(0, 101).Select(_ => (JsonNode)new JsonObject { ["skuId"] = "A", ["quantity"] = 1 })]));
        yield return Case("huge-string", "5,000 empty lines", () => Apply(seed.OrderId).With("lines", new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())])), HttpStatusCode.BadRequest, Validation) with { MaxAnswerBytes = 8 * 1024 };
        yield return Field("overflow", "21 evidence URLs", "evidence", new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)$"https://e/{i}")]));
        yield return Field("empty", "orderId empty", "orderId", "");
        yield return Field("empty", "evidence blank URL", "evidence", new JsonArray(" "));
        yield return LineField("empty", "skuId empty", "skuId", "");
        yield return Field("huge-string", "reason 100 kB", "reason", new string('r', LongBytes));
        yield return Field("huge-string", "evidence URL 100 kB", "evidence", new JsonArray(new string('e', LongBytes)));
        yield return Field("unicode", "reason with NUL", "reason", "broken\u0000");
        yield return Field("unicode", "evidence URL with NUL", "evidence", new JsonArray("https://e/\u0000"));
        yield return Field("unicode", "orderId with zero-width", "orderId", ZeroWidth);
        yield return Field("unknown-enum", "type Bogus", "type", "Bogus", BadRequest);
        yield return Field("unknown-enum", "type as number", "type", 2, BadRequest);
        yield return Field("unknown-enum", "type flag combination", "type", "RefundOnly, Exchange", BadRequest);
        yield return Field("unknown-enum", "type Cancel", "type", "Cancel");
        yield return Case("empty", "Idempotency-Key empty", () => Apply(seed.OrderId), HttpStatusCode.BadRequest, Validation) with { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = "" } };
        yield return Case("huge-string", "Idempotency-Key 10 kB", () => Apply(seed.OrderId), HttpStatusCode.BadRequest, Validation) with { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 10 * 1024) } };

        // Well-formed hostile text reaches the kernel, which refuses the quantity (99 of 3).
        yield return Refused("sql-shaped", "reason", "reason", Sql);
        yield return Refused("script-shaped", "reason", "reason", Script);
        yield return Refused("unicode", "reason emoji", "reason", Emoji);
        yield return Refused("unicode", "reason RTL + zero-width", "reason", RightToLeft + ZeroWidth);
        yield return Refused("script-shaped", "evidence javascript: URL", "evidence", new JsonArray("javascript:alert(1)"));
        yield return Case("sql-shaped", "orderId", () => Apply(Sql), HttpStatusCode.NotFound, NotFound);
        yield return Case("script-shaped", "orderId", () => Apply(Script), HttpStatusCode.NotFound, NotFound);
        yield return Case("unicode", "orderId emoji", () => Apply(Emoji), HttpStatusCode.NotFound, NotFound);
        yield return Case("auth", "another user's order", () => Apply(seed.OrderId), HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
        yield return Case("auth", "another merchant's order", () => Apply(seed.OrderId), HttpStatusCode.NotFound, NotFound, RunningHost.OtherMerchantKey);
    }

    private static IEnumerable<HostileCase> ReviewFields(HostileSeed seed)
    {
        const string route = "after-sales/review";
        var path = $"/api/v1/after-sales/{seed.PendingReviewId}/review";
        HostileCase Case(string category, string name, string body, HttpStatusCode expected, string type, string key = RunningHost.CustomerServiceKey)
            => new(category, route, name, HttpMethod.Post, path, key, () => Json(body), expected) { ExpectedType = type };
        yield return Case("empty", "{}", "{}", HttpStatusCode.BadRequest, Validation);
        yield return Case("wrong-type", "decision: null", "{\"decision\":null}", HttpStatusCode.BadRequest, Validation);
        yield return Case("wrong-type", "decision: true", "{\"decision\":true}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("wrong-type", "comment: number", "{\"decision\":\"Reject\",\"comment\":5}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision Bogus", "{\"decision\":\"Bogus\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision empty", "{\"decision\":\"\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision as number", "{\"decision\":1}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision as numeric text", "{\"decision\":\"1\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision flag combination", "{\"decision\":\"Approve, Reject\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("huge-string", "comment 100 kB", "{\"decision\":\"Reject\",\"comment\":\"" + new string('c', LongBytes) + "\"}", HttpStatusCode.BadRequest, Validation);
        yield return Case("unicode", "comment with NUL", "{\"decision\":\"Approve\",\"comment\":\"ok\\u0000\"}", HttpStatusCode.BadRequest, Validation);
        yield return Case("auth", "merchant where customer service reviews", "{\"decision\":\"Approve\"}", HttpStatusCode.Forbidden, Problems + "forbidden", RunningHost.MerchantKey);
        yield return Case("auth", "another store's merchant", "{\"decision\":\"Approve\"}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherMerchantKey);
    }

    /// <summary>The after-sale actions' bodies and states: the seeded after-sale is still in review, so every well-formed action is illegal now (409).</summary>
    private static IEnumerable<HostileCase> ActionFields(HostileSeed seed)
    {
        HostileCase Case(string route, string category, string name, string id, string body, HttpStatusCode expected, string type, string key)
            => new(category, "after-sales/" + route, name, HttpMethod.Post, $"/api/v1/after-sales/{id}/{route}", key, () => Json(body), expected) { ExpectedType = type };
        var review = seed.PendingReviewId;
        var shipping = seed.PendingReturnId;
        const string user = RunningHost.UserKey;
        const string system = RunningHost.SystemKey;

        // return-shipment on the after-sale waiting for the goods: every field wrong in turn.
        yield return Case("return-shipment", "empty", "{}", shipping, "{}", HttpStatusCode.BadRequest, Validation, user);
        yield return Case("return-shipment", "empty", "carrier blank", shipping, "{\"carrier\":\"  \",\"trackingNo\":\"SF1\"}", HttpStatusCode.BadRequest, Validation, user);
        yield return Case("return-shipment", "wrong-type", "carrier: number", shipping, "{\"carrier\":7,\"trackingNo\":\"SF1\"}", HttpStatusCode.BadRequest, BadRequest, user);
        yield return Case("return-shipment", "wrong-type", "trackingNo: object", shipping, "{\"carrier\":\"SF\",\"trackingNo\":{}}", HttpStatusCode.BadRequest, BadRequest, user);
        yield return Case("return-shipment", "huge-string", "trackingNo 100 kB", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"" + new string('t', LongBytes) + "\"}", HttpStatusCode.BadRequest, Validation, user);
        yield return Case("return-shipment", "unicode", "carrier with NUL", shipping, "{\"carrier\":\"S\\u0000F\",\"trackingNo\":\"SF1\"}", HttpStatusCode.BadRequest, Validation, user);
        yield return Case("return-shipment", "unicode", "trackingNo with RTL override", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"SF\\u202E1\"}", HttpStatusCode.BadRequest, Validation, user);
        yield return Case("return-shipment", "unicode", "trackingNo with zero-width space", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"SF\\u200B1\"}", HttpStatusCode.BadRequest, Validation, user);
        yield return Case("return-shipment", "sql-shaped", "carrier (after-sale in review)", review, "{\"carrier\":\"" + Sql + "\",\"trackingNo\":\"1\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("return-shipment", "script-shaped", "trackingNo (after-sale in review)", review, "{\"carrier\":\"SF\",\"trackingNo\":\"" + Script + "\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("return-shipment", "unicode", "emoji carrier (after-sale in review)", review, "{\"carrier\":\"" + Emoji + "\",\"trackingNo\":\"1\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("return-shipment", "auth", "another user", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"SF1\"}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);

        yield return Case("warehouse-receipt", "wrong-type", "lines: object", review, "{\"lines\":{\"lineNo\":1}}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "empty", "lines: empty", review, "{\"lines\":[]}", HttpStatusCode.BadRequest, Validation, system);
        yield return Case("warehouse-receipt", "wrong-type", "lines: [null]", review, "{\"lines\":[null]}", HttpStatusCode.BadRequest, Validation, system);
        yield return Case("warehouse-receipt", "wrong-type", "lineNo: string", review, "{\"lines\":[{\"lineNo\":\"1\",\"quantity\":1}]}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "overflow", "quantity negative", review, "{\"lines\":[{\"lineNo\":1,\"quantity\":-1}]}", HttpStatusCode.BadRequest, Validation, system);
        yield return Case("warehouse-receipt", "overflow", "lineNo 9223372036854775808", review, "{\"lines\":[{\"lineNo\":9223372036854775808,\"quantity\":1}]}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "overflow", "quantity 1e400", review, "{\"lines\":[{\"lineNo\":1,\"quantity\":1e400}]}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "overflow", "lineNo negative", review, "{\"lines\":[{\"lineNo\":-1,\"quantity\":1}]}", HttpStatusCode.BadRequest, Validation, system);
        yield return new HostileCase("huge-string", "after-sales/warehouse-receipt", "5,000 empty lines", HttpMethod.Post, $"/api/v1/after-sales/{review}/warehouse-receipt", system,
            () => Json(new JsonObject { ["lines"] = new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())]) }), HttpStatusCode.BadRequest)
        {
            ExpectedType = Validation,
            MaxAnswerBytes = 8 * 1024,
        };
        yield return Case("warehouse-receipt", "overflow", "receipt while in review", review, "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}", HttpStatusCode.Conflict, Conflict, system);

        yield return Case("withdraw", "auth", "another user", review, "{}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
        yield return Case("withdraw", "auth", "not the applicant (customer service)", review, "{}", HttpStatusCode.Forbidden, Problems + "forbidden", RunningHost.CustomerServiceKey);
        yield return Case("retry-refund", "wrong-state", "not RefundFailed", review, "{}", HttpStatusCode.Conflict, Conflict, RunningHost.OpsKey);
        yield return Case("repair-finished", "wrong-state", "not a repair", review, "{}", HttpStatusCode.Conflict, Conflict, system);
        yield return Case("delivery-confirmed", "wrong-state", "nothing shipped", review, "{}", HttpStatusCode.Conflict, Conflict, system);
    }

    private static IEnumerable<HostileCase> BackfillQueries()
    {
        HostileCase Case(string category, string name, string query)
            => new(category, "ops/search-backfill", name, HttpMethod.Post, "/api/v1/ops/search/backfill" + query, RunningHost.OpsKey, () => null, HttpStatusCode.BadRequest);
        yield return Case("wrong-type", "batchSize=abc", "?batchSize=abc") with { ExpectedType = BadRequest };
        yield return Case("overflow", "batchSize=0", "?batchSize=0") with { ExpectedType = Validation };
        yield return Case("overflow", "batchSize=-1", "?batchSize=-1") with { ExpectedType = Validation };
        yield return Case("overflow", "batchSize=1e400", "?batchSize=1e400") with { ExpectedType = BadRequest };
        yield return Case("overflow", "batchSize=9223372036854775808", "?batchSize=9223372036854775808") with { ExpectedType = BadRequest };
        yield return Case("overflow", "maxBatches=-1", "?maxBatches=-1") with { ExpectedType = Validation };
        yield return Case("wrong-type", "restart=maybe", "?restart=maybe&batchSize=0") with { ExpectedType = BadRequest };
        yield return Case("unicode", "batchSize=%00", "?batchSize=%00") with { ExpectedType = BadRequest };
        yield return Case("sql-shaped", "batchSize", "?batchSize=" + Uri.EscapeDataString("1; DELETE FROM orders")) with { ExpectedType = BadRequest };
    }

    /// <summary>A valid order body (fresh id unless given) with one line; callers break one field.</summary>
    private static JsonObject Register(string? orderId = null) => new()
    {
        ["orderId"] = orderId ?? $"H-{Guid.NewGuid():N}",
        ["userId"] = "u-1",
        ["venderId"] = "v-1",
        ["venderType"] = "Self",
        ["orderType"] = "Normal",
        ["channel"] = "App",
        ["status"] = "PendingShipment",
        ["warehouseStage"] = "NotPushed",
        ["freight"] = 0m,
        ["currency"] = "CNY",
        ["lines"] = new JsonArray(new JsonObject { ["lineNo"] = 1, ["skuId"] = "A", ["skuName"] = "Item A", ["quantity"] = 1, ["unitPrice"] = 10m, ["promotionType"] = "1" }),
        ["discounts"] = new JsonArray(),
    };

    /// <summary>An after-sale application for one unit of SKU A (valid unless a caller breaks it).</summary>
    private static JsonObject Apply(string orderId, int quantity = 1) => new()
    {
        ["orderId"] = orderId,
        ["type"] = "RefundOnly",
        ["reason"] = "hostile",
        ["lines"] = new JsonArray(new JsonObject { ["skuId"] = "A", ["quantity"] = quantity }),
        ["evidence"] = new JsonArray(),
    };

    private static JsonObject Receipt(int lineNo, int quantity) => new() { ["lines"] = new JsonArray(new JsonObject { ["lineNo"] = lineNo, ["quantity"] = quantity }) };

    private static JsonObject HugeObject() => new() { ["reason"] = new string('x', HugeBytes), ["comment"] = "huge" };

    // Nested under a property no contract has: the serializer skips unknown values, so only the depth limit refuses it.
    private static string Nested(int depth) => "{\"x\":" + new string('[', depth) + new string(']', depth) + "}";

    private static byte[] EveryTextField(byte[] text)
    {
        var body = new List<byte>();
        foreach (var field in (string[])["orderId", "reason", "decision", "status", "carrier", "trackingNo", "comment"])
        {
            body.AddRange(Encoding.UTF8.GetBytes((body.Count == 0 ? "{" : ",") + "\"" + field + "\":\""));
            body.AddRange(text);
            body.Add((byte)'"');
        }

        body.Add((byte)'}');
        return [.. body];
    }

    private static JsonObject With(this JsonObject body, string field, JsonNode? value)
    {
        body[field] = value;
        return body;
    }

    private static JsonObject WithLine(this JsonObject body, string field, JsonNode? value)
    {
        body["lines"]![0]![field] = value;
        return body;
    }

    private static StringContent Json(JsonNode body) => Json(body.ToJsonString());

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static ByteArrayContent Bytes(byte[] body, string? contentType)
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return content;
    }

    /// <summary>JSON sent with <c>Transfer-Encoding: chunked</c>: no <c>Content-Length</c> tells the server the size up front.</summary>
    private sealed class ChunkedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedContent(byte[] bytes)
        {
            _bytes = bytes;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>The ids seeded before the campaign: a completed order, an after-sale in review, one waiting for the return.</summary>
public sealed record HostileSeed(string OrderId, string PendingReviewId, string PendingReturnId);

/// <summary>A write route: where it is, who may call it, who may not, and a body of the right shape.</summary>
public sealed record WriteRoute(string Name, string Template, string RightKey, string WrongRoleKey, bool TakesJson, Func<JsonObject> Sample)
{
    /// <summary>The seeded id the route acts on, when its path has one.</summary>
    public string? Id { get; init; }

    public string Query { get; init; } = "";

    public string Path => PathFor(Id ?? "") + Query;

    public string PathFor(string escapedId) => Template.Replace("{id}", escapedId, StringComparison.Ordinal);

    public HostileCase Case(string category, string name, HttpMethod method, string? key, Func<HttpContent?> body, HttpStatusCode expected)
        => new(category, Name, name, method, Path, key, body, expected);
}
