using static Microsoft.Playwright.Assertions;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>
/// The identity map drawn as a diagram in real headless Chromium: the vendored mermaid.min.js, served by the host under
/// the page's CSP (no CDN), turns the API's Mermaid source into an SVG holding the identity and the extensions serving it.
/// </summary>
public sealed class CatalogDiagramPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Selecting_an_identity_draws_its_map_as_an_svg_with_its_nodes()
    {
        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.SignInAsync();

        await catalog.ByTestId("identity-link-retail.pop").ClickAsync();

        var diagram = catalog.ByTestId("flow-diagram");
        await Expect(diagram).ToHaveAttributeAsync("data-rendered", "true", new() { Timeout = 30_000 });
        var svg = catalog.ByTestId("flow-diagram-svg");
        await Expect(svg).ToBeVisibleAsync();
        await Expect(svg).ToHaveAttributeAsync("aria-label", "Capability map of retail.pop");
        var labels = await svg.Locator("g.node").AllTextContentsAsync();
        labels.Should().Contain(l => l.Contains("retail-pop.merchant-review"), "the extension serving review.router for retail.pop is a node");
        labels.Should().Contain(l => l.Contains("retail-pop.merchant-confirmed-cancellation")).And.Contain(l => l.Contains("execution.refund"),
            "every point of the identity's flow is drawn, to the last activity");

        await catalog.ByTestId("identity-link-daojia.fresh").ClickAsync();
        await Expect(svg).ToHaveAttributeAsync("aria-label", "Capability map of daojia.fresh");
        await Expect(diagram).ToHaveAttributeAsync("data-rendered", "true");
        (await svg.Locator("g.node").AllTextContentsAsync()).Should().NotContain(l => l.Contains("retail-pop.merchant-review"), "the diagram is redrawn for the new identity");
        await catalog.FinishAsync("catalog-diagram");
    }

    [Fact]
    public async Task The_vendored_diagram_script_is_served_by_the_host_as_a_script()
    {
        var response = await browser.Host.SendAsync(HttpMethod.Get, "/catalog/mermaid.min.js", apiKey: null);

        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript");
        (await response.Content.ReadAsStringAsync()).Length.Should().BeGreaterThan(1_000_000, "the whole library, not a stub");
    }
}
