using Microsoft.Playwright;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>
/// One headless Chromium (Debian's, at <see cref="ChromiumPath"/>; never a downloaded build) and one host
/// with the four bundled plugins, shared by the tests of a class. Each test opens its own browser context,
/// so session storage (the saved key) never leaks between tests.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private RunningHost? _host;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>A host with the four bundled plugins (started once for the class).</summary>
    public RunningHost Host => _host ?? throw new InvalidOperationException("The host is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: eng/test.sh installs Debian's chromium package (apt-get install chromium).");
        }

        // Auto-waiting assertions: generous for a loaded two-core CI machine, still no fixed sleeps.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        _host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A fresh context and page on <paramref name="host"/>, recording console errors and uncaught exceptions.</summary>
    public async Task<CatalogPage> OpenAsync(RunningHost host, int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = host.Client.BaseAddress!.ToString(),
            ViewportSize = new() { Width = width, Height = height },
            Locale = "en-US",
            TimezoneId = "UTC",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        return new CatalogPage(context, page);
    }
}

/// <summary>One test's page, with the errors the browser reported while it ran.</summary>
public sealed class CatalogPage : IAsyncDisposable
{
    private readonly List<string> _errors = [];
    private readonly IBrowserContext _context;

    public CatalogPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text} ({message.Location})");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"uncaught: {error}");
            }
        };
    }

    public IPage Page { get; }

    /// <summary>Console errors and uncaught exceptions seen so far.</summary>
    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    public ILocator ByTestId(string testId) => Page.GetByTestId(testId);

    /// <summary>Opens <c>/catalog</c>, enters the Ops key and waits for the matrix.</summary>
    public async Task SignInAsync(string key = RunningHost.OpsKey)
    {
        if (!Page.Url.Contains("/catalog", StringComparison.Ordinal))
        {
            await Page.GotoAsync("/catalog");
        }

        await ByTestId("api-key-input").FillAsync(key);
        await ByTestId("api-key-save").ClickAsync();
        await Assertions.Expect(ByTestId("api-key-state")).ToHaveTextAsync("Key saved for this tab");
        await Assertions.Expect(ByTestId("matrix-summary")).ToContainTextAsync("Showing");
    }

    /// <summary>Saves a full-page screenshot to artifacts/screenshots/<paramref name="name"/>.png.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepositoryFolders.Root, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }

    /// <summary>Screenshots the final state, then fails on any console error or uncaught exception.</summary>
    public async Task FinishAsync(string name)
    {
        await ScreenshotAsync(name);
        Errors.Should().BeEmpty("the page must run without console errors");
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
