using System.Net;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>How the host serves the page's three files: public, the right types, revalidated, nothing else.</summary>
public sealed class CatalogUiEndpointTests
{
    [Theory]
    [InlineData("/catalog", "text/html")]
    [InlineData("/catalog/catalog.css", "text/css")]
    [InlineData("/catalog/catalog.js", "text/javascript")]
    public async Task The_page_and_its_assets_are_public_typed_and_revalidated(string path, string mediaType)
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith());

        using var response = await host.SendAsync(HttpMethod.Get, path, apiKey: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be(mediaType);
        response.Content.Headers.ContentType.CharSet.Should().Be("utf-8");
        response.Headers.CacheControl!.NoCache.Should().BeTrue();
        (await response.Content.ReadAsStringAsync()).Should().NotBeEmpty();
    }

    [Fact]
    public async Task The_page_loads_nothing_from_elsewhere()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith());

        using var response = await host.SendAsync(HttpMethod.Get, "/catalog", apiKey: null);
        var html = await response.Content.ReadAsStringAsync();

        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("script-src 'self'");
        html.Should().NotContain("http://").And.NotContain("https://").And.NotContain("//cdn");
    }

    [Theory]
    [InlineData("/catalog/index.html")]
    [InlineData("/catalog/appsettings.json")]
    [InlineData("/catalog/..%2Fappsettings.json")]
    [InlineData("/catalog/CATALOG.JS")]
    public async Task Only_the_pages_own_files_are_served(string path)
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith());

        using var response = await host.SendAsync(HttpMethod.Get, path, apiKey: null);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
