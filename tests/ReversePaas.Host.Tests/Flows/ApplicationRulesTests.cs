using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// Validation of applications over HTTP on both engines: roles (401/403/404), each 409 cause, bad input (400 with
/// errors, nothing stored), idempotency keys, split matching and concurrent claims on one order.
/// </summary>
public abstract class ApplicationRulesTests
{
    protected abstract Task<string> NewDatabaseAsync();

    private async Task<ReverseApi> StartAsync(params string[] settings)
        => new(await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync(), settings: settings));

    [Fact]
    public async Task Roles_and_ownership_give_401_403_and_404()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m);
        await api.RegisterAsync(order);
        var body = new { orderId = order.OrderId, type = "RefundOnly", reason = "x", lines = new[] { new { skuId = "A", quantity = 1 } } };

        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", null, body)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", "not-a-key", body)).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.UserKey, new OrderBuilder().Line(1, "A", 1, 1m).Build())).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.SystemKey, body)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.OtherUserKey, body)).Status.Should().Be(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.OtherMerchantKey, body)).Status.Should().Be(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/orders/{order.OrderId}", RunningHost.OtherUserKey)).Status.Should().Be(HttpStatusCode.NotFound);

        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        (await api.SendAsync(HttpMethod.Get, $"/api/v1/after-sales/{id}", RunningHost.OtherUserKey)).Status.Should().Be(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/review", RunningHost.UserKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.Forbidden);
        // retail.self routes review to customer service: its merchant may not decide.
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/review", RunningHost.MerchantKey, new { decision = "Approve" })).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/withdraw", RunningHost.CustomerServiceKey)).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/warehouse-receipt", RunningHost.UserKey, new { lines = new[] { new { lineNo = 1, quantity = 1 } } })).Status.Should().Be(HttpStatusCode.Forbidden);
        (await api.SendAsync(HttpMethod.Get, "/api/v1/after-sales/AS-0000-missing", RunningHost.OpsKey)).Status.Should().Be(HttpStatusCode.NotFound);

        (await api.ListAsync(RunningHost.UserKey)).Items.Should().ContainSingle().Which.AfterSaleId.Should().Be(id);
        (await api.ListAsync(RunningHost.OtherUserKey)).Total.Should().Be(0);
        (await api.ListAsync(RunningHost.OtherMerchantKey)).Total.Should().Be(0);
        (await api.ListAsync(RunningHost.MerchantKey, "?q=item%20a")).Total.Should().Be(1);
    }

    [Fact]
    public async Task Each_business_conflict_is_409_with_its_reason()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var unpaid = new OrderBuilder().Status("PendingPayment").Line(1, "A", 1, 10m);
        var old = new OrderBuilder().Completed(DateTimeOffset.UtcNow.AddDays(-30)).Line(1, "A", 1, 10m);
        var split = new OrderBuilder().Completed(DateTimeOffset.UtcNow)
            .Line(1, "A", 1, 10m, "1").Line(2, "A", 1, 10m, "2").Line(3, "B", 1, 10m, "1").Line(4, "B", 1, 12m, "1")
            .Line(5, "F", 1, 10m, "1", 500).Line(6, "F", 1, 10m, "1", 700);
        foreach (var o in new[] { unpaid, old, split })
        {
            await api.RegisterAsync(o);
        }

        async Task Expect409(object body, string reason)
        {
            var (status, json, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, body);
            status.Should().Be(HttpStatusCode.Conflict, json?.ToJsonString());
            ((string)json!["reason"]!).Should().Be(reason);
            ((string)json["detail"]!).Should().NotBeNullOrWhiteSpace();
        }

        await Expect409(new { orderId = unpaid.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "A", quantity = 1 } } }, "not-eligible");
        await Expect409(new { orderId = old.OrderId, type = "ReturnRefund", lines = new[] { new { skuId = "A", quantity = 1 } } }, "not-eligible");
        await Expect409(new { orderId = split.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "A", quantity = 1 } } }, "ambiguous-line");
        await Expect409(new { orderId = split.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "B", quantity = 1 } } }, "ambiguous-line");
        await Expect409(new { orderId = split.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "F", quantity = 1 } } }, "ambiguous-line");
        await Expect409(new { orderId = split.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "Z", quantity = 1 } } }, "unmatched-line");
        await Expect409(new { orderId = split.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "A", promotionType = "3", quantity = 1 } } }, "unmatched-line");
        await Expect409(new { orderId = split.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "A", promotionType = "1", quantity = 2 } } }, "quantity-over-claimable");

        // Each dimension, once named, makes the match unique and picks the right line.
        var byPromotion = await api.ApplyForAsync(split.OrderId, "RefundOnly", [new { skuId = "A", promotionType = "2", quantity = 1 }]);
        byPromotion.Lines.Should().ContainSingle().Which.LineNo.Should().Be(2);
        var byPrice = await api.ApplyForAsync(split.OrderId, "RefundOnly", [new { skuId = "B", unitPrice = 12m, quantity = 1 }]);
        byPrice.Lines.Should().ContainSingle().Which.LineNo.Should().Be(4);
        var byWeight = await api.ApplyForAsync(split.OrderId, "RefundOnly", [new { skuId = "F", weightGrams = 700, quantity = 1 }]);
        byWeight.Lines.Should().ContainSingle().Which.LineNo.Should().Be(6);

        // Seed 001's skuList case: the same SKU twice adds up, and then exceeds what line 1 still has.
        await Expect409(new { orderId = split.OrderId, type = "RefundOnly", lines = new[] { new { skuId = "A", promotionType = "1", quantity = 1 }, new { skuId = "A", promotionType = "1", quantity = 1 } } }, "quantity-over-claimable");

        var id = byPromotion.AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Reject" });
        var again = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        again.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)again.Body!["reason"]!).Should().Be("illegal-transition");
        // The rejected claim is released: line 2 can be claimed again.
        await api.ApplyAsync(split.OrderId, "RefundOnly", [new { skuId = "A", promotionType = "2", quantity = 1 }]);

        var back = await api.SendAsync(HttpMethod.Post, $"/api/v1/orders/{split.OrderId}/status", RunningHost.SystemKey, new { status = "Shipped" });
        back.Status.Should().Be(HttpStatusCode.Conflict);
        var cancelShipped = await api.SendAsync(HttpMethod.Post, $"/api/v1/orders/{split.OrderId}/cancel", RunningHost.UserKey, new { reason = "x" });
        cancelShipped.Status.Should().Be(HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("{\"orderId\":", "orderId")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"Swap\",\"lines\":[{\"skuId\":\"A\",\"quantity\":1}]}", "type")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\",\"lines\":[{\"skuId\":\"A\",\"quantity\":\"one\"}]}", "lines[0].quantity")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\",\"lines\":[{\"skuId\":\"A\",\"quantity\":0}]}", "lines[0].quantity")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\",\"lines\":[{\"skuId\":\"A\",\"quantity\":-3}]}", "lines[0].quantity")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\",\"lines\":[{\"skuId\":\"A\",\"quantity\":99999999999}]}", "lines[0].quantity")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\",\"lines\":[{\"skuId\":\"A\",\"quantity\":1,\"refundAmount\":-1}]}", "lines[0].refundAmount")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\",\"lines\":[{\"skuId\":\"A\",\"quantity\":1,\"refundAmount\":1.001}]}", "lines[0].refundAmount")]
    [InlineData("{\"type\":\"RefundOnly\",\"lines\":[{\"skuId\":\"A\",\"quantity\":1}]}", "orderId")]
    [InlineData("{\"orderId\":\"O\",\"lines\":[{\"skuId\":\"A\",\"quantity\":1}]}", "type")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\"}", "lines")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"RefundOnly\",\"lines\":[{\"quantity\":1}]}", "lines[0].skuId")]
    [InlineData("{\"orderId\":\"O\",\"type\":\"Cancel\",\"lines\":[{\"skuId\":\"A\",\"quantity\":1}]}", "type")]
    public async Task Bad_input_is_400_naming_the_field_and_stores_nothing(string body, string field)
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder("O").Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10m);
        await api.RegisterAsync(order);

        var (status, json, response) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, body);

        status.Should().Be(HttpStatusCode.BadRequest, json?.ToJsonString());
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        json!["errors"].Should().NotBeNull(json.ToJsonString());
        json["errors"]!.AsObject().Select(e => e.Key).Should().Contain(field);
        (await api.ListAsync(RunningHost.OpsKey)).Total.Should().Be(0);
        (await api.OrderAsync("O")).Ledger.Reserved.Should().Be(0m);
    }

    [Fact]
    public async Task Bad_orders_are_400_naming_the_fields_and_store_nothing()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var tooBig = new OrderBuilder("BAD-1").Line(1, "A", 1, 10m).Discount("P", "Promotion", 10.01m, 1);
        var (status, json, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, tooBig.Build());
        status.Should().Be(HttpStatusCode.BadRequest);
        json!["errors"]!.AsObject().Select(e => e.Key).Should().Contain("discounts[0].amount");

        var broken = new OrderBuilder("BAD-2").With("status", "Sideways").Line(1, "A", 1, 10m);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, broken.Build())).Status.Should().Be(HttpStatusCode.BadRequest);
        var negative = new OrderBuilder("BAD-3").Line(1, "A", -1, 10m).Line(1, "B", 1, -2m).Freight(-1m);
        var errors = (await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, negative.Build())).Body!["errors"]!.AsObject().Select(e => e.Key);
        errors.Should().Contain(["freight", "lines[0].quantity", "lines[1].lineNo", "lines[1].unitPrice"]);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, "not json at all")).Status.Should().Be(HttpStatusCode.BadRequest);

        foreach (var id in new[] { "BAD-1", "BAD-2", "BAD-3" })
        {
            (await api.SendAsync(HttpMethod.Get, $"/api/v1/orders/{id}", RunningHost.OpsKey)).Status.Should().Be(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_same_after_sale_and_refuses_another_body()
    {
        var api = await StartAsync();
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 10m);
        await api.RegisterAsync(order);
        var body = new { orderId = order.OrderId, type = "RefundOnly", reason = "x", lines = new[] { new { skuId = "A", quantity = 1 } } };

        var first = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, body, idempotencyKey: "key-1");
        var second = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, body, idempotencyKey: "key-1");
        var other = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, body with { reason = "y" }, idempotencyKey: "key-1");

        first.Status.Should().Be(HttpStatusCode.Created);
        second.Status.Should().Be(HttpStatusCode.Created);
        second.Body!.As<AfterSaleResponse>().Should().BeEquivalentTo(first.Body!.As<AfterSaleResponse>(), "a replay answers the after-sale the first call created");
        other.Status.Should().Be(HttpStatusCode.UnprocessableEntity);
        (await api.ListAsync(RunningHost.OpsKey, $"?orderId={order.OrderId}")).Total.Should().Be(1);
        (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(10m);
    }

    [Fact]
    public async Task Fifty_parallel_applications_from_user_and_customer_service_claim_exactly_what_was_ordered()
    {
        var api = await StartAsync("Activities:LockTimeout=00:00:30");
        await using var _ = api.Host;
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 10, 10.01m).Discount("C", "Coupon", 0.07m);
        await api.RegisterAsync(order);
        var body = new { orderId = order.OrderId, type = "RefundOnly", reason = "race", lines = new[] { new { skuId = "A", quantity = 1 } } };

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", i % 2 == 0 ? RunningHost.UserKey : RunningHost.CustomerServiceKey, body)));

        results.Count(r => r.Status == HttpStatusCode.Created).Should().Be(10);
        results.Where(r => r.Status != HttpStatusCode.Created).Should().OnlyContain(r => r.Status == HttpStatusCode.Conflict && (string)r.Body!["reason"]! == "quantity-over-claimable");
        var claimed = results.Where(r => r.Status == HttpStatusCode.Created).Sum(r => r.Body!.As<AfterSaleResponse>().RefundAmount);
        claimed.Should().Be(100.03m); // 100.10 − 0.07: the ten one-unit claims add up exactly to what the line paid
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(Paid: 100.03m, Refunded: 0m, Reserved: 100.03m, Refundable: 0m));
    }
}
