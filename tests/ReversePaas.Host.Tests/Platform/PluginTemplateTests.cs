using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ReversePaas.Host.Tests.Support;
using Xunit.Abstractions;


namespace ReversePaas.Host.Tests.Platform;

/// <summary>
/// The <c>reversepaas-plugin</c> template (samples/PluginTemplate), end to end, as a plugin author uses it:
/// installed into a private template hive, instantiated under extensions/ (the only supported place), built,
/// its own tests run, and the built plugin loaded by the real host. The generated folder exists only while
/// the test runs: it is never part of the solution build and is always deleted.
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
    public async Task The_plugin_template_generates_a_plugin_that_builds_passes_its_tests_and_loads_in_the_host()
    {
        var repo = RepositoryFolders.Root;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"TplTest{suffix}";
        var identity = $"templated.t{suffix}";
        var pluginId = $"tpl-test{suffix}"; // not passed: the template derives it from the name (kebab case)
        var extensionId = $"{pluginId}.review-router";
        var generated = Path.Combine(repo, "extensions", name);
        var scratch = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"));
        var hive = Path.Combine(scratch, "template-hive");
        var clock = Stopwatch.StartNew();
        try
        {
            await DotnetAsync(repo, "new", "install", Path.Combine(repo, "samples", "PluginTemplate"), "--debug:custom-hive", hive);
            await DotnetAsync(repo, "new", "reversepaas-plugin", "-n", name, "-o", generated,
                "--identity", identity, "--owner", "template-tests", "--debug:custom-hive", hive);
            File.Exists(Path.Combine(generated, "plugin.json")).Should().BeTrue();
            File.Exists(Path.Combine(generated, "tests", $"{name}.Tests.csproj")).Should().BeTrue();
            Log($"template installed and instantiated ({clock.Elapsed})");

            await DotnetAsync(repo, "build", Path.Combine(generated, $"{name}.csproj"), "-c", Configuration, "-nologo", "-nodeReuse:false");
            Log($"plugin built ({clock.Elapsed})");
            var testRun = await DotnetAsync(repo, "test", Path.Combine(generated, "tests", $"{name}.Tests.csproj"), "-c", Configuration, "-nologo", "-nodeReuse:false");
            testRun.Should().Contain("Passed!", "the generated tests ran and passed");
            Log($"generated tests passed ({clock.Elapsed})");

            // The plugin's build output, as an operator deploys it: one folder per plugin.
            var targetFramework = new DirectoryInfo(AppContext.BaseDirectory).Name;
            var plugins = Path.Combine(scratch, "plugins");
            TestPaths.CopyDirectory(Path.Combine(generated, "bin", Configuration, targetFramework), Path.Combine(plugins, name));
            var mappings = MappingsWithRuleFor(identity, orderType: name, Path.Combine(scratch, "identity-mappings"));

            await using (var host = await RunningHost.StartAsync(plugins, mappings))
            {
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
        }
        finally
        {
            // The generated projects must never stay in the repository.
            DeleteDirectory(generated, mustSucceed: true);
            DeleteDirectory(scratch, mustSucceed: false);
        }
    }

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
    private static async Task<string> DotnetAsync(string workingDirectory, params string[] arguments)
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
