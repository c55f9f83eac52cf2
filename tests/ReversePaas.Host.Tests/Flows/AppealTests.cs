using System.Net;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Problems;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;

namespace ReversePaas.Host.Tests.Flows;

/// <summary>
/// The appeal of a rejection over REST (API.md v1.1), on both engines: by the applicant, once, within
/// <c>Activities:AppealWithin</c>; decided by customer service or ops with the review call, the approval paying the
/// exact refund; the claim on the order taken back at the appeal, or the appeal refused when others took it.
/// </summary>
public abstract class AppealTests
{
    private static readonly object[] OneUnitOfA = [new { skuId = "A", quantity = 1 }];

    protected abstract Task<string> NewDatabaseAsync();

    [Fact]
    public async Task An_approved_appeal_claims_the_money_again_and_refunds_it_to_the_cent()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 3, 33.33m);
        var id = await RejectedAsync(api, order);
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(99.99m, 0m, 0m, 99.99m), "the rejection released the claim");

        var appealed = await api.ActOnAsync(id, "appeal", RunningHost.UserKey, new { reason = "The parcel was damaged, photos attached." });

        appealed.Status.Should().Be(AfterSaleStatus.Appealed);
        appealed.Timeline[^1].Note.Should().Be("Appealed: The parcel was damaged, photos attached.");
        appealed.Timeline[^1].Actor.Should().Be("User:u-1");
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(99.99m, 0m, 33.33m, 66.66m), "the appeal claims the refund again");

        var approved = await api.ActOnAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "Photos convince." });
        approved.Status.Should().BeOneOf(AfterSaleStatus.PendingRefund, AfterSaleStatus.Completed);
        approved.Timeline.Should().Contain(t => t.Note == "Appeal approved: Photos convince." && t.Actor == "CustomerService:cs-1");

        var done = await api.AwaitStatusAsync(id, AfterSaleStatus.Completed, AfterSaleStatus.RefundFailed);
        done.Status.Should().Be(AfterSaleStatus.Completed);
        done.RefundAmount.Should().Be(33.33m);
        var ledger = (await api.OrderAsync(order.OrderId)).Ledger;
        ledger.Should().Be(new LedgerResponse(99.99m, 33.33m, 0m, 66.66m));
        (await api.SimulatedCallsAsync(order.OrderId, "payment")).Where(c => c.Key == id).Select(c => c.Amount).Should().Equal(33.33m);
    }

    [Fact]
    public async Task A_rejected_appeal_is_final_a_second_appeal_is_409_and_the_money_is_released_again()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 12.34m);
        var id = await RejectedAsync(api, order);
        await api.ActAsync(id, "appeal", RunningHost.UserKey, new { reason = "Please look again." });

        var final = await api.ActOnAsync(id, "review", RunningHost.OpsKey, new { decision = "Reject", comment = "Same answer." });

        final.Status.Should().Be(AfterSaleStatus.Rejected);
        final.Timeline[^1].Note.Should().Be("Appeal rejected, for good: Same answer.");
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(24.68m, 0m, 0m, 24.68m));

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/appeal", RunningHost.UserKey, new { reason = "Once more." });
        status.Should().Be(HttpStatusCode.Conflict, problem?.ToJsonString());
        ((string)problem!["reason"]!).Should().Be("already-appealed");
        (await api.SaleAsync(id)).Should().BeEquivalentTo(final, "a refused appeal changes nothing");
    }

    [Fact]
    public async Task An_appeal_is_accepted_until_the_window_after_the_rejection_closes_and_409_after()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, await NewDatabaseAsync(), clock);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(clock.GetUtcNow()).Line(1, "A", 2, 10.00m);
        await api.RegisterAsync(order);
        var early = await ApplyAndRejectAsync(api, order);
        var late = await ApplyAndRejectAsync(api, order);

        clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        (await api.ActOnAsync(early, "appeal", RunningHost.UserKey, new { reason = "Just in time." })).Status.Should().Be(AfterSaleStatus.Appealed);

        clock.Advance(TimeSpan.FromMinutes(2));
        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{late}/appeal", RunningHost.UserKey, new { reason = "Too late." });
        status.Should().Be(HttpStatusCode.Conflict, problem?.ToJsonString());
        ((string)problem!["reason"]!).Should().Be("appeal-window-closed");
        (await api.SaleAsync(late)).Status.Should().Be(AfterSaleStatus.Rejected);
        (await api.OrderAsync(order.OrderId)).Ledger.Reserved.Should().Be(10.00m, "only the appeal in time claims again");
    }

    [Fact]
    public async Task A_merchant_review_of_an_appealed_after_sale_is_403_and_customer_service_decides_it()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        // retail.pop routes review to the merchant: the merchant rejected, and the appeal goes past it.
        var order = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 20.05m);
        await api.RegisterAsync(order);
        var id = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        await api.ActAsync(id, "review", RunningHost.MerchantKey, new { decision = "Reject", comment = "No." });
        await api.ActAsync(id, "appeal", RunningHost.UserKey, new { reason = "The merchant is wrong." });

        var (status, problem, response) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/review", RunningHost.MerchantKey, new { decision = "Reject" });

        status.Should().Be(HttpStatusCode.Forbidden, problem?.ToJsonString());
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        ((string)problem!["type"]!).Should().Be(ProblemTypes.Forbidden);
        (await api.SaleAsync(id)).Status.Should().Be(AfterSaleStatus.Appealed);

        await api.ActAsync(id, "review", RunningHost.CustomerServiceKey, new { decision = "Approve" });
        (await api.AwaitStatusAsync(id, AfterSaleStatus.Completed)).RefundAmount.Should().Be(20.05m);
        (await api.OrderAsync(order.OrderId)).Ledger.Refunded.Should().Be(20.05m);
    }

    [Fact]
    public async Task Only_the_applicant_appeals_only_a_rejection_and_only_with_a_reason()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 10.00m);
        var id = await RejectedAsync(api, order);
        var path = $"/api/v1/after-sales/{id}/appeal";

        (await api.SendAsync(HttpMethod.Post, path, RunningHost.OtherUserKey, new { reason = "x" })).Status.Should().Be(HttpStatusCode.NotFound);
        var (byMerchant, merchantProblem, _) = await api.SendAsync(HttpMethod.Post, path, RunningHost.MerchantKey, new { reason = "x" });
        byMerchant.Should().Be(HttpStatusCode.Forbidden);
        ((string)merchantProblem!["type"]!).Should().Be(ProblemTypes.Forbidden);
        (await api.SendAsync(HttpMethod.Post, path, RunningHost.OpsKey, new { reason = "x" })).Status.Should().Be(HttpStatusCode.Forbidden);
        foreach (var body in new object?[] { new { }, new { reason = "" }, new { reason = "   " }, null })
        {
            var (status, problem, _) = await api.SendAsync(HttpMethod.Post, path, RunningHost.UserKey, body);
            status.Should().Be(HttpStatusCode.BadRequest, problem?.ToJsonString());
            problem!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("reason");
        }

        var pending = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;
        var (notRejected, notRejectedProblem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{pending}/appeal", RunningHost.UserKey, new { reason = "x" });
        notRejected.Should().Be(HttpStatusCode.Conflict);
        ((string)notRejectedProblem!["reason"]!).Should().Be("illegal-transition");
        (await api.SaleAsync(id)).Status.Should().Be(AfterSaleStatus.Rejected, "no refused appeal changed it");
    }

    [Fact]
    public async Task An_appeal_is_409_when_another_after_sale_claimed_its_units_since_the_rejection()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 50.00m);
        var id = await RejectedAsync(api, order);
        // The rejection released the only unit: a new application takes it.
        var other = (await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA)).AfterSaleId;

        var (status, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/after-sales/{id}/appeal", RunningHost.UserKey, new { reason = "Mine first." });

        status.Should().Be(HttpStatusCode.Conflict, problem?.ToJsonString());
        ((string)problem!["reason"]!).Should().Be("appeal-claim-taken");
        (await api.SaleAsync(id)).Status.Should().Be(AfterSaleStatus.Rejected);
        (await api.SaleAsync(other)).Status.Should().Be(AfterSaleStatus.PendingReview);
        (await api.OrderAsync(order.OrderId)).Ledger.Should().Be(new LedgerResponse(50.00m, 0m, 50.00m, 0m), "only the other after-sale claims");
    }

    private static async Task<string> RejectedAsync(ReverseApi api, OrderBuilder order)
    {
        await api.RegisterAsync(order);
        return await ApplyAndRejectAsync(api, order);
    }

    private static async Task<string> ApplyAndRejectAsync(ReverseApi api, OrderBuilder order)
    {
        var applied = await api.ApplyForAsync(order.OrderId, "RefundOnly", OneUnitOfA);
        applied.Status.Should().Be(AfterSaleStatus.PendingReview);
        var rejected = await api.ActOnAsync(applied.AfterSaleId, "review", RunningHost.CustomerServiceKey, new { decision = "Reject", comment = "Not convinced." });
        rejected.Status.Should().Be(AfterSaleStatus.Rejected);
        return applied.AfterSaleId;
    }
}
