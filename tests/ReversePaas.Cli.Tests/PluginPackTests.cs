using System.IO.Compression;
using System.Security.Cryptography;
using ReversePaas.Cli.Tests.Support;

namespace ReversePaas.Cli.Tests;

/// <summary><c>plugin pack</c> on fixture plugin projects: built, validated with the host's loader, zipped; or refused.</summary>
public sealed class PluginPackTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static string FixtureProject(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "fixtures", "plugins", name);

    [Fact]
    public async Task A_valid_plugin_project_becomes_id_version_rpplugin_with_the_manifest_first_and_no_sdk()
    {
        var run = await TestCli.RunAsync("plugin", "pack", FixtureProject("GoodPlugin"), "--out", _folder.Path, "--json");

        run.ExitCode.Should().Be(ExitCodes.Success, run.ToString());
        var result = run.Json();
        var package = result.GetProperty("package").GetString()!;
        Path.GetFileName(package).Should().Be("good-plugin.1.0.0.rpplugin");
        result.GetProperty("sha256").GetString().Should().Be(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(package))));
        using var zip = ZipFile.OpenRead(package);
        zip.Entries[0].FullName.Should().Be("plugin.json");
        zip.Entries.Select(e => e.FullName).Should().Contain("Fixture.GoodPlugin.dll").And.NotContain("ReversePaas.Sdk.dll");
        result.GetProperty("files").EnumerateArray().Select(f => f.GetString()).Should().Equal(zip.Entries.Select(e => e.FullName));

        var again = await TestCli.RunAsync("plugin", "pack", FixtureProject("GoodPlugin"), "--out", _folder["again"], "--json");
        again.Json().GetProperty("sha256").GetString().Should().Be(result.GetProperty("sha256").GetString(), "the same sources pack to the same bytes");
    }

    [Fact]
    public async Task A_plugin_the_host_would_refuse_is_not_packed_and_the_reason_is_shown()
    {
        var run = await TestCli.RunAsync("plugin", "pack", FixtureProject("WrongSdkMajor"), "--out", _folder.Path);

        run.ExitCode.Should().Be(ExitCodes.Findings, run.ToString());
        run.Stdout.Should().Contain("Failed").And.Contain("2.0.0");
        run.Stderr.Should().Contain("Not packed");
        Directory.EnumerateFiles(_folder.Path).Should().BeEmpty();
    }

    [Fact]
    public async Task A_folder_without_a_project_is_a_usage_error()
    {
        var run = await TestCli.RunAsync("plugin", "pack", _folder.Path, "--out", _folder["out"]);

        run.ExitCode.Should().Be(ExitCodes.Usage, run.ToString());
        run.Stderr.Should().Contain("holds no .csproj");
        Directory.Exists(_folder["out"]).Should().BeFalse();
    }

    public void Dispose() => _folder.Dispose();
}
