using System.Net;
using ReversePaas.Host.Tests.Support;

namespace ReversePaas.Host.Tests.Browser;

/// <summary>How the host serves the page and its modules and style sheet: public, the right types, revalidated, nothing else.</summary>
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
    public async Task Every_module_the_page_imports_is_served_as_javascript()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.PluginsFolderWith());
        var pending = new Queue<string>(["catalog.js"]);
        var served = new HashSet<string>(StringComparer.Ordinal);
        var source = new System.Text.StringBuilder();
        while (pending.TryDequeue(out var module))
        {
            if (!served.Add(module))
            {
                continue;
            }

            using var response = await host.SendAsync(HttpMethod.Get, $"/catalog/{module}", apiKey: null);
            response.StatusCode.Should().Be(HttpStatusCode.OK, module);
            response.Content.Headers.ContentType!.MediaType.Should().Be("text/javascript", module);
            var text = await response.Content.ReadAsStringAsync();
            source.Append(text);
            foreach (System.Text.RegularExpressions.Match import in System.Text.RegularExpressions.Regex.Matches(text, @"^import .* from '\./([\w.]+)';$", System.Text.RegularExpressions.RegexOptions.Multiline))
            {
                pending.Enqueue(import.Groups[1].Value);
            }
        }

        served.Should().Contain(["dom.js", "enums.js", "api.js", "matrix.js", "flow.js", "trail.js"], "the page is split into modules by concern");
        source.ToString().Should().NotContain("'Interception'").And.NotContain("KernelDefault")
            .And.Contain("/openapi/v1.json", "the activities and resolution sources are read from the API, not copied");
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
