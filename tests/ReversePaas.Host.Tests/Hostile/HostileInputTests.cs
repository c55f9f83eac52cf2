using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Sdk.Orders;
using Xunit.Abstractions;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// The hostile-input campaign (<see cref="HostileRequests"/>): every write route gets wrong types, overflowing numbers,
/// huge and malformed bodies, hostile text and ids, wrong content types, methods, keys and roles. Each answer must be
/// the decided 4xx with a problem body, never a 5xx, and the database must be exactly as before the campaign.
/// </summary>
public sealed class HostileInputTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Hostile_requests_to_every_write_route_get_the_right_4xx_and_change_nothing()
    {
        // Packages above 256 KB are refused here, so the huge-body cases meet the package route's limit too.
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, settings: "Plugins:Packages:MaxBytes=262144");
        var api = new ReverseApi(host);
        var seed = await SeedAsync(api);
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var cases = HostileRequests.Generate(seed, (IEnumerable<Endpoint>)endpoints);
        cases.Count.Should().BeGreaterThanOrEqualTo(200);
        cases.Select(c => c.Route).Distinct().Should().HaveCount(HostileRequests.Routes(seed, (IEnumerable<Endpoint>)endpoints).Count, "every write route is attacked");
        cases.Select(c => c.Route).Should().Contain(["after-sales/apply", "plugins/reload", "api/v1/ops/dashboard-session"], "the routes come from the host's endpoints");

        var before = await DatabaseSnapshot.TakeAsync(host.Services);
        var outcomes = new List<(HostileCase Case, int Status)>();
        var failures = new List<string>();
        foreach (var hostile in cases)
        {
            var (status, problem) = await SendAsync(host.Client, hostile);
            outcomes.Add((hostile, status));
            if (problem is not null)
            {
                failures.Add($"{hostile}: {problem}");
            }
        }

        var after = await DatabaseSnapshot.TakeAsync(host.Services);
        Print(outcomes);
        foreach (var failure in failures)
        {
            output.WriteLine("WRONG: " + failure);
        }

        outcomes.Should().NotContain(o => o.Status >= 500);
        failures.Should().BeEmpty();
        after.Should().Be(before, "no hostile request may write anything");
    }

    /// <summary>Sends one case; returns the status and what is wrong with the answer (null when it is right).</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, HostileCase hostile)
    {
        using var request = RunningHost.Request(hostile.Method, hostile.Path, hostile.Key);
        request.Content = hostile.Body();
        foreach (var (name, value) in hostile.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException e)
        {
            return (0, $"no answer: {e.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsByteArrayAsync();
            var status = (int)response.StatusCode;
            var text = Encoding.UTF8.GetString(body);
            var shown = text.Length > 300 ? text[..300] + "…" : text;
            if (response.StatusCode != hostile.Expected)
            {
                return (status, $"expected {(int)hostile.Expected}, got {status}: {shown}");
            }

            if (response.StatusCode == HttpStatusCode.MethodNotAllowed && response.Content.Headers.Allow.Count == 0)
            {
                return (status, "405 without an Allow header");
            }

            if (hostile.MaxAnswerBytes is { } max && body.Length > max)
            {
                return (status, $"answer of {body.Length} bytes, more than {max}");
            }

            if (hostile.AnsweredByServer)
            {
                return (status, body.Length == 0 ? null : $"Kestrel's own answer was expected, with no body: {shown}");
            }

            return (status, ProblemShape(response, text, hostile.ExpectedType) is { } wrong ? $"{status}: {wrong}: {shown}" : null);
        }
    }

    private static string? ProblemShape(HttpResponseMessage response, string text, string? expectedType)
    {
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"content type {response.Content.Headers.ContentType?.MediaType ?? "(none)"}, not application/problem+json";
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(text).RootElement.Clone();
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }

        if (!problem.TryGetProperty("type", out var type) || string.IsNullOrWhiteSpace(type.GetString())
            || !problem.TryGetProperty("title", out var title) || string.IsNullOrWhiteSpace(title.GetString())
            || !problem.TryGetProperty("status", out var status) || status.GetInt32() != (int)response.StatusCode)
        {
            return "type, title or status missing or wrong";
        }

        return expectedType is not null && type.GetString() != expectedType ? $"type {type.GetString()}, expected {expectedType}" : null;
    }

    /// <summary>
    /// A completed order with two after-sales: one in review (every action but review and withdraw is illegal on it)
    /// and one approved, waiting for the customer's return shipment. Background work settles before the campaign.
    /// </summary>
    private static async Task<HostileSeed> SeedAsync(ReverseApi api)
    {
        var order = new OrderBuilder().Completed(DateTimeOffset.UtcNow.AddDays(-1)).Freight(10m).Line(1, "A", 3, 100.00m).Line(2, "B", 1, 50.00m);
        await api.RegisterAsync(order);
        var inReview = (await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "A", quantity = 1 }])).AfterSaleId;
        var returning = (await api.ApplyForAsync(order.OrderId, "ReturnRefund", [new { skuId = "B", quantity = 1 }])).AfterSaleId;
        await api.ActAsync(returning, "review", RunningHost.CustomerServiceKey, new { decision = "Approve", comment = "ok" });
        await api.AwaitStatusAsync(returning, AfterSaleStatus.PendingReturn);
        await ReverseApi.WaitUntilAsync(() => DatabaseSnapshot.SettledAsync(api.Host.Services), "the outbox to settle after seeding");
        return new HostileSeed(order.OrderId, inReview, returning);
    }

    /// <summary>Category × status counts, and the total per status.</summary>
    private void Print(List<(HostileCase Case, int Status)> outcomes)
    {
        var statuses = outcomes.Select(o => o.Status).Distinct().Order().ToArray();
        string Columns(Func<int, string> cell) => string.Join("|", statuses.Select(s => cell(s).PadLeft(5)));
        static string Count(IEnumerable<(HostileCase Case, int Status)> rows, int status) => rows.Count(o => o.Status == status).ToString(CultureInfo.InvariantCulture);
        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"{outcomes.Count} hostile requests over {outcomes.Select(o => o.Case.Route).Distinct().Count()} write routes");
        table.AppendLine(CultureInfo.InvariantCulture, $"{"case",-16}|{Columns(s => s.ToString(CultureInfo.InvariantCulture))}| total");
        foreach (var group in outcomes.GroupBy(o => o.Case.Category).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            table.AppendLine(CultureInfo.InvariantCulture, $"{group.Key,-16}|{Columns(s => Count(group, s))}| {group.Count(),5}");
        }

        table.AppendLine(CultureInfo.InvariantCulture, $"{"all",-16}|{Columns(s => Count(outcomes, s))}| {outcomes.Count,5}");
        output.WriteLine(table.ToString());
    }
}
