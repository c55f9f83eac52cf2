using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using ReversePaas.CapabilityCatalog;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Platform;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Kernel.Extensions.Budget;
using static Microsoft.Playwright.Assertions;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>
/// What the ops page at <c>/catalog</c> shows of the platform's health beyond the matrix: the uploaded plugin packages
/// in the Plugins panel, and an extension whose circuit breaker is open, in its flow card and its matrix cell.
/// </summary>
public sealed class CatalogHealthPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Flaky = "flaky-extension.eligibility";

    [Fact]
    public async Task Without_uploads_the_plugins_panel_says_no_package_was_uploaded()
    {
        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.Page.GotoAsync("/catalog");
        await Expect(catalog.ByTestId("packages-list")).ToContainTextAsync("Enter an Ops key");

        await catalog.SignInAsync();

        await Expect(catalog.ByTestId("packages-empty")).ToBeVisibleAsync();
        await Expect(catalog.ByTestId("packages-empty")).ToHaveTextAsync("No packages uploaded.");
        await Expect(catalog.ByTestId("packages")).ToHaveCountAsync(0);
        await Expect(catalog.Page.Locator("#plugins-section [data-testid^='plugin-state-']")).ToHaveCountAsync(4);
        await catalog.FinishAsync("catalog-no-packages");
    }

    [Fact]
    public async Task An_uploaded_package_is_listed_with_its_version_state_and_hash_and_shows_its_activation_after_a_refresh()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var api = new ReverseApi(host);
        var package = PluginPackagesTests.Good("1.2.0");
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(package));
        var upload = await PluginPackagesTests.UploadAsync(host.Client, package);
        upload.Status.Should().Be(HttpStatusCode.Created, upload.Body?.ToJsonString());

        await using var catalog = await browser.OpenAsync(host);
        await catalog.SignInAsync();

        var table = catalog.ByTestId("packages");
        var row = catalog.ByTestId("package-good-plugin-1.2.0");
        await Expect(table).ToBeVisibleAsync();
        await Expect(table.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(catalog.ByTestId("packages-empty")).ToHaveCountAsync(0);
        await Expect(row).ToHaveAttributeAsync("data-state", "Staged");
        var cells = row.Locator("td");
        await Expect(cells).ToHaveCountAsync(6);
        await Expect(cells.Nth(0)).ToHaveTextAsync("good-plugin");
        await Expect(cells.Nth(1)).ToHaveTextAsync("1.2.0");
        await Expect(cells.Nth(2)).ToHaveTextAsync("Staged");
        await Expect(cells.Nth(3)).ToHaveTextAsync(sha256[..12] + "…");
        await Expect(cells.Nth(3)).ToHaveAttributeAsync("title", sha256);
        await Expect(cells.Nth(4)).ToHaveTextAsync(new Regex(@"\d{4}"));
        await Expect(cells.Nth(5)).ToHaveTextAsync("—");

        // A staged package serves nothing: it is not among the loaded plugins.
        await Expect(catalog.ByTestId("plugin-good-plugin")).ToHaveCountAsync(0);

        await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { version = "1.2.0" });
        await catalog.ByTestId("refresh").ClickAsync();

        await Expect(row).ToHaveAttributeAsync("data-state", "Active");
        await Expect(cells.Nth(2)).ToHaveTextAsync("Active");
        await Expect(cells.Nth(5)).ToHaveTextAsync(new Regex(@"\d{4}"));
        await Expect(catalog.ByTestId("plugin-state-good-plugin")).ToHaveTextAsync("Loaded");
        await catalog.FinishAsync("catalog-packages");
    }

    [Fact]
    public async Task An_open_breaker_is_shown_on_the_extension_in_the_flow_and_the_matrix_and_nothing_while_it_is_closed()
    {
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("FlakyExtension")]);
        await using var host = await RunningHost.StartAsync(plugins, settings: ["Extensions:BreakAfterFailures=1", "Extensions:BreakDuration=00:05:00"]);
        var api = new ReverseApi(host);
        var model = await CatalogAsync(api);
        var point = model.Extensions.Single(e => e.Id == Flaky).Points.Single();
        var servedCells = model.Identities.Sum(i => i.Resolutions.Count(r => r.Extensions.Contains(Flaky)));
        servedCells.Should().BeGreaterThan(0);
        var flowItem = $"flow-extension-{Flaky}";
        var cell = $"cell-retail.pop-{point}";

        await using var catalog = await browser.OpenAsync(host);
        await catalog.SignInAsync();
        await catalog.ByTestId("identity-link-retail.pop").ClickAsync();
        await Expect(catalog.ByTestId(flowItem)).ToBeVisibleAsync();
        await Expect(catalog.ByTestId(cell)).ToContainTextAsync(Flaky);
        await Expect(catalog.Page.Locator("[data-testid^='breaker-'], [data-testid^='cell-breaker-']")).ToHaveCountAsync(0);

        // The fixture throws on every third call; one failure opens the breaker.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var order = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
            await api.RegisterAsync(order);
            statuses.Add((await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(order))).Status);
        }

        statuses.Should().Equal(HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.InternalServerError);
        (await CatalogAsync(api)).Extensions.Single(e => e.Id == Flaky).Breaker.Should().Be(BreakerState.Open);
        var refusedOrder = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(refusedOrder);
        var refused = await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(refusedOrder));
        refused.Status.Should().Be(HttpStatusCode.ServiceUnavailable, "what the badge's title promises");
        ((string)refused.Body!["type"]!).Should().EndWith("/problems/extension-unavailable");

        await catalog.ByTestId("refresh").ClickAsync();

        var badge = catalog.ByTestId(flowItem).GetByTestId($"breaker-{Flaky}");
        await Expect(badge).ToBeVisibleAsync();
        await Expect(badge).ToHaveTextAsync("breaker open");
        await Expect(badge).ToHaveAttributeAsync("data-breaker", "Open");
        await Expect(badge).ToHaveAttributeAsync("title", new Regex("503 extension-unavailable.*until a trial call succeeds"));
        (await badge.EvaluateAsync<string>("b => getComputedStyle(b).color")).Should().Be("rgb(179, 38, 30)", "an open breaker is shown in red");
        await Expect(catalog.ByTestId("flow").Locator("[data-testid^='breaker-']")).ToHaveCountAsync(1);

        var cellBadge = catalog.ByTestId(cell).GetByTestId($"cell-breaker-{Flaky}");
        await Expect(cellBadge).ToHaveTextAsync("breaker open");
        await Expect(catalog.ByTestId(cell)).ToHaveAttributeAsync("title", new Regex($"breaker open: {Regex.Escape(Flaky)}"));
        await Expect(catalog.ByTestId("matrix").Locator("[data-testid^='cell-breaker-']")).ToHaveCountAsync(servedCells);
        await catalog.FinishAsync("catalog-breaker-open");
    }

    private static object Apply(OrderBuilder order) => ApplicationBodies.RefundOneBrokenA(order);

    private static async Task<CatalogDocument> CatalogAsync(ReverseApi api)
        => (await api.OkAsync(HttpMethod.Get, "/api/v1/catalog", RunningHost.OpsKey)).As<CatalogDocument>();
}
