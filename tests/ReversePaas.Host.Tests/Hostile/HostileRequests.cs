using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using ReversePaas.Host.Tests.Security;
using ReversePaas.Host.Tests.Support;
using static ReversePaas.Host.Tests.Hostile.HostileBodies;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// Generates the hostile-input campaign over every write route. Each request uses the route's right key and a seeded
/// id (so it gets past authentication and routing to the validation it aims at) and breaks exactly one thing; the
/// rest of the request would be refused by a business rule anyway, so nothing it does may change the database.
/// </summary>
public static class HostileRequests
{
    /// <summary>
    /// Every write route the host maps (read from its endpoints, so a new one is attacked without anyone adding it):
    /// those below with a body of their own shape, any other with an empty object, its keys taken from the access
    /// matrix (the role that may call it, and one that may not) and its path id from the seed.
    /// </summary>
    public static IReadOnlyList<WriteRoute> Routes(HostileSeed seed, IEnumerable<Endpoint> endpoints)
    {
        var shaped = ShapedRoutes(seed).ToDictionary(r => r.Template, StringComparer.Ordinal);
        var routes = new List<WriteRoute>();
        foreach (var endpoint in endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            if (!methods.Any(m => m is "POST" or "PUT" or "PATCH" or "DELETE"))
            {
                continue;
            }

            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var template = pattern.Replace("{orderId}", "{id}", StringComparison.Ordinal);
            routes.Add(shaped.Remove(template, out var route) ? route : FromMatrix(seed, pattern, template, endpoint));
        }

        shaped.Keys.Should().BeEmpty("a shaped hostile route must be a route the host maps");
        return routes;
    }

    /// <summary>A mapped write route without a shape of its own: an empty body, keys from the access matrix.</summary>
    private static WriteRoute FromMatrix(HostileSeed seed, string pattern, string template, RouteEndpoint endpoint)
    {
        var row = RouteAccessMatrix.Rows.FirstOrDefault(r => r.Route == pattern && r.Method != "GET")
            ?? throw new InvalidOperationException($"{pattern} has no row in RouteAccessMatrix (RouteAccessMatrixTests says so too)");
        string? KeyOf(params Access[] access) => Caller.All[Enumerable.Range(0, Caller.All.Count).First(c => access.Contains(row.Expected[c]))].Key;
        var takesJson = endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null;
        return new WriteRoute(template.TrimStart('/'), template, KeyOf(Access.Allowed)!, KeyOf(Access.WrongRole)!, takesJson, () => new JsonObject())
        {
            Id = pattern.Contains("{orderId}", StringComparison.Ordinal) ? seed.OrderId : pattern.Contains("{id}", StringComparison.Ordinal) ? seed.PendingReviewId : null,
        };
    }

    /// <summary>The write routes whose bodies have a shape worth sending: name, path template, the key whose role may call it, and one that may not.</summary>
    private static IEnumerable<WriteRoute> ShapedRoutes(HostileSeed seed) =>
    [
        new("orders/register", "/api/v1/orders", RunningHost.SystemKey, RunningHost.UserKey, TakesJson: true, () => Register(seed.OrderId).With("freight", 99m)),
        new("orders/status", "/api/v1/orders/{id}/status", RunningHost.SystemKey, RunningHost.MerchantKey, TakesJson: true, () => new JsonObject { ["status"] = "PendingShipment" }) { Id = seed.OrderId },
        new("orders/cancel", "/api/v1/orders/{id}/cancel", RunningHost.UserKey, RunningHost.MerchantKey, TakesJson: true, () => new JsonObject { ["reason"] = "changed my mind" }) { Id = seed.OrderId },
        new("after-sales/apply", "/api/v1/after-sales", RunningHost.UserKey, RunningHost.SystemKey, TakesJson: true, () => Apply(seed.OrderId, quantity: 99)),
        new("after-sales/review", "/api/v1/after-sales/{id}/review", RunningHost.CustomerServiceKey, RunningHost.UserKey, TakesJson: true, () => new JsonObject { ["decision"] = "Approve", ["comment"] = "ok" }) { Id = seed.PendingReviewId },
        new("after-sales/withdraw", "/api/v1/after-sales/{id}/withdraw", RunningHost.UserKey, RunningHost.SystemKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("after-sales/return-shipment", "/api/v1/after-sales/{id}/return-shipment", RunningHost.UserKey, RunningHost.MerchantKey, TakesJson: true, () => new JsonObject { ["carrier"] = "SF", ["trackingNo"] = "SF1" }) { Id = seed.PendingReviewId },
        new("after-sales/warehouse-receipt", "/api/v1/after-sales/{id}/warehouse-receipt", RunningHost.SystemKey, RunningHost.UserKey, TakesJson: true, () => Receipt(1, 1)) { Id = seed.PendingReviewId },
        new("after-sales/appeal", "/api/v1/after-sales/{id}/appeal", RunningHost.UserKey, RunningHost.OpsKey, TakesJson: true, () => new JsonObject { ["reason"] = "please look again" }) { Id = seed.PendingReviewId },
        new("after-sales/hold", "/api/v1/after-sales/{id}/hold", RunningHost.RiskKey, RunningHost.UserKey, TakesJson: true, () => new JsonObject { ["reason"] = "risk" }) { Id = seed.PendingReviewId },
        new("after-sales/release", "/api/v1/after-sales/{id}/release", RunningHost.RiskKey, RunningHost.CustomerServiceKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("after-sales/retry-refund", "/api/v1/after-sales/{id}/retry-refund", RunningHost.OpsKey, RunningHost.CustomerServiceKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("after-sales/retry-pickup", "/api/v1/after-sales/{id}/retry-pickup", RunningHost.OpsKey, RunningHost.CustomerServiceKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("after-sales/repair-finished", "/api/v1/after-sales/{id}/repair-finished", RunningHost.SystemKey, RunningHost.UserKey, TakesJson: true, () => new JsonObject { ["outcome"] = "Irreparable", ["note"] = "cracked" }) { Id = seed.PendingReviewId },
        new("after-sales/delivery-confirmed", "/api/v1/after-sales/{id}/delivery-confirmed", RunningHost.SystemKey, RunningHost.OpsKey, TakesJson: false, () => new JsonObject()) { Id = seed.PendingReviewId },
        new("plugins/reload", "/api/v1/plugins/reload", RunningHost.OpsKey, RunningHost.SystemKey, TakesJson: false, () => new JsonObject()),
        new("plugins/packages", "/api/v1/plugins/packages", RunningHost.OpsKey, RunningHost.SystemKey, TakesJson: false, () => new JsonObject()) { MediaType = "application/zip" },
        new("plugins/activate", "/api/v1/plugins/{id}/activate", RunningHost.OpsKey, RunningHost.SystemKey, TakesJson: true, () => new JsonObject { ["version"] = "9.9.9" }) { Id = "good-plugin" },
        new("ops/search-backfill", "/api/v1/ops/search/backfill", RunningHost.OpsKey, RunningHost.CustomerServiceKey, TakesJson: false, () => new JsonObject()) { Query = "?batchSize=0" },
    ];

    public static IReadOnlyList<HostileCase> Generate(HostileSeed seed, IEnumerable<Endpoint> endpoints)
    {
        var cases = new List<HostileCase>();
        foreach (var route in Routes(seed, endpoints))
        {
            cases.AddRange(EveryRouteHostileRequests.Generic(route));
            if (route.TakesJson)
            {
                cases.AddRange(EveryRouteHostileRequests.MalformedJson(route));
            }

            if (route.Id is not null)
            {
                cases.AddRange(EveryRouteHostileRequests.HostileIds(route));
            }
        }

        cases.AddRange(OrderRouteHostileRequests.RegisterFields(seed));
        cases.AddRange(OrderRouteHostileRequests.StatusFields(seed));
        cases.AddRange(OrderRouteHostileRequests.CancelFields(seed));
        cases.AddRange(AfterSaleRouteHostileRequests.ApplyFields(seed));
        cases.AddRange(AfterSaleRouteHostileRequests.ReviewFields(seed));
        cases.AddRange(AfterSaleRouteHostileRequests.ActionFields(seed));
        cases.AddRange(OpsRouteHostileRequests.BackfillQueries());
        return cases;
    }
}
