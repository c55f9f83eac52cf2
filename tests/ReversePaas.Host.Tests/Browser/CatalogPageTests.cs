using System.Text.Json;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>
/// The ops page at <c>/catalog</c> in a real headless Chromium against the real host: what an operator sees
/// after entering the Ops key. Each test leaves a screenshot in artifacts/screenshots/.
/// </summary>
public sealed class CatalogPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string[] BusinessIdentities = ["retail.self", "retail.pop", "daojia.fresh", "bmall.intent"];
    private static readonly string[] Activities = ["Application", "Interception", "Review", "Execution"];

    [Fact]
    public async Task The_page_loads_without_errors_and_shows_every_identity_after_the_Ops_key_is_entered()
    {
        await using var catalog = await browser.OpenAsync(browser.Host);
        var response = await catalog.Page.GotoAsync("/catalog");
        response!.Status.Should().Be(200);
        await Expect(catalog.ByTestId("api-key-input")).ToBeVisibleAsync();
        await Expect(catalog.ByTestId("matrix-summary")).ToContainTextAsync("Enter an Ops key");
        await Expect(catalog.Page.Locator("[data-testid^='matrix-row-']")).ToHaveCountAsync(0);

        await catalog.SignInAsync();

        foreach (var identity in BusinessIdentities)
        {
            await Expect(catalog.ByTestId($"matrix-row-{identity}")).ToBeVisibleAsync();
        }

        await Expect(catalog.ByTestId("matrix-row-default")).ToBeVisibleAsync();
        // The five resolution sources, and the mark of a cell whose recent calls failed.
        await Expect(catalog.ByTestId("legend").Locator("li")).ToHaveCountAsync(6);
        await Expect(catalog.ByTestId("cell-retail.pop-review.router")).ToHaveAttributeAsync("data-source", "Declared");
        await Expect(catalog.ByTestId("cell-retail.pop-review.router")).ToContainTextAsync("retail-pop.merchant-review");
        await Expect(catalog.ByTestId("auth-message")).ToBeHiddenAsync();
        await catalog.FinishAsync("catalog-loads");
    }

    [Fact]
    public async Task A_wrong_key_gets_a_clear_message_instead_of_data()
    {
        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.Page.GotoAsync("/catalog");

        await catalog.ByTestId("api-key-input").FillAsync("not-a-key");
        await catalog.ByTestId("api-key-save").ClickAsync();

        await Expect(catalog.ByTestId("auth-message")).ToBeVisibleAsync();
        await Expect(catalog.ByTestId("auth-message")).ToContainTextAsync("401");
        await Expect(catalog.Page.Locator("[data-testid^='matrix-row-']")).ToHaveCountAsync(0);
        await catalog.ScreenshotAsync("catalog-wrong-key");
        // The browser itself logs the refused requests ("Failed to load resource ... 401"); nothing else may appear.
        catalog.Errors.Should().OnlyContain(e => e.Contains("401", StringComparison.Ordinal));

        await catalog.ByTestId("api-key-input").FillAsync(RunningHost.MerchantKey);
        await catalog.ByTestId("api-key-save").ClickAsync();
        await Expect(catalog.ByTestId("auth-message")).ToContainTextAsync("403");
    }

    [Fact]
    public async Task Filtering_by_activity_plugin_and_identity_changes_the_matrix()
    {
        var model = await CatalogAsync(browser.Host);
        var reviewPoints = model.GetProperty("points").EnumerateArray()
            .Where(p => p.GetProperty("activity").GetString() == "Review")
            .Select(p => p.GetProperty("code").GetString()!)
            .ToArray();
        var retailPopPoints = model.GetProperty("extensions").EnumerateArray()
            .Where(e => e.GetProperty("plugin").GetString() == "retail-pop")
            .SelectMany(e => e.GetProperty("points").EnumerateArray().Select(p => p.GetString()!))
            .Distinct()
            .ToArray();
        var allPoints = model.GetProperty("points").GetArrayLength();
        var allIdentities = model.GetProperty("identities").GetArrayLength();
        reviewPoints.Should().NotBeEmpty().And.HaveCountLessThan(allPoints);
        retailPopPoints.Should().Contain("review.router");

        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.SignInAsync();
        var rows = catalog.Page.Locator("[data-testid^='matrix-row-']");
        var columns = catalog.Page.Locator("[data-testid^='matrix-point-']");
        await Expect(rows).ToHaveCountAsync(allIdentities);
        await Expect(columns).ToHaveCountAsync(allPoints);

        await catalog.ByTestId("filter-activity").SelectOptionAsync("Review");
        await Expect(columns).ToHaveCountAsync(reviewPoints.Length);
        await Expect(columns).ToContainTextAsync(reviewPoints);
        await Expect(catalog.ByTestId("cell-retail.pop-application.eligibility")).ToHaveCountAsync(0);
        await Expect(catalog.ByTestId("cell-retail.pop-review.router")).ToBeVisibleAsync();
        await Expect(rows).ToHaveCountAsync(allIdentities);

        await catalog.ByTestId("filter-activity").SelectOptionAsync("");
        await catalog.ByTestId("filter-plugin").SelectOptionAsync("retail-pop");
        await Expect(columns).ToHaveCountAsync(retailPopPoints.Length);
        await Expect(catalog.ByTestId("matrix-row-retail.pop")).ToBeVisibleAsync();
        foreach (var other in new[] { "retail.self", "daojia.fresh", "bmall.intent", "default" })
        {
            await Expect(catalog.ByTestId($"matrix-row-{other}")).ToHaveCountAsync(0);
        }

        await Expect(catalog.ByTestId("cell-retail.pop-review.router")).ToContainTextAsync("retail-pop.merchant-review");

        await catalog.ByTestId("filter-plugin").SelectOptionAsync("");
        await catalog.ByTestId("filter-identity").SelectOptionAsync("daojia.fresh");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(catalog.ByTestId("matrix-row-daojia.fresh")).ToBeVisibleAsync();
        await Expect(columns).ToHaveCountAsync(allPoints);
        await Expect(catalog.ByTestId("matrix-summary")).ToContainTextAsync($"1 of {allIdentities} identities");
        await catalog.FinishAsync("catalog-filters");
    }

    [Fact]
    public async Task Clicking_an_identity_shows_its_flow_through_the_four_activities_and_its_map()
    {
        var model = await CatalogAsync(browser.Host);
        var pluginExtensions = model.GetProperty("extensions").EnumerateArray().Select(e => e.GetProperty("id").GetString()!).ToHashSet();
        var retailPop = model.GetProperty("identities").EnumerateArray().Single(i => i.GetProperty("identity").GetString() == "retail.pop");
        var served = retailPop.GetProperty("resolutions").EnumerateArray()
            .SelectMany(r => r.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()!))
            .Where(pluginExtensions.Contains)
            .Distinct()
            .ToArray();
        served.Should().Contain("retail-pop.merchant-review");

        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.SignInAsync();
        await catalog.ByTestId("identity-link-retail.pop").ClickAsync();

        var flow = catalog.ByTestId("flow");
        await Expect(catalog.ByTestId("flow-identity")).ToHaveTextAsync("retail.pop");
        await Expect(flow.Locator("[data-testid^='flow-activity-']")).ToHaveCountAsync(4);
        (await flow.Locator("[data-testid^='flow-activity-']").EvaluateAllAsync<string[]>("steps => steps.map(s => s.dataset.testid)"))
            .Should().Equal(Activities.Select(a => $"flow-activity-{a}"));
        await Expect(catalog.ByTestId("flow-activity-Review").GetByTestId("flow-point-review.router")).ToContainTextAsync("retail-pop.merchant-review");
        await Expect(catalog.ByTestId("flow-point-review.router")).ToContainTextAsync("retail-pop");
        await Expect(catalog.ByTestId("flow-point-review.router")).ToHaveAttributeAsync("data-source", "Declared");

        var map = catalog.ByTestId("flow-map-source");
        await Expect(map).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(map).ToContainTextAsync("flowchart");
        foreach (var extension in served)
        {
            await Expect(map).ToContainTextAsync(extension);
        }

        catalog.Page.Url.Should().EndWith("#identity=retail.pop");
        await catalog.FinishAsync("catalog-flow");
    }

    [Fact]
    public async Task A_plugin_that_failed_to_load_is_listed_as_Failed_with_its_error()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith(
            TestPaths.BundledPlugin("RetailPop"), TestPaths.FixturePlugin("BadManifest")));
        var plugins = await (await host.SendAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).ShouldBeJsonAsync();
        var failed = plugins.EnumerateArray().Single(p => p.GetProperty("state").GetString() == "Failed");
        var failedId = failed.GetProperty("id").GetString()!;
        var error = failed.GetProperty("error").GetString()!;
        var model = await CatalogAsync(host);
        var errors = model.GetProperty("problems").EnumerateArray().Count(p => p.GetProperty("severity").GetString() == "Error");
        var warnings = model.GetProperty("problems").EnumerateArray().Count(p => p.GetProperty("severity").GetString() == "Warning");

        await using var catalog = await browser.OpenAsync(host);
        await catalog.SignInAsync();

        await Expect(catalog.ByTestId($"plugin-{failedId}")).ToBeVisibleAsync();
        await Expect(catalog.ByTestId($"plugin-state-{failedId}")).ToHaveTextAsync("Failed");
        await Expect(catalog.ByTestId($"plugin-error-{failedId}")).ToBeVisibleAsync();
        await Expect(catalog.ByTestId($"plugin-error-{failedId}")).ToHaveTextAsync(error);
        await Expect(catalog.ByTestId("plugin-state-retail-pop")).ToHaveTextAsync("Loaded");
        await Expect(catalog.ByTestId("plugin-error-retail-pop")).ToHaveCountAsync(0);

        var problems = catalog.ByTestId("problems");
        await Expect(problems.Locator("[data-severity='Error']")).ToHaveCountAsync(errors);
        await Expect(problems.Locator("[data-severity='Warning']")).ToHaveCountAsync(warnings);
        errors.Should().BeGreaterThan(0, "a plugin that failed to load is an error of the catalog");
        (await problems.Locator("[data-severity='Error']").First.EvaluateAsync<string>("e => getComputedStyle(e).borderLeftColor"))
            .Should().Be("rgb(179, 38, 30)", "errors are shown in red");
        if (warnings > 0)
        {
            (await problems.Locator("[data-severity='Warning']").First.EvaluateAsync<string>("e => getComputedStyle(e).borderLeftColor"))
                .Should().Be("rgb(217, 154, 0)", "warnings are shown in amber");
        }

        await catalog.FinishAsync("catalog-failed-plugin");
    }

    [Fact]
    public async Task At_phone_width_the_matrix_scrolls_inside_its_box_and_the_page_never_scrolls_sideways()
    {
        await using var catalog = await browser.OpenAsync(browser.Host, width: 390, height: 844);
        await catalog.Page.GotoAsync("/catalog");
        await catalog.SignInAsync();
        await catalog.ByTestId("identity-link-daojia.fresh").ClickAsync();
        await Expect(catalog.ByTestId("flow-map-source")).ToHaveAttributeAsync("data-loaded", "true");
        await Expect(catalog.Page.Locator("[data-testid^='plugin-state-']")).ToHaveCountAsync(4);

        var page = await catalog.Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        page[0].Should().BeLessThanOrEqualTo(page[1], "nothing may push the page wider than the phone");
        var matrix = await catalog.ByTestId("matrix-scroll").EvaluateAsync<int[]>("m => [m.scrollWidth, m.clientWidth]");
        matrix[0].Should().BeGreaterThan(matrix[1], "the matrix is wider than a phone and scrolls in its own box");
        await catalog.FinishAsync("catalog-phone");
    }

    [Fact]
    public async Task Looking_up_an_after_sale_shows_the_capabilities_that_ran_and_its_timeline()
    {
        var api = new ReverseApi(browser.Host);
        var order = new OrderBuilder().With("venderType", "Pop").Completed(DateTimeOffset.UtcNow).Line(1, "A", 1, 10m);
        await api.RegisterAsync(order);
        var sale = await api.ApplyForAsync(order.OrderId, "RefundOnly", [new { skuId = "A", quantity = 1 }]);
        var id = sale.AfterSaleId;
        var capabilities = sale.Capabilities.Select(c => c.Extension).ToArray();
        capabilities.Should().Contain("retail-pop.merchant-review");

        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.SignInAsync();
        await catalog.ByTestId("trail-input").FillAsync(id);
        await catalog.ByTestId("trail-button").ClickAsync();

        var trail = catalog.ByTestId("trail");
        await Expect(trail.GetByTestId("trail-id")).ToHaveTextAsync(id);
        await Expect(trail.GetByTestId("trail-identity")).ToHaveTextAsync("retail.pop");
        var rows = trail.GetByTestId("trail-capabilities").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(capabilities.Length);
        foreach (var extension in capabilities)
        {
            await Expect(trail.GetByTestId("trail-capabilities")).ToContainTextAsync(extension);
        }

        await Expect(trail.GetByTestId("trail-capabilities").Locator("tr[data-extension='retail-pop.merchant-review']")).ToContainTextAsync("review.router");
        await Expect(trail.GetByTestId("trail-timeline")).ToContainTextAsync("PendingReview");
        await catalog.FinishAsync("catalog-trail");
    }

    private static async Task<JsonElement> CatalogAsync(RunningHost host)
        => await (await host.SendAsync(HttpMethod.Get, "/api/v1/catalog", RunningHost.OpsKey)).ShouldBeJsonAsync();
}
