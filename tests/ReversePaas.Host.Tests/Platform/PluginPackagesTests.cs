using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// Plugin packages on one host, on both engines (API.md v1.1, "Plugin packages"): upload, the same bytes again, other
/// bytes under a stored version, versions, activate, a second version, rollback, deactivate; and refused uploads
/// that change nothing.
/// </summary>
public abstract class PluginPackagesTests
{
    protected abstract Task<string> NewDatabaseAsync();

    internal static byte[] Good(string version = "1.0.0")
        => PluginPackageFiles.Of(TestPaths.FixturePlugin("GoodPlugin"), manifest: m => m.Replace("\"version\": \"1.0.0\"", $"\"version\": \"{version}\"", StringComparison.Ordinal));

    internal static async Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(HttpClient client, byte[] package, string key = RunningHost.OpsKey, string mediaType = "application/zip")
    {
        using var request = RunningHost.Request(HttpMethod.Post, "/api/v1/plugins/packages", key);
        request.Content = new ByteArrayContent(package);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    [Fact]
    public async Task Upload_activate_a_second_version_roll_back_and_deactivate()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);
        var v1 = Good();

        var created = await UploadAsync(host.Client, v1);
        var again = await UploadAsync(host.Client, v1);
        var clash = await UploadAsync(host.Client, PluginPackageFiles.Of(TestPaths.FixturePlugin("GoodPlugin"), extra: new Dictionary<string, byte[]> { ["notes.txt"] = [1] }));

        created.Status.Should().Be(HttpStatusCode.Created, created.Body?.ToJsonString());
        var stored = created.Body!.As<PluginPackageResponse>();
        stored.Should().Be(new PluginPackageResponse("good-plugin", "1.0.0", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(v1)), "Staged"));
        again.Status.Should().Be(HttpStatusCode.OK);
        again.Body!.As<PluginPackageResponse>().Should().Be(stored);
        clash.Status.Should().Be(HttpStatusCode.Conflict);
        ((string)clash.Body!["type"]!).Should().EndWith("/problems/plugin-version-exists");
        (await PluginsAsync(api)).Should().NotContain(p => p.Id == "good-plugin", "a staged package serves nothing");

        var active = (await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { version = "1.0.0" })).As<PluginResponse>();
        active.Should().Match<PluginResponse>(p => p.State == PluginState.Loaded && p.Version == "1.0.0" && p.Extensions.Count > 0);
        (await PluginsAsync(api)).Single(p => p.Id == "good-plugin").Version.Should().Be("1.0.0");

        (await UploadAsync(host.Client, Good("1.1.0"))).Status.Should().Be(HttpStatusCode.Created);
        (await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { version = "1.1.0" })).As<PluginResponse>().Version.Should().Be("1.1.0");
        (await VersionsAsync(api)).Should().BeEquivalentTo([("1.1.0", "Active"), ("1.0.0", "Retired")]);

        (await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/rollback", RunningHost.OpsKey)).As<PluginResponse>().Version.Should().Be("1.0.0");
        (await VersionsAsync(api)).Should().BeEquivalentTo([("1.1.0", "Retired"), ("1.0.0", "Active")]);
        var catalog = (await api.OkAsync(HttpMethod.Get, "/api/v1/catalog", RunningHost.OpsKey)).As<ReversePaas.CapabilityCatalog.CatalogDocument>();
        catalog.Packages.Should().NotBeNull();
        catalog.Packages!.Where(p => p.Id == "good-plugin").Select(p => (p.Version, p.State)).Should().BeEquivalentTo([("1.1.0", "Retired"), ("1.0.0", "Active")],
            "the catalog shows the package versions and their states");
        catalog.Plugins.Single(p => p.Id == "good-plugin").Version.Should().Be("1.0.0");

        await api.OkAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/deactivate", RunningHost.OpsKey);
        (await VersionsAsync(api)).Should().OnlyContain(v => v.State == "Retired");
        (await PluginsAsync(api)).Should().Contain(p => p.Id == "good-plugin" && p.State == PluginState.Unloaded, "it was served and is not any more");
        (await api.SendAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/deactivate", RunningHost.OpsKey)).Status.Should().Be(HttpStatusCode.Conflict);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { version = "9.9.9" })).Status.Should().Be(HttpStatusCode.NotFound);
        (await api.SendAsync(HttpMethod.Post, "/api/v1/plugins/good-plugin/activate", RunningHost.OpsKey, new { })).Status.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Refused_uploads_name_their_fault_and_store_nothing()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins, connectionString: await NewDatabaseAsync());
        var api = new ReverseApi(host);

        var notZip = await UploadAsync(host.Client, "not a zip"u8.ToArray());
        var slip = await UploadAsync(host.Client, PluginPackageFiles.Of(TestPaths.FixturePlugin("GoodPlugin"), extra: new Dictionary<string, byte[]> { ["../evil.dll"] = [1] }));
        var wrongSdk = await UploadAsync(host.Client, PluginPackageFiles.Of(TestPaths.FixturePlugin("WrongSdkMajor")));
        var json = await UploadAsync(host.Client, Good(), mediaType: "application/json");
        var asUser = await UploadAsync(host.Client, Good(), key: RunningHost.UserKey);

        foreach (var (answer, fault) in new[] { (notZip, "not-a-zip"), (slip, "unsafe-entry"), (wrongSdk, "sdk-mismatch") })
        {
            answer.Status.Should().Be(HttpStatusCode.BadRequest, answer.Body?.ToJsonString());
            ((string)answer.Body!["fault"]!).Should().Be(fault);
            ((string)answer.Body["type"]!).Should().EndWith("/problems/invalid-plugin-package");
        }

        json.Status.Should().Be(HttpStatusCode.UnsupportedMediaType);
        ((string)json.Body!["detail"]!).Should().Contain("application/zip");
        asUser.Status.Should().Be(HttpStatusCode.Forbidden);
        foreach (var id in new[] { "good-plugin", "wrong-sdk-major" })
        {
            (await api.OkAsync(HttpMethod.Get, $"/api/v1/plugins/{id}/versions", RunningHost.OpsKey)).As<PluginVersionResponse[]>().Should().BeEmpty("a refused package changes nothing");
        }
    }

    private static async Task<PluginResponse[]> PluginsAsync(ReverseApi api)
        => (await api.OkAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).As<PluginResponse[]>();

    private static async Task<(string Version, string State)[]> VersionsAsync(ReverseApi api)
        => [.. (await api.OkAsync(HttpMethod.Get, "/api/v1/plugins/good-plugin/versions", RunningHost.OpsKey)).As<PluginVersionResponse[]>().Select(v => (v.Version, v.State))];
}
