using System.Security.Cryptography;
using System.Text;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Packages;
using ReversePaas.Plugins.Tests.Loading.Support;

namespace ReversePaas.Plugins.Tests.Packages;

/// <summary>The upload checks on package bytes: one hostile package per fault, each refused naming it; and a good one.</summary>
public sealed class PluginPackageReaderTests
{
    private static readonly PluginPackageLimits Limits = new();

    private static string Good => DeployedPlugins.Fixture("GoodPlugin");

    [Fact]
    public void A_packed_plugin_passes_with_its_id_version_and_sha256()
    {
        var bytes = PluginPackageFiles.Of(Good);

        var package = PluginPackageReader.Validate(bytes, Limits, []);

        package.Should().Be(new ValidatedPackage("good-plugin", "1.0.0", Convert.ToHexStringLower(SHA256.HashData(bytes)), "1.0.0"));
    }

    public static TheoryData<string, string> Hostile => new()
    {
        { "not-a-zip", "not-a-zip" },
        { "zip-slip", "unsafe-entry" },
        { "absolute-path", "unsafe-entry" },
        { "backslash-path", "unsafe-entry" },
        { "link", "unsafe-entry" },
        { "no-manifest", "no-manifest" },
        { "manifest-not-json", "invalid-manifest" },
        { "manifest-without-id", "invalid-manifest" },
        { "fields-schema-fetching-a-url", "invalid-manifest" },
        { "entry-assembly-missing", "entry-assembly-missing" },
        { "wrong-sdk-major", "sdk-mismatch" },
        { "sdk-declared-older-than-referenced", "sdk-mismatch" },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_hostile_package_is_refused_naming_its_fault_and_leaves_nothing_behind(string kind, string fault)
    {
        var bytes = kind switch
        {
            "not-a-zip" => Encoding.UTF8.GetBytes("MZ this is a DLL, not a package"),
            "zip-slip" => PluginPackageFiles.Of(Good, extra: new Dictionary<string, byte[]> { ["../../evil.dll"] = [1, 2, 3] }),
            "absolute-path" => PluginPackageFiles.Of(Good, extra: new Dictionary<string, byte[]> { ["/etc/evil"] = [1] }),
            "backslash-path" => PluginPackageFiles.Of(Good, extra: new Dictionary<string, byte[]> { ["..\\evil.dll"] = [1] }),
            "link" => PluginPackageFiles.WithLink(Good, "passwd", "/etc/passwd"),
            "no-manifest" => PluginPackageFiles.Of(Good, leaveOut: new HashSet<string> { "plugin.json" }),
            "manifest-not-json" => PluginPackageFiles.Of(Good, manifest: _ => "{ not json"),
            "manifest-without-id" => PluginPackageFiles.Of(Good, manifest: m => m.Replace("\"id\": \"good-plugin\",", "", StringComparison.Ordinal)),
            "fields-schema-fetching-a-url" => PluginPackageFiles.Of(Good, manifest: m => m.Replace("\"sdkVersion\"", "\"fields\": { \"$ref\": \"http://169.254.169.254/\" }, \"sdkVersion\"", StringComparison.Ordinal)),
            "entry-assembly-missing" => PluginPackageFiles.Of(Good, leaveOut: new HashSet<string> { "Fixture.GoodPlugin.dll" }),
            "wrong-sdk-major" => PluginPackageFiles.Of(DeployedPlugins.Fixture("WrongSdkMajor")),
            "sdk-declared-older-than-referenced" => PluginPackageFiles.Of(DeployedPlugins.Fixture("SdkReferenceMismatch")),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var scratch = Path.Combine(Path.GetTempPath(), "reversepaas-tests", Guid.NewGuid().ToString("N"));

        var refused = FluentActions.Invoking(() => PluginPackageReader.Unpack(bytes, scratch, Limits, [])).Should().Throw<PluginPackageException>().Which;

        refused.Fault.Should().Be(fault, refused.Message);
        refused.Message.Should().NotBeNullOrWhiteSpace();
        File.Exists(Path.GetFullPath(Path.Combine(scratch, "..", "..", "evil.dll"))).Should().BeFalse("nothing is written outside the package's folder");
        if (Directory.Exists(scratch))
        {
            Directory.Delete(scratch, recursive: true);
        }
    }

    [Fact]
    public void A_zip_bomb_is_stopped_by_the_bytes_really_unpacked()
    {
        var bomb = PluginPackageFiles.Of(Good, extra: new Dictionary<string, byte[]> { ["zeros.bin"] = new byte[4 * 1024 * 1024] });
        bomb.Length.Should().BeLessThan(64 * 1024, "four megabytes of zeros compress to almost nothing");

        var refused = FluentActions.Invoking(() => PluginPackageReader.Validate(bomb, new PluginPackageLimits { MaxUnpackedBytes = 1024 * 1024 }, []))
            .Should().Throw<PluginPackageException>().Which;

        refused.Fault.Should().Be("too-large");
        refused.Message.Should().Contain("zeros.bin");
    }

    [Fact]
    public void Too_many_entries_and_too_many_bytes_are_refused_before_unpacking()
    {
        var many = PluginPackageFiles.Of(Good, extra: Enumerable.Range(0, 20).ToDictionary(i => $"f{i}.txt", _ => new byte[] { 1 }));

        FluentActions.Invoking(() => PluginPackageReader.Validate(many, new PluginPackageLimits { MaxEntries = 10 }, []))
            .Should().Throw<PluginPackageException>().Which.Fault.Should().Be("too-many-entries");
        FluentActions.Invoking(() => PluginPackageReader.Validate(many, new PluginPackageLimits { MaxBytes = 100 }, []))
            .Should().Throw<PluginPackageException>().Which.Fault.Should().Be("too-large");
    }

    [Fact]
    public void With_an_allow_list_only_a_listed_package_sha256_passes()
    {
        var bytes = PluginPackageFiles.Of(Good);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));

        FluentActions.Invoking(() => PluginPackageReader.Validate(bytes, Limits, [new PluginAllowListEntry("good-plugin", new string('0', 64))]))
            .Should().Throw<PluginPackageException>().Which.Fault.Should().Be("not-allow-listed");
        PluginPackageReader.Validate(bytes, Limits, [new PluginAllowListEntry("good-plugin", sha.ToUpperInvariant())]).Sha256.Should().Be(sha);
    }
}
