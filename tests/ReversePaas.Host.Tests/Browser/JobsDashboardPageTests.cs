using ReversePaas.Host.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>
/// The Hangfire dashboard in a real headless Chromium: an Ops user opens it from <c>/catalog</c>; a User key and no key
/// never get it. Screenshots in artifacts/screenshots/.
/// </summary>
public sealed class JobsDashboardPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_Ops_user_opens_the_jobs_dashboard_from_the_catalog()
    {
        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.SignInAsync();

        await catalog.ByTestId("open-jobs").ClickAsync();

        try
        {
            // A host's first dashboard page is Hangfire's first render (its pages JIT-compiled, the storage's monitoring
            // queries run): in a fresh-clone run, beside the rest of the suite on 2 cores, that has taken past 15 s.
            // Commit, not load: the load event also waits for the dashboard's scripts and styles, which a loaded run has
            // seen stall past a minute while the page itself was there; the title and "Servers" below prove the render.
            await catalog.Page.WaitForURLAsync("**/ops/jobs**", new() { Timeout = 60_000, WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
            await Expect(catalog.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("ReversePaas · jobs"), new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            // Say where the page stands: still on the catalog (with what its banner says), or on a dashboard that never loaded.
            await catalog.ScreenshotAsync("jobs-dashboard-timeout");
            var banner = catalog.Page.Url.Contains("/catalog", StringComparison.Ordinal) ? await catalog.ByTestId("auth-message").TextContentAsync() : null;
            throw new TimeoutException($"No dashboard: the page is at {catalog.Page.Url}; banner: '{banner}'; console: {string.Join(" | ", catalog.Errors)}");
        }

        await Expect(catalog.Page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("ReversePaas · jobs"));
        await Expect(catalog.Page.GetByText("Servers").First).ToBeVisibleAsync();
        var cookies = await catalog.Page.Context.CookiesAsync();
        cookies.Should().ContainSingle(c => c.Name == "rp-ops-dashboard")
            .Which.Should().Match<Microsoft.Playwright.BrowserContextCookiesResult>(c => c.HttpOnly && c.Path == "/ops/jobs" && c.SameSite == Microsoft.Playwright.SameSiteAttribute.Strict);
        await catalog.FinishAsync("jobs-dashboard");
    }

    [Fact]
    public async Task A_User_key_is_refused_and_no_key_never_reaches_the_dashboard()
    {
        await using var catalog = await browser.OpenAsync(browser.Host);
        await catalog.Page.GotoAsync("/catalog");
        await catalog.ByTestId("api-key-input").FillAsync(RunningHost.UserKey);
        await catalog.ByTestId("api-key-save").ClickAsync();

        await catalog.ByTestId("open-jobs").ClickAsync();

        await Expect(catalog.ByTestId("auth-message")).ToContainTextAsync("403");
        catalog.Page.Url.Should().Contain("/catalog");
        (await catalog.Page.Context.CookiesAsync()).Should().NotContain(c => c.Name == "rp-ops-dashboard");

        var direct = await catalog.Page.GotoAsync("/ops/jobs");
        direct!.Status.Should().Be(401, "a browser without the session cookie is not let in");
        await catalog.ScreenshotAsync("jobs-dashboard-refused");
    }
}
