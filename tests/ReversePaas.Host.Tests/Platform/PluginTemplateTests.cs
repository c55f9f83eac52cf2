using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Support;
using Xunit.Abstractions;


namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// A business-line team's journey, outside this repository: the <c>reversepaas-plugin</c> template (samples/PluginTemplate)
/// installed into a private template hive and instantiated in an empty temporary folder whose only link to ReversePaas
/// is a nuget.config naming a local feed with the <c>ReversePaas.Sdk</c> package; built, its own tests run,
/// packed by <c>reversepaas plugin pack</c> into <c>&lt;id&gt;.&lt;version&gt;.rpplugin</c>, published to a running host
/// with <c>reversepaas plugin publish --activate</c>, and served by it. Restores use a private package folder, so the Sdk
/// comes from the feed, never from a cache.
/// </summary>
public sealed class PluginTemplateTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Fact]
    public async Task A_team_outside_the_repository_generates_builds_tests_and_packs_a_plugin_the_host_loads()
    {
        var repo = RepositoryFolders.Root;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"TplTest{suffix}";
        var identity = $"templated.t{suffix}";
        var pluginId = $"tpl-test{suffix}"; // not passed: the template derives it from the name (kebab case)
        var extensionId = $"{pluginId}.review-router";
        var scratch = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"));
        var team = Path.Combine(scratch, "team-repo");
        var generated = Path.Combine(team, name);
        Path.GetFullPath(scratch).Should().NotStartWith(Path.GetFullPath(repo), "the team's folder must be outside this repository");
        var clock = Stopwatch.StartNew();
        try
        {
            var feed = await LocalFeedAsync(repo, scratch);
            Directory.CreateDirectory(team);
            File.WriteAllText(Path.Combine(team, "nuget.config"), NuGetConfig(feed));
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(scratch, "packages") };
            var hive = Path.Combine(scratch, "template-hive");
            await DotnetAsync(team, environment, "new", "install", Path.Combine(repo, "samples", "PluginTemplate"), "--debug:custom-hive", hive);
            await DotnetAsync(team, environment, "new", "reversepaas-plugin", "-n", name, "--identity", identity, "--owner", "template-tests", "--debug:custom-hive", hive);
            File.Exists(Path.Combine(generated, "plugin.json")).Should().BeTrue();
            foreach (var file in Directory.EnumerateFiles(generated, "*", SearchOption.AllDirectories))
            {
                File.ReadAllText(file).Should().NotContain("RepoRoot").And.NotContain(repo, $"{file} must not point into the ReversePaas repository");
            }

            Log($"template installed and instantiated in {team} ({clock.Elapsed})");

            var testRun = await DotnetAsync(generated, environment, "test", Path.Combine("tests", $"{name}.Tests.csproj"), "-nologo", "-nodeReuse:false");
            testRun.Should().Contain("Passed!", "the generated tests ran and passed").And.NotContain("Failed!");
            Directory.EnumerateDirectories(Path.Combine(scratch, "packages"), "reversepaas.sdk").Should().ContainSingle("the Sdk was restored from the local feed into the team's package folder");
            Log($"plugin built, its tests passed ({clock.Elapsed})");

            File.Exists(Cli(repo)).Should().BeTrue("the reversepaas command line is built with the solution (dotnet build ReversePaas.sln)");
            var packages = Path.Combine(scratch, "out");
            var packed = await DotnetAsync(generated, environment, Cli(repo), "plugin", "pack", ".", "--out", packages, "--json");
            var result = JsonNode.Parse(packed[(packed.IndexOf("--- stdout ---", StringComparison.Ordinal) + 14)..packed.IndexOf("--- stderr ---", StringComparison.Ordinal)])!;
            var package = Path.Combine(packages, $"{pluginId}.1.0.0.rpplugin");
            ((string)result["package"]!).Should().Be(package);
            ((string)result["sha256"]!).Should().Be(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(package))));
            using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
            {
                zip.Entries[0].FullName.Should().Be("plugin.json", "the manifest is the package's first entry, at its root");
                zip.Entries.Select(e => e.FullName).Should().Contain($"ReversePaas.Extensions.{name}.dll").And.NotContain("ReversePaas.Sdk.dll");
            }

            Log($"packed {package} ({clock.Elapsed})");

            // Deployed as the team does it: 'plugin publish --activate' to a running host whose plugin folder is empty.
            var plugins = Directory.CreateDirectory(Path.Combine(scratch, "plugins")).FullName;
            var mappings = MappingsWithRuleFor(identity, orderType: name, Path.Combine(scratch, "identity-mappings"));

            await using (var host = await RunningHost.StartAsync(plugins, mappings))
            {
                var published = await DotnetAsync(generated, environment, Cli(repo), "plugin", "publish", package,
                    "--host", host.Client.BaseAddress!.ToString(), "--api-key", RunningHost.OpsKey, "--activate");
                published.Should().Contain($"Activated {pluginId} 1.0.0");
                var listed = await (await host.SendAsync(HttpMethod.Get, "/api/v1/plugins", RunningHost.OpsKey)).ShouldBeJsonAsync();
                var plugin = listed.EnumerateArray().Single(p => p.GetProperty("id").GetString() == pluginId);
                plugin.GetProperty("state").GetString().Should().Be("Loaded", plugin.ToString());
                plugin.GetProperty("version").GetString().Should().Be("1.0.0");
                plugin.GetProperty("error").ValueKind.Should().Be(JsonValueKind.Null);
                plugin.GetProperty("extensions").EnumerateArray().Select(e => e.GetString()).Should().Equal(extensionId);

                var flow = await (await host.SendAsync(HttpMethod.Get, $"/api/v1/catalog/identities/{identity}", RunningHost.OpsKey)).ShouldBeJsonAsync();
                var router = flow.GetProperty("activities").EnumerateArray()
                    .SelectMany(a => a.GetProperty("points").EnumerateArray())
                    .Single(p => p.GetProperty("code").GetString() == "review.router");
                router.GetProperty("source").GetString().Should().Be("Declared", router.ToString());
                var serving = router.GetProperty("extensions").EnumerateArray().Should().ContainSingle().Subject;
                serving.GetProperty("id").GetString().Should().Be(extensionId);
                serving.GetProperty("plugin").GetString().Should().Be(pluginId);
            }

            Log($"host loaded the plugin ({clock.Elapsed})");

            // The scenario the template generates proves the line on an in-process kernel with the packed plugin.
            var scenarioPlugins = Path.Combine(scratch, "scenario-plugins", pluginId);
            System.IO.Compression.ZipFile.ExtractToDirectory(package, scenarioPlugins);
            var scenarios = await DotnetAsync(generated, environment, Cli(repo), "scenario", "run", "scenarios",
                "--plugins", Path.GetDirectoryName(scenarioPlugins)!, "--mappings", mappings);
            scenarios.Should().Contain($"PASS {pluginId}-merchant-reviews-refund").And.Contain("1 scenario(s): 1 passed, 0 failed, 0 skipped.");
            Log($"the generated scenario passed ({clock.Elapsed})");
        }
        finally
        {
            DeleteDirectory(scratch, mustSucceed: false);
        }
    }

    [Fact]
    public void The_template_references_the_sdk_this_repository_builds_and_the_test_packages_it_uses()
    {
        var template = Path.Combine(RepositoryFolders.Root, "samples", "PluginTemplate");
        var plugin = System.Xml.Linq.XDocument.Load(Path.Combine(template, "Company.Line.csproj"));
        var tests = System.Xml.Linq.XDocument.Load(Path.Combine(template, "tests", "Company.Line.Tests.csproj"));
        var central = System.Xml.Linq.XDocument.Load(Path.Combine(RepositoryFolders.Root, "Directory.Packages.props"))
            .Descendants("PackageVersion").ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);

        static Dictionary<string, string> References(System.Xml.Linq.XDocument project)
            => project.Descendants("PackageReference").ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!);

        References(plugin).Should().Equal(new Dictionary<string, string> { ["ReversePaas.Sdk"] = ReversePaas.Sdk.SdkVersion.Text });
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(template, "plugin.json")))!;
        ((string)manifest["sdkVersion"]!).Should().Be(ReversePaas.Sdk.SdkVersion.Text);
        foreach (var (package, version) in References(tests))
        {
            version.Should().Be(package == "ReversePaas.Sdk" ? ReversePaas.Sdk.SdkVersion.Text : central[package], $"{package} in the template's tests");
        }
    }

    /// <summary>
    /// The folder with the ReversePaas.Sdk package of this build: <c>REVERSEPAAS_TEST_FEED</c>, where the test command packs
    /// it (artifacts/feed); outside the test command it is packed now into <paramref name="scratch"/>, never taken from
    /// an older run (the version stays the same while the Sdk changes).
    /// </summary>
    private static async Task<string> LocalFeedAsync(string repo, string scratch)
    {
        if (Environment.GetEnvironmentVariable("REVERSEPAAS_TEST_FEED") is { Length: > 0 } packed)
        {
            File.Exists(Path.Combine(packed, $"ReversePaas.Sdk.{ReversePaas.Sdk.SdkVersion.Text}.nupkg")).Should().BeTrue($"the test command packs the Sdk into {packed}");
            return packed;
        }

        var feed = Path.Combine(scratch, "feed");
        await DotnetAsync(repo, [], "pack", Path.Combine(repo, "kernel", "ReversePaas.Sdk", "ReversePaas.Sdk.csproj"), "-c", Configuration, "--no-build", "-o", feed, "-nologo");
        return feed;
    }

    /// <summary>The nuget.config a team writes: the feed with the Sdk first; other packages from the machine's own cache and sources.</summary>
    private static string NuGetConfig(string feed)
    {
        var userPackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } set
            ? set
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="reversepaas" value="{feed}" />
              </packageSources>
              <fallbackPackageFolders>
                <add key="machine" value="{userPackages}" />
              </fallbackPackageFolders>
            </configuration>
            """;
    }

    /// <summary>The reversepaas command line as this build made it.</summary>
    private static string Cli(string repo)
        => Path.Combine(repo, "capability-catalog", "ReversePaas.Cli", "bin", Configuration, new DirectoryInfo(AppContext.BaseDirectory).Name, "reversepaas.dll");

    /// <summary>A copy of the repository's identity mappings with a first rule producing <paramref name="identity"/>.</summary>
    private static string MappingsWithRuleFor(string identity, string orderType, string target)
    {
        TestPaths.CopyDirectory(TestPaths.Mappings, target);
        var path = Path.Combine(target, "identities.json");
        var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        document["rules"]!.AsArray().Insert(0, new JsonObject
        {
            ["identity"] = identity,
            ["description"] = "Orders of the plugin generated by PluginTemplateTests (an order type no other rule uses).",
            ["when"] = new JsonObject { ["orderType"] = orderType },
        });
        File.WriteAllText(path, document.ToJsonString(Indented));
        return target;
    }

    /// <summary>Runs the dotnet CLI and asserts it exits 0; returns its output (also put in the failure message).</summary>
    private static async Task<string> DotnetAsync(string workingDirectory, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test runs under `dotnet test`: do not hand its MSBuild and test-host settings to the nested commands.
        foreach (var inherited in start.Environment.Keys.Where(k =>
            k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var command = $"dotnet {string.Join(' ', arguments)}";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        // Read as streams, not events: WaitForExitAsync then does not wait for a build server that inherited the pipes.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            timedOut = true;
            process.Kill(entireProcessTree: true);
        }

        await Task.WhenAny(Task.WhenAll(stdout, stderr), Task.Delay(TimeSpan.FromSeconds(30)));
        var text = $"{command}\n--- stdout ---\n{Completed(stdout)}\n--- stderr ---\n{Completed(stderr)}";
        timedOut.Should().BeFalse($"it must finish within {CommandTimeout}:\n{text}");
        process.ExitCode.Should().Be(0, text);
        return text;
    }

    private static string Completed(Task<string> read) => read.IsCompletedSuccessfully ? read.Result : "(not captured)";

    // Under `dotnet test` the CLI names itself in DOTNET_HOST_PATH; otherwise the dotnet on PATH.
    private static string DotnetHost()
        => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    private static void DeleteDirectory(string path, bool mustSucceed)
    {
        for (var attempt = 1; Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && attempt < 5)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(500 * attempt));
            }
            catch (Exception ex) when ((ex is IOException or UnauthorizedAccessException) && !mustSucceed)
            {
                return;
            }
        }
    }

    private void Log(string message) => output.WriteLine(message);
}
