using System.Net;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Support;
using static ReversePaas.Host.Tests.Hostile.ExpectedProblemTypes;
using static ReversePaas.Host.Tests.Hostile.HostileBodies;
using static ReversePaas.Host.Tests.Hostile.HostileValues;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The hostile bodies of the after-sale routes: the application, the review and the actions on an after-sale.</summary>
internal static class AfterSaleRouteHostileRequests
{
    public static IEnumerable<HostileCase> ApplyFields(HostileSeed seed)
    {
        const string route = "after-sales/apply";
        HostileCase Case(string category, string name, Func<JsonObject> body, HttpStatusCode expected, string type, string key = RunningHost.UserKey)
            => new(category, route, name, HttpMethod.Post, "/api/v1/after-sales", key, () => Json(body()), expected) { ExpectedType = type };
        HostileCase Field(string category, string name, string field, JsonNode? value, string type = ValidationFailed)
            => Case(category, name, () => Apply(seed.OrderId).With(field, value), HttpStatusCode.BadRequest, type);
        HostileCase LineField(string category, string name, string field, JsonNode? value, string type = ValidationFailed)
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
        yield return Case("huge-string", "5,000 empty lines", () => Apply(seed.OrderId).With("lines", new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())])), HttpStatusCode.BadRequest, ValidationFailed) with { MaxAnswerBytes = 8 * 1024 };
        yield return Field("overflow", "21 evidence URLs", "evidence", new JsonArray([.. Enumerable.Range(0, 21).Select(i => (JsonNode)$"https://e/{i}")]));
        yield return Field("wrong-type", "pickupAddress: string", "pickupAddress", "1 Road", BadRequest);
        yield return Field("wrong-type", "pickupAddress: empty object", "pickupAddress", new JsonObject());
        yield return Field("wrong-type", "pickupAddress.phone: number", "pickupAddress", Address(phone: 13912345678), BadRequest);
        yield return Field("empty", "pickupAddress.name blank", "pickupAddress", Address(name: " "));
        yield return Field("huge-string", "pickupAddress.address 100 kB", "pickupAddress", Address(address: new string('a', LongBytes)));
        yield return Field("huge-string", "pickupAddress.phone 100 kB of digits", "pickupAddress", Address(phone: new string('1', LongBytes)));
        yield return Field("script-shaped", "pickupAddress.phone letters", "pickupAddress", Address(phone: Script));
        yield return Field("unicode", "pickupAddress.name with NUL", "pickupAddress", Address(name: "Ann\u0000"));
        yield return Field("unicode", "pickupAddress.address with zero-width", "pickupAddress", Address(address: ZeroWidth));
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
        yield return Case("empty", "Idempotency-Key empty", () => Apply(seed.OrderId), HttpStatusCode.BadRequest, ValidationFailed) with { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = "" } };
        yield return Case("huge-string", "Idempotency-Key 10 kB", () => Apply(seed.OrderId), HttpStatusCode.BadRequest, ValidationFailed) with { Headers = new Dictionary<string, string> { ["Idempotency-Key"] = new string('k', 10 * 1024) } };

        // Well-formed hostile text reaches the kernel, which refuses the quantity (99 of 3).
        yield return Refused("sql-shaped", "reason", "reason", Sql);
        yield return Refused("script-shaped", "reason", "reason", Script);
        yield return Refused("unicode", "reason emoji", "reason", Emoji);
        yield return Refused("unicode", "reason RTL + zero-width", "reason", RightToLeft + ZeroWidth);
        yield return Refused("script-shaped", "evidence javascript: URL", "evidence", new JsonArray("javascript:alert(1)"));
        yield return Refused("sql-shaped", "pickupAddress.name and address", "pickupAddress", Address(name: Sql, address: Sql));
        yield return Refused("script-shaped", "pickupAddress.address", "pickupAddress", Address(address: Script));
        yield return Case("sql-shaped", "orderId", () => Apply(Sql), HttpStatusCode.NotFound, NotFound);
        yield return Case("script-shaped", "orderId", () => Apply(Script), HttpStatusCode.NotFound, NotFound);
        yield return Case("unicode", "orderId emoji", () => Apply(Emoji), HttpStatusCode.NotFound, NotFound);
        yield return Case("auth", "another user's order", () => Apply(seed.OrderId), HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
        yield return Case("auth", "another merchant's order", () => Apply(seed.OrderId), HttpStatusCode.NotFound, NotFound, RunningHost.OtherMerchantKey);
    }

    /// <summary>A well-formed pickup address with one field replaced.</summary>
    private static JsonObject Address(JsonNode? name = null, JsonNode? phone = null, JsonNode? address = null)
        => new() { ["name"] = name ?? "Ann Lee", ["phone"] = phone ?? "13900001111", ["address"] = address ?? "1 Road, Town" };

    public static IEnumerable<HostileCase> ReviewFields(HostileSeed seed)
    {
        const string route = "after-sales/review";
        var path = $"/api/v1/after-sales/{seed.PendingReviewId}/review";
        HostileCase Case(string category, string name, string body, HttpStatusCode expected, string type, string key = RunningHost.CustomerServiceKey)
            => new(category, route, name, HttpMethod.Post, path, key, () => Json(body), expected) { ExpectedType = type };
        yield return Case("empty", "{}", "{}", HttpStatusCode.BadRequest, ValidationFailed);
        yield return Case("wrong-type", "decision: null", "{\"decision\":null}", HttpStatusCode.BadRequest, ValidationFailed);
        yield return Case("wrong-type", "decision: true", "{\"decision\":true}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("wrong-type", "comment: number", "{\"decision\":\"Reject\",\"comment\":5}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision Bogus", "{\"decision\":\"Bogus\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision empty", "{\"decision\":\"\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision as number", "{\"decision\":1}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision as numeric text", "{\"decision\":\"1\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("unknown-enum", "decision flag combination", "{\"decision\":\"Approve, Reject\"}", HttpStatusCode.BadRequest, BadRequest);
        yield return Case("huge-string", "comment 100 kB", "{\"decision\":\"Reject\",\"comment\":\"" + new string('c', LongBytes) + "\"}", HttpStatusCode.BadRequest, ValidationFailed);
        yield return Case("unicode", "comment with NUL", "{\"decision\":\"Approve\",\"comment\":\"ok\\u0000\"}", HttpStatusCode.BadRequest, ValidationFailed);
        yield return Case("auth", "merchant where customer service reviews", "{\"decision\":\"Approve\"}", HttpStatusCode.Forbidden, Forbidden, RunningHost.MerchantKey);
        yield return Case("auth", "another store's merchant", "{\"decision\":\"Approve\"}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherMerchantKey);
    }

    /// <summary>The after-sale actions' bodies and states: the seeded after-sale is still in review, so every well-formed action is illegal now (409).</summary>
    public static IEnumerable<HostileCase> ActionFields(HostileSeed seed)
    {
        HostileCase Case(string route, string category, string name, string id, string body, HttpStatusCode expected, string type, string key)
            => new(category, "after-sales/" + route, name, HttpMethod.Post, $"/api/v1/after-sales/{id}/{route}", key, () => Json(body), expected) { ExpectedType = type };
        var review = seed.PendingReviewId;
        var shipping = seed.PendingReturnId;
        const string user = RunningHost.UserKey;
        const string system = RunningHost.SystemKey;

        // return-shipment on the after-sale waiting for the goods: every field wrong in turn.
        yield return Case("return-shipment", "empty", "{}", shipping, "{}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("return-shipment", "empty", "carrier blank", shipping, "{\"carrier\":\"  \",\"trackingNo\":\"SF1\"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("return-shipment", "wrong-type", "carrier: number", shipping, "{\"carrier\":7,\"trackingNo\":\"SF1\"}", HttpStatusCode.BadRequest, BadRequest, user);
        yield return Case("return-shipment", "wrong-type", "trackingNo: object", shipping, "{\"carrier\":\"SF\",\"trackingNo\":{}}", HttpStatusCode.BadRequest, BadRequest, user);
        yield return Case("return-shipment", "huge-string", "trackingNo 100 kB", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"" + new string('t', LongBytes) + "\"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("return-shipment", "unicode", "carrier with NUL", shipping, "{\"carrier\":\"S\\u0000F\",\"trackingNo\":\"SF1\"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("return-shipment", "unicode", "trackingNo with RTL override", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"SF\\u202E1\"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("return-shipment", "unicode", "trackingNo with zero-width space", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"SF\\u200B1\"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("return-shipment", "sql-shaped", "carrier (after-sale in review)", review, "{\"carrier\":\"" + Sql + "\",\"trackingNo\":\"1\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("return-shipment", "script-shaped", "trackingNo (after-sale in review)", review, "{\"carrier\":\"SF\",\"trackingNo\":\"" + Script + "\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("return-shipment", "unicode", "emoji carrier (after-sale in review)", review, "{\"carrier\":\"" + Emoji + "\",\"trackingNo\":\"1\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("return-shipment", "auth", "another user", shipping, "{\"carrier\":\"SF\",\"trackingNo\":\"SF1\"}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);

        yield return Case("warehouse-receipt", "wrong-type", "lines: object", review, "{\"lines\":{\"lineNo\":1}}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "empty", "lines: empty", review, "{\"lines\":[]}", HttpStatusCode.BadRequest, ValidationFailed, system);
        yield return Case("warehouse-receipt", "wrong-type", "lines: [null]", review, "{\"lines\":[null]}", HttpStatusCode.BadRequest, ValidationFailed, system);
        yield return Case("warehouse-receipt", "wrong-type", "lineNo: string", review, "{\"lines\":[{\"lineNo\":\"1\",\"quantity\":1}]}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "overflow", "quantity negative", review, "{\"lines\":[{\"lineNo\":1,\"quantity\":-1}]}", HttpStatusCode.BadRequest, ValidationFailed, system);
        yield return Case("warehouse-receipt", "overflow", "lineNo 9223372036854775808", review, "{\"lines\":[{\"lineNo\":9223372036854775808,\"quantity\":1}]}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "overflow", "quantity 1e400", review, "{\"lines\":[{\"lineNo\":1,\"quantity\":1e400}]}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("warehouse-receipt", "overflow", "lineNo negative", review, "{\"lines\":[{\"lineNo\":-1,\"quantity\":1}]}", HttpStatusCode.BadRequest, ValidationFailed, system);
        yield return new HostileCase("huge-string", "after-sales/warehouse-receipt", "5,000 empty lines", HttpMethod.Post, $"/api/v1/after-sales/{review}/warehouse-receipt", system,
            () => Json(new JsonObject { ["lines"] = new JsonArray([.. Enumerable.Range(0, 5000).Select(_ => (JsonNode)new JsonObject())]) }), HttpStatusCode.BadRequest)
        {
            ExpectedType = ValidationFailed,
            MaxAnswerBytes = 8 * 1024,
        };
        yield return Case("warehouse-receipt", "overflow", "receipt while in review", review, "{\"lines\":[{\"lineNo\":1,\"quantity\":1}]}", HttpStatusCode.Conflict, Conflict, system);

        yield return Case("withdraw", "auth", "another user", review, "{}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
        yield return Case("withdraw", "auth", "not the applicant (customer service)", review, "{}", HttpStatusCode.Forbidden, Forbidden, RunningHost.CustomerServiceKey);
        yield return Case("retry-refund", "wrong-state", "not RefundFailed", review, "{}", HttpStatusCode.Conflict, Conflict, RunningHost.OpsKey);
        yield return Case("retry-pickup", "wrong-state", "no parked pickup", review, "{}", HttpStatusCode.Conflict, Conflict, RunningHost.OpsKey);
        yield return Case("retry-pickup", "wrong-state", "return arranged, not parked", shipping, "{}", HttpStatusCode.Conflict, Conflict, RunningHost.OpsKey);

        // appeal and hold read one free-text reason; the seeded after-sale is in review, neither rejected nor held, so a
        // well-formed appeal or release is refused (409) and nothing changes.
        yield return Case("appeal", "empty", "{}", review, "{}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("appeal", "empty", "reason blank", review, "{\"reason\":\"  \"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("appeal", "wrong-type", "reason: number", review, "{\"reason\":7}", HttpStatusCode.BadRequest, BadRequest, user);
        yield return Case("appeal", "huge-string", "reason 100 kB", review, "{\"reason\":\"" + new string('r', LongBytes) + "\"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("appeal", "unicode", "reason with NUL", review, "{\"reason\":\"a\\u0000b\"}", HttpStatusCode.BadRequest, ValidationFailed, user);
        yield return Case("appeal", "sql-shaped", "reason (after-sale in review)", review, "{\"reason\":\"" + Sql + "\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("appeal", "script-shaped", "reason (after-sale in review)", review, "{\"reason\":\"" + Script + "\"}", HttpStatusCode.Conflict, Conflict, user);
        yield return Case("appeal", "auth", "another user", review, "{\"reason\":\"x\"}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
        yield return Case("appeal", "auth", "not the applicant (customer service)", review, "{\"reason\":\"x\"}", HttpStatusCode.Forbidden, Forbidden, RunningHost.CustomerServiceKey);
        yield return Case("hold", "empty", "{}", review, "{}", HttpStatusCode.BadRequest, ValidationFailed, RunningHost.RiskKey);
        yield return Case("hold", "wrong-type", "reason: array", review, "{\"reason\":[\"x\"]}", HttpStatusCode.BadRequest, BadRequest, RunningHost.RiskKey);
        yield return Case("hold", "huge-string", "reason 100 kB", review, "{\"reason\":\"" + new string('r', LongBytes) + "\"}", HttpStatusCode.BadRequest, ValidationFailed, RunningHost.RiskKey);
        yield return Case("hold", "unicode", "reason with NUL", review, "{\"reason\":\"a\\u0000b\"}", HttpStatusCode.BadRequest, ValidationFailed, RunningHost.OpsKey);
        yield return Case("release", "wrong-state", "not held", review, "{}", HttpStatusCode.Conflict, Conflict, RunningHost.RiskKey);
        yield return Case("repair-finished", "wrong-state", "not a repair", review, "{}", HttpStatusCode.Conflict, Conflict, system);
        yield return Case("repair-finished", "wrong-state", "irreparable, not a repair", review, "{\"outcome\":\"Irreparable\",\"note\":\"x\"}", HttpStatusCode.Conflict, Conflict, system);
        yield return Case("repair-finished", "unknown-enum", "outcome Bogus", review, "{\"outcome\":\"Bogus\"}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("repair-finished", "unknown-enum", "outcome as number", review, "{\"outcome\":1}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("repair-finished", "unknown-enum", "outcome flag combination", review, "{\"outcome\":\"Repaired, Irreparable\"}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("repair-finished", "wrong-type", "note: number", review, "{\"note\":5}", HttpStatusCode.BadRequest, BadRequest, system);
        yield return Case("repair-finished", "huge-string", "note 100 kB", review, "{\"outcome\":\"Repaired\",\"note\":\"" + new string('n', LongBytes) + "\"}", HttpStatusCode.BadRequest, ValidationFailed, system);
        yield return Case("repair-finished", "unicode", "note with NUL", review, "{\"note\":\"a\\u0000b\"}", HttpStatusCode.BadRequest, ValidationFailed, system);
        yield return Case("delivery-confirmed", "auth", "not the applicant (customer service)", review, "{}", HttpStatusCode.Forbidden, Forbidden, RunningHost.CustomerServiceKey);
        yield return Case("delivery-confirmed", "auth", "another user", review, "{}", HttpStatusCode.NotFound, NotFound, RunningHost.OtherUserKey);
        yield return Case("delivery-confirmed", "wrong-state", "nothing shipped", review, "{}", HttpStatusCode.Conflict, Conflict, system);
    }
}
