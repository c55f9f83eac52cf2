using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;


namespace ReversePaas.Host.Tests.Drills;

/// <summary>
/// The shared orders the storm races on, registered alternately through both hosts: retail.self and retail.pop,
/// delivered, shipped and not yet shipped, with awkward prices, freight, discounts and a SKU sold twice.
/// </summary>
internal static class RaceOrders
{
    // Amounts whose per-unit shares and discount parts do not divide evenly, so the cent allocation is exercised.
    private static readonly decimal[] AwkwardPrices = [33.33m, 19.99m, 0.07m, 120.01m, 7.77m, 45.45m, 99.98m, 3.34m, 12.51m, 66.67m, 1.01m, 249.99m];

    public static async Task<IReadOnlyList<RaceOrder>> RegisterAsync(HostProcess[] hosts, int count, Random random)
    {
        var orders = new List<RaceOrder>();
        for (var i = 0; i < count; i++)
        {
            var pop = i % 2 == 1;
            // Mostly delivered orders (RefundOnly and ReturnRefund allowed); a few shipped; a few not yet shipped, so
            // cancellations (interception, or the POP merchant's confirmation) race with refund applications too.
            var status = (i % 10) switch
            {
                < 6 => "Completed",
                < 8 => "Shipped",
                _ => "PendingShipment",
            };
            var builder = new OrderBuilder($"O-race-{i:00}-{Guid.NewGuid():N}").With("venderType", pop ? "Pop" : "Self");
            builder = status switch
            {
                "Completed" => builder.Completed(DateTimeOffset.UtcNow.AddDays(-1)),
                "Shipped" => builder.Status("Shipped"),
                // NotPushed and Pushed: the WMS stops the goods; Packed: the interception fails (retail.self).
                _ => builder.Status("PendingShipment", (i / 10 % 3) switch { 0 => "NotPushed", 1 => "Pushed", _ => "Packed" }),
            };
            if (!pop && i % 4 == 0)
            {
                // retail.self approves trusted customers' refunds up to 200.00 by itself: the approve-to-refund path
                // then starts inside the application request.
                builder.With("attributes", new JsonObject { ["trusted"] = "true" });
            }

            if (i % 4 == 1)
            {
                builder.Freight(8.88m);
            }

            var lines = new List<RaceOrderLine>();
            var lineCount = 2 + random.Next(3);
            // Every fourth order sells one SKU twice under two promotions: a request must name the promotion type
            // to be matched (DOMAIN.md section 1), and one that does not is ambiguous.
            var duplicateSku = i % 4 == 2;
            for (var n = 1; n <= lineCount; n++)
            {
                var sku = duplicateSku && n == 2 ? "S1" : $"S{n}";
                // Enough units that the orders are not used up early in the storm (claims of completed after-sales
                // stay claimed), so applications keep racing each other rather than meeting a full order.
                var line = new RaceOrderLine(n, sku, 3 + random.Next(10), AwkwardPrices[random.Next(AwkwardPrices.Length)], duplicateSku && n == 2 ? "2" : "1");
                lines.Add(line);
                builder.Line(line.LineNo, line.Sku, line.Quantity, line.UnitPrice, line.PromotionType);
            }

            if (i % 3 == 0)
            {
                var scope = lines.Take(2).Sum(l => l.Quantity * l.UnitPrice);
                builder.Discount("P1", "Promotion", Math.Round(scope * 0.137m, 2), 1, 2);
                builder.Discount("C1", "Coupon", Math.Round(lines.Sum(l => l.Quantity * l.UnitPrice) * 0.0713m, 2));
            }

            var registered = await new ReverseApi(hosts[i % 2].Client).RegisterOrderAsync(builder);
            registered.BusinessIdentity.Should().Be(pop ? "retail.pop" : "retail.self");
            orders.Add(new RaceOrder(builder.OrderId, pop, status, lines, duplicateSku));
        }

        return orders;
    }
}
