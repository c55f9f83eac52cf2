using System.Net;
using System.Text.RegularExpressions;
using ReversePaas.Host.Tests.BusinessLines;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>
/// The usage figures on <c>/catalog</c>: each matrix cell and flow card shows this host's recent calls, failures and
/// p95 (also as data attributes), they change after traffic on Refresh, and a cell whose calls failed turns red.
/// </summary>
public sealed class CatalogUsagePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string SelfCell = "cell-retail.self-application.eligibility";
    private const string PopCell = "cell-retail.pop-application.refund-calculator";

    [Fact]
    public async Task Cells_show_the_calls_made_after_a_refresh_and_a_throwing_plugin_turns_its_cell_and_card_red()
    {
        var plugins = TestPaths.PluginsFolderWith([.. Directory.GetDirectories(TestPaths.BundledPlugins), TestPaths.FixturePlugin("ThrowingAtRuntime")]);
        await using var host = await RunningHost.StartAsync(plugins);
        var api = new ReverseApi(host);
        await using var catalog = await browser.OpenAsync(host);
        await catalog.SignInAsync();

        var self = catalog.ByTestId(SelfCell);
        var pop = catalog.ByTestId(PopCell);
        await Expect(catalog.ByTestId("usage-summary")).ToContainTextAsync("this host's last 15 minutes");
        await Expect(self).ToHaveAttributeAsync("data-calls", "0");
        await Expect(self).ToHaveAttributeAsync("data-failures", "0");
        await Expect(self.GetByTestId("usage-retail.self-application.eligibility")).ToHaveTextAsync("0 calls · 0 failed");
        await Expect(pop).ToHaveAttributeAsync("data-calls", "0");
        await Expect(catalog.ByTestId("matrix").Locator("td.cell-failing")).ToHaveCountAsync(0);

        for (var i = 0; i < 2; i++)
        {
            var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
            await api.RegisterAsync(order);
            (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(order))).Status.Should().Be(HttpStatusCode.Created);
        }

        var failing = Orders.RetailPop().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(failing);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(failing))).Status.Should().Be(HttpStatusCode.InternalServerError);

        await catalog.ByTestId("refresh").ClickAsync();

        await Expect(self).ToHaveAttributeAsync("data-calls", "2");
        await Expect(self).ToHaveAttributeAsync("data-failures", "0");
        await Expect(self).ToHaveAttributeAsync("data-p95-ms", new Regex(@"^\d+(\.\d+)?$"));
        await Expect(self.GetByTestId("usage-retail.self-application.eligibility")).ToHaveTextAsync(new Regex(@"^2 calls · 0 failed · p95 [\d.]+ ms$"));
        await Expect(self).Not.ToHaveClassAsync(new Regex("cell-failing"));

        await Expect(pop).ToHaveAttributeAsync("data-calls", "1");
        await Expect(pop).ToHaveAttributeAsync("data-failures", "1");
        await Expect(pop).ToHaveClassAsync(new Regex(@"\bcell-failing\b"));
        await Expect(pop.GetByTestId("usage-retail.pop-application.refund-calculator")).ToHaveTextAsync(new Regex(@"^1 call · 1 failed"));
        (await pop.EvaluateAsync<string>("c => getComputedStyle(c).backgroundColor")).Should().Be("rgb(253, 236, 234)", "a failing cell is drawn red");
        await Expect(catalog.ByTestId("matrix").Locator("td.cell-failing")).ToHaveCountAsync(1);

        // The flow card of the same point says the same.
        await catalog.ByTestId("identity-link-retail.pop").ClickAsync();
        var card = catalog.ByTestId("flow-point-application.refund-calculator");
        await Expect(card).ToHaveClassAsync(new Regex(@"\bcard-failing\b"));
        await Expect(card).ToHaveAttributeAsync("data-failures", "1");
        await Expect(card.GetByTestId("flow-usage-application.refund-calculator")).ToHaveTextAsync(new Regex(@"^1 call · 1 failed"));
        await Expect(catalog.ByTestId("flow").Locator(".card-failing")).ToHaveCountAsync(1);
        await catalog.FinishAsync("catalog-usage");
    }

    [Fact]
    public async Task The_figures_refresh_by_themselves_every_15_seconds()
    {
        var api = new ReverseApi(browser.Host);
        await using var catalog = await browser.OpenAsync(browser.Host);
        // The page's clock, so the test moves it instead of waiting for the refresh timer.
        await catalog.Page.Clock.InstallAsync();
        await catalog.SignInAsync();
        var self = catalog.ByTestId(SelfCell);
        await Expect(self).ToHaveAttributeAsync("data-calls", new Regex(@"^\d+$"));
        var before = int.Parse((await self.GetAttributeAsync("data-calls"))!, System.Globalization.CultureInfo.InvariantCulture);

        var order = Orders.RetailSelf().Completed(DateTimeOffset.UtcNow).Line(1, "A", 2, 19.99m);
        await api.RegisterAsync(order);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/after-sales", RunningHost.UserKey, Apply(order))).Status.Should().Be(HttpStatusCode.Created);
        await Expect(self).ToHaveAttributeAsync("data-calls", before.ToString(System.Globalization.CultureInfo.InvariantCulture), new() { Timeout = 1_000 });

        await catalog.Page.Clock.FastForwardAsync("00:16");

        await Expect(self).ToHaveAttributeAsync("data-calls", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await catalog.FinishAsync("catalog-usage-refresh");
    }

    private static object Apply(OrderBuilder order) => ApplicationBodies.RefundOneBrokenA(order);
}
