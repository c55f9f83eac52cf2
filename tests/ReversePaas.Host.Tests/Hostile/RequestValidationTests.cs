using System.Net;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// What the request validators promise beyond naming each field: an answer that does not grow with the request, limits
/// that come from configuration, and a missing body read as its missing fields where that says more.
/// </summary>
public sealed class RequestValidationTests
{
    [Fact]
    public async Task A_request_wrong_in_hundreds_of_fields_is_answered_with_the_first_fifty_and_a_note()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Build();
        order["lines"] = new JsonArray([.. Enumerable.Range(0, 200).Select(_ => (JsonNode)new JsonObject())]);

        var (status, body, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, order);

        status.Should().Be(HttpStatusCode.BadRequest);
        var errors = body!["errors"]!.AsObject();
        errors.Count.Should().Be(51, "50 fields and the note saying more are wrong");
        errors["lines[0].lineNo"]!.AsArray().Select(m => (string)m!).Should().Equal("Required.");
        errors["body"]!.AsArray().Select(m => (string)m!).Should().Contain("More fields are wrong; the first 50 are listed.");
    }

    [Fact]
    public async Task Field_limits_come_from_the_Limits_section()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, null, null, "Limits:MaxTextLength=10");
        var api = new ReverseApi(host);
        var order = new OrderBuilder().Status("PendingPayment", "NotPushed").Line(1, "A", 1, 10.00m);
        await api.RegisterAsync(order);

        var (tooLong, problem, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "eleven char" });
        var (fits, _, _) = await api.SendAsync(HttpMethod.Post, $"/api/v1/orders/{order.OrderId}/cancel", RunningHost.UserKey, new { reason = "ten chars!" });

        tooLong.Should().Be(HttpStatusCode.BadRequest);
        problem!["errors"]!["reason"]!.AsArray().Select(m => (string)m!).Should().Equal("At most 10 characters.");
        fits.Should().Be(HttpStatusCode.OK, "an unpaid order is cancelled at once");
    }

    [Fact]
    public async Task A_review_without_a_body_names_the_decision_and_a_registration_without_one_names_the_body()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);

        var (review, reviewProblem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales/AS-none/review", RunningHost.CustomerServiceKey, body: null);
        var (register, registerProblem, _) = await api.SendAsync(HttpMethod.Post, "/api/v1/orders", RunningHost.SystemKey, body: null);

        review.Should().Be(HttpStatusCode.BadRequest);
        reviewProblem!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("decision");
        register.Should().Be(HttpStatusCode.BadRequest);
        registerProblem!["errors"]!.AsObject().Select(e => e.Key).Should().Equal("body");
    }
}
