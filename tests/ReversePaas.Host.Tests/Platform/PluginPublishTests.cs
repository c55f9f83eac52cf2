using System.Text.Json;
using ReversePaas.Cli;
using ReversePaas.Cli.Commands;
using ReversePaas.Host.Contracts;
using ReversePaas.Host.Tests.Flows;
using ReversePaas.Host.Tests.Support;
using ReversePaas.Plugins.Loading;

namespace ReversePaas.Host.Tests.Platform;

/// <summary><c>reversepaas plugin publish</c> against a real host on loopback: upload and activate, a refusal, a wrong key, no host.</summary>
public sealed class PluginPublishTests : IDisposable
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly string _folder = Directory.CreateTempSubdirectory("reversepaas-publish-").FullName;

    [Fact]
    public async Task Publish_with_activate_uploads_the_file_and_the_host_serves_it_then_the_same_file_again_is_already_stored()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var file = Write("good-plugin.1.2.0.rpplugin", PluginPackagesTests.Good("1.2.0"));

        var run = await RunAsync("plugin", "publish", file, "--host", host.Client.BaseAddress!.ToString(), "--api-key", RunningHost.OpsKey, "--activate", "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.Output);
        var result = JsonSerializer.Deserialize<PublishResult>(run.Stdout, Web)!;
        result.Should().Match<PublishResult>(r => r.Id == "good-plugin" && r.Version == "1.2.0" && r.State == "Active" && r.Uploaded && r.Activated);
        result.Sha256.Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(file))));
        var served = (await new ReverseApi(host).OkAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).As<PluginResponse[]>();
        served.Should().ContainSingle(p => p.Id == "good-plugin" && p.Version == "1.2.0" && p.State == PluginState.Loaded);

        var again = await RunAsync("plugin", "publish", file, "--host", host.Client.BaseAddress!.ToString(), "--api-key", RunningHost.OpsKey);
        again.ExitCode.Should().Be(ExitCodes.Success, again.Output);
        again.Stdout.Should().Contain("already stored").And.Contain("Active");
    }

    [Fact]
    public async Task A_package_the_host_refuses_exits_1_with_the_fault_and_is_not_stored()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var file = Write("broken.rpplugin", "not a zip"u8.ToArray());

        var run = await RunAsync("plugin", "publish", file, "--host", host.Client.BaseAddress!.ToString(), "--api-key", RunningHost.OpsKey, "--activate");

        run.ExitCode.Should().Be(ExitCodes.Findings, run.Output);
        run.Stderr.Should().Contain("refused the package (400)").And.Contain("fault: not-a-zip");
        var versions = await new ReverseApi(host).OkAsync(HttpMethod.Get, "/api/v1/plugins/good-plugin/versions", RunningHost.OpsKey);
        versions.As<PluginVersionResponse[]>().Should().BeEmpty();
    }

    [Fact]
    public async Task A_key_that_is_not_ops_an_unknown_key_no_key_a_missing_file_and_no_host_are_usage_errors()
    {
        await using var host = await RunningHost.StartAsync(TestPaths.BundledPlugins);
        var file = Write("good-plugin.1.0.0.rpplugin", PluginPackagesTests.Good());
        var address = host.Client.BaseAddress!.ToString();

        var user = await RunAsync("plugin", "publish", file, "--host", address, "--api-key", RunningHost.UserKey);
        var unknown = await RunAsync("plugin", "publish", file, "--host", address, "--api-key", "nobody");
        var missing = await RunAsync("plugin", "publish", Path.Combine(_folder, "absent.rpplugin"), "--host", address, "--api-key", RunningHost.OpsKey);
        var badHost = await RunAsync("plugin", "publish", file, "--host", "ftp://example", "--api-key", RunningHost.OpsKey);
        var nobodyThere = await RunAsync("plugin", "publish", file, "--host", $"http://127.0.0.1:{FreePort()}", "--api-key", RunningHost.OpsKey);

        user.ExitCode.Should().Be(ExitCodes.Usage, user.Output);
        user.Stderr.Should().Contain("(403)").And.Contain("not an Ops key");
        unknown.ExitCode.Should().Be(ExitCodes.Usage, unknown.Output);
        unknown.Stderr.Should().Contain("(401)").And.Contain("not known to the host");
        missing.ExitCode.Should().Be(ExitCodes.Usage);
        missing.Stderr.Should().Contain("does not exist");
        badHost.ExitCode.Should().Be(ExitCodes.Usage);
        badHost.Stderr.Should().Contain("not an http(s) address");
        nobodyThere.ExitCode.Should().Be(ExitCodes.Usage);
        nobodyThere.Stderr.Should().Contain("Could not reach");
        var versions = await new ReverseApi(host).OkAsync(HttpMethod.Get, "/api/v1/plugins/good-plugin/versions", RunningHost.OpsKey);
        versions.As<PluginVersionResponse[]>().Should().BeEmpty("nothing was stored by a refused key");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr, string Output)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString(), $"exit {exitCode}\n{stdout}\n{stderr}");
    }
}
