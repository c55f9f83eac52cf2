using System.Text.Json.Nodes;
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
