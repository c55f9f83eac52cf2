using System.Text;

namespace ReversePaas.Host.Tests.Security;

/// <summary>
/// Who may call what: every route the host maps × every kind of caller, as API.md states it. docs/security.md shows
/// the same table (<see cref="ToMarkdown"/>; a test keeps the two equal). Tokens: <c>pub</c> public, <c>401</c> no or
/// unknown key, <c>403</c> wrong role, <c>404</c> not the caller's order or after-sale (hidden), <c>deny</c> 403 by the
/// after-sale's own rule, <c>ok</c> let through (see <see cref="Access"/>).
/// </summary>
internal static class RouteAccessMatrix
{
    private const string Open = "pub  pub  pub  pub  pub  pub  pub  pub  pub  pub";

    /// <summary>The rows. Columns: no key, unknown key, User (owner), other User, Merchant (of the order), other Merchant, CustomerService, Ops, System, Risk.</summary>
    public static IReadOnlyList<RouteAccessRow> Rows { get; } =
    [
        Row("GET", "/healthz", "", Open, AccessProbes.At("/healthz")),
        Row("GET", "/readyz", "", Open, AccessProbes.At("/readyz")),
        Row("GET", "/metrics", "", Open, AccessProbes.At("/metrics")),
        Row("GET", "/openapi/{documentName}.json", "", Open, AccessProbes.At("/openapi/v1.json")),
        Row("GET", "/catalog", "", Open, AccessProbes.At("/catalog")),
        Row("GET", "/catalog/{file}", "", Open, AccessProbes.At("/catalog/catalog.js")),
        Row("GET", "/swagger/index.html", "Swagger UI, served by middleware", Open, AccessProbes.At("/swagger/index.html"), isEndpoint: false),

        //                                                                                                 none unkn user usr2 mer  mer2 cs   ops  sys  risk
        Row("POST", "/api/v1/orders", "",                                                                 "401  401  403  403  403  403  403  ok   ok   403", AccessProbes.RegisterOrder),
        Row("GET", "/api/v1/orders/{orderId}", "",                                                        "401  401  ok   404  ok   404  ok   ok   ok   403", AccessProbes.GetOrder),
        Row("POST", "/api/v1/orders/{orderId}/status", "",                                                "401  401  403  403  403  403  403  ok   ok   403", AccessProbes.AdvanceOrder),
        Row("POST", "/api/v1/orders/{orderId}/cancel", "",                                                "401  401  ok   404  403  403  ok   ok   403  403", AccessProbes.CancelOrder),

        Row("POST", "/api/v1/after-sales", "",                                                            "401  401  ok   404  ok   404  ok   403  403  403", AccessProbes.Apply),
        Row("GET", "/api/v1/after-sales", "each sees only their own",                                     "401  401  ok   ok   ok   ok   ok   ok   ok   ok", AccessProbes.At("/api/v1/after-sales")),
        Row("GET", "/api/v1/after-sales/{id}", "",                                                        "401  401  ok   404  ok   404  ok   ok   ok   ok", AccessProbes.GetAfterSale),
        Row("POST", "/api/v1/after-sales/{id}/review", "routed to the merchant (retail.pop)",             "401  401  403  403  ok   404  ok   ok   403  403", AccessProbes.ReviewRoutedToMerchant),
        Row("POST", "/api/v1/after-sales/{id}/review", "routed to customer service (retail.self)",        "401  401  403  403  deny 404  ok   ok   403  403", AccessProbes.ReviewRoutedToCustomerService),
        Row("POST", "/api/v1/after-sales/{id}/withdraw", "applied by the user",                           "401  401  ok   404  deny 404  deny 403  403  403", AccessProbes.WithdrawAppliedByUser),
        Row("POST", "/api/v1/after-sales/{id}/withdraw", "applied by the merchant",                       "401  401  deny 404  ok   404  deny 403  403  403", AccessProbes.WithdrawAppliedByMerchant),
        Row("POST", "/api/v1/after-sales/{id}/review", "appealed (the platform decides, retail.pop)",     "401  401  403  403  deny 404  ok   ok   403  403", AccessProbes.ReviewAppealed),
        Row("POST", "/api/v1/after-sales/{id}/appeal", "rejected, applied by the user",                   "401  401  ok   404  deny 404  deny 403  403  403", AccessProbes.AppealAppliedByUser),
        Row("POST", "/api/v1/after-sales/{id}/hold", "",                                                  "401  401  403  403  403  403  403  ok   403  ok", AccessProbes.Hold),
        Row("POST", "/api/v1/after-sales/{id}/release", "held",                                           "401  401  403  403  403  403  403  ok   403  ok", AccessProbes.Release),
        Row("POST", "/api/v1/after-sales/{id}/return-shipment", "",                                       "401  401  ok   404  403  403  403  403  403  403", AccessProbes.ReturnShipment),
        Row("POST", "/api/v1/after-sales/{id}/warehouse-receipt", "",                                     "401  401  403  403  403  403  403  403  ok   403", AccessProbes.WarehouseReceipt),
        Row("POST", "/api/v1/after-sales/{id}/repair-finished", "",                                       "401  401  403  403  403  403  403  403  ok   403", AccessProbes.RepairFinished),
        Row("POST", "/api/v1/after-sales/{id}/delivery-confirmed", "applied by the user",                 "401  401  ok   404  deny 404  deny 403  ok   403", AccessProbes.DeliveryConfirmed),
        Row("POST", "/api/v1/after-sales/{id}/retry-refund", "",                                          "401  401  403  403  403  403  403  ok   403  403", AccessProbes.RetryRefund),
        Row("POST", "/api/v1/after-sales/{id}/retry-pickup", "",                                          "401  401  403  403  403  403  403  ok   403  403", AccessProbes.RetryPickup),

        Row("GET", "/api/v1/catalog", "",                                                                 "401  401  403  403  403  403  ok   ok   ok   403", AccessProbes.At("/api/v1/catalog")),
        Row("GET", "/api/v1/catalog/maps/{identity}", "",                                                 "401  401  403  403  403  403  ok   ok   ok   403", AccessProbes.At("/api/v1/catalog/maps/retail.self?format=markdown")),
        Row("GET", "/api/v1/catalog/usage", "",                                                           "401  401  403  403  403  403  ok   ok   ok   403", AccessProbes.At("/api/v1/catalog/usage")),
        Row("GET", "/api/v1/catalog/identities/{identity}", "",                                           "401  401  403  403  403  403  ok   ok   ok   403", AccessProbes.At("/api/v1/catalog/identities/retail.self")),
        Row("GET", "/api/v1/plugins", "",                                                                 "401  401  403  403  403  403  ok   ok   ok   403", AccessProbes.At("/api/v1/plugins")),
        Row("POST", "/api/v1/plugins/reload", "",                                                         "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/plugins/reload")),
        Row("POST", "/api/v1/plugins/packages", "",                                                       "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/plugins/packages")),
        Row("GET", "/api/v1/plugins/{id}/versions", "",                                                   "401  401  403  403  403  403  ok   ok   ok   403", AccessProbes.At("/api/v1/plugins/good-plugin/versions")),
        Row("POST", "/api/v1/plugins/{id}/activate", "",                                                  "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/plugins/good-plugin/activate")),
        Row("POST", "/api/v1/plugins/{id}/rollback", "",                                                  "401  401  403  403  403  403  403  ok   403  403", AccessProbes.WithActivePackage("/api/v1/plugins/good-plugin/rollback")),
        Row("POST", "/api/v1/plugins/{id}/deactivate", "",                                                "401  401  403  403  403  403  403  ok   403  403", AccessProbes.WithActivePackage("/api/v1/plugins/good-plugin/deactivate")),
        Row("GET", "/api/v1/simulators/calls", "",                                                        "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/simulators/calls?system=payment")),
        Row("GET", "/api/v1/ops/stuck", "",                                                               "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/ops/stuck")),
        Row("GET", "/api/v1/ops/jobs", "",                                                                "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/ops/jobs")),
        Row("POST", "/api/v1/ops/search/backfill", "",                                                    "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/ops/search/backfill?maxBatches=1")),
        Row("GET", "/api/v1/ops/search/verify", "",                                                       "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/ops/search/verify?sample=5")),
        Row("POST", "/api/v1/ops/dashboard-session", "",                                                  "401  401  403  403  403  403  403  ok   403  403", AccessProbes.At("/api/v1/ops/dashboard-session")),
        Row("GET", "/ops/jobs", "Hangfire dashboard, served by middleware: opened by the session cookie, never by a key", "401  401  403  403  403  403  403  403  403  403", AccessProbes.At("/ops/jobs"), isEndpoint: false),
    ];

    /// <summary>The matrix as the markdown table docs/security.md holds.</summary>
    public static string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append("| route | case | ").AppendJoin(" | ", Caller.All.Select(c => c.Name)).Append(" |\n");
        text.Append("|---|---|").AppendJoin("", Caller.All.Select(_ => "---|")).Append('\n');
        foreach (var row in Rows)
        {
            text.Append("| `").Append(row.Method).Append(' ').Append(row.Route).Append("` | ").Append(row.Case).Append(" | ").AppendJoin(" | ", row.Expected.Select(Token)).Append(" |\n");
        }

        return text.ToString();
    }

    public static string Token(Access access) => access switch
    {
        Access.Public => "pub",
        Access.Unauthenticated => "401",
        Access.WrongRole => "403",
        Access.Hidden => "404",
        Access.Refused => "deny",
        Access.Allowed => "ok",
        _ => throw new ArgumentOutOfRangeException(nameof(access), access, null),
    };

    private static RouteAccessRow Row(string method, string route, string @case, string cells, Func<Flows.ReverseApi, Task<AccessRequest>> probe, bool isEndpoint = true)
    {
        var expected = cells.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();
        if (expected.Length != Caller.All.Count)
        {
            throw new InvalidOperationException($"{method} {route}: {expected.Length} cells for {Caller.All.Count} callers.");
        }

        return new RouteAccessRow(method, route, @case, expected, probe, isEndpoint);
    }

    private static Access Parse(string token) => token switch
    {
        "pub" => Access.Public,
        "401" => Access.Unauthenticated,
        "403" => Access.WrongRole,
        "404" => Access.Hidden,
        "deny" => Access.Refused,
        "ok" => Access.Allowed,
        _ => throw new InvalidOperationException($"'{token}' is not a cell of the access matrix (pub, 401, 403, 404, deny, ok)."),
    };
}
