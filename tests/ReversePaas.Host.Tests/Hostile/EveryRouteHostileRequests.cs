using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using static ReversePaas.Host.Tests.Hostile.ExpectedProblemTypes;
using static ReversePaas.Host.Tests.Hostile.HostileBodies;
using static ReversePaas.Host.Tests.Hostile.HostileValues;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>The hostile requests every write route gets alike, whatever its body: keys, content types, sizes, methods, malformed JSON and hostile path ids.</summary>
internal static class EveryRouteHostileRequests
{
    /// <summary>What every write route must refuse the same way: keys, roles, content types, sizes, methods.</summary>
    public static IEnumerable<HostileCase> Generic(WriteRoute r)
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
        yield return r.Case("huge-body", "1 MB, Content-Length", post, r.RightKey, () => Bytes(Encoding.UTF8.GetBytes(HugeObject().ToJsonString()), r.MediaType), HttpStatusCode.RequestEntityTooLarge) with { ExpectedType = TooLarge };
        yield return r.Case("huge-body", "1 MB, chunked", post, r.RightKey, () => new ChunkedContent(Encoding.UTF8.GetBytes(HugeObject().ToJsonString()), r.MediaType), HttpStatusCode.RequestEntityTooLarge) with { ExpectedType = TooLarge };
        yield return r.Case("wrong-method", "PUT", HttpMethod.Put, r.RightKey, () => Json(r.Sample()), HttpStatusCode.MethodNotAllowed);
        yield return r.Case("wrong-method", "DELETE", HttpMethod.Delete, r.RightKey, () => null, HttpStatusCode.MethodNotAllowed);
        yield return r.Case("wrong-method", "PATCH", HttpMethod.Patch, r.RightKey, () => Json(r.Sample()), HttpStatusCode.MethodNotAllowed);
    }

    /// <summary>Bodies that are not JSON, or not JSON this API accepts.</summary>
    public static IEnumerable<HostileCase> MalformedJson(WriteRoute r)
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
    public static IEnumerable<HostileCase> HostileIds(WriteRoute r)
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
}
