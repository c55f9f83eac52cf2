using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Sdk;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Loads every plugin folder of a directory, each into its own collectible context. A plugin that cannot
/// load — bad manifest, not allowed, Sdk mismatch, missing file, type-load error, throwing constructor,
/// missing dependency — is recorded as <see cref="PluginState.Failed"/> with the reason; the others load.
/// Nothing here throws for a bad plugin.
/// </summary>
public sealed class PluginLoader
{
    private readonly PluginLoaderOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates a loader.</summary>
    public PluginLoader(PluginLoaderOptions options, ILogger<PluginLoader>? logger = null)
    {
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>Loads every subfolder of <paramref name="pluginsDirectory"/>; a missing directory is an empty set.</summary>
    public PluginSet LoadAll(string pluginsDirectory)
    {
        if (!Directory.Exists(pluginsDirectory))
        {
            _logger.LogWarning("Plugins directory {Directory} does not exist; no plugins are loaded.", pluginsDirectory);
            return PluginSet.Empty;
        }

        var at = DateTimeOffset.UtcNow;
        var records = new List<PluginRecord>();
        var candidates = new Dictionary<string, (string Folder, PluginManifest Manifest)>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(pluginsDirectory).Order(StringComparer.Ordinal))
        {
            var (manifest, error) = PluginManifestReader.Read(folder);
            if (manifest is null)
            {
                records.Add(PluginRecord.Failure(Path.GetFileName(folder), null, folder, null, error!, at));
            }
            else if (candidates.TryGetValue(manifest.Id, out var first))
            {
                records.Add(PluginRecord.Failure(manifest.Id, manifest.Version, folder, manifest,
                    $"Plugin id '{manifest.Id}' is already used by {first.Folder}; ids must be unique.", at));
            }
            else
            {
                candidates.Add(manifest.Id, (folder, manifest));
            }
        }

        var contexts = new List<AssemblyLoadContext>();
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, error) in DependencyOrder.Of(candidates.ToDictionary(c => c.Key, c => c.Value.Manifest.DependsOn)))
        {
            var (folder, manifest) = candidates[id];
            var missing = manifest.DependsOn.FirstOrDefault(d => !loaded.Contains(d));
            var record = error is not null ? PluginRecord.Failure(id, manifest.Version, folder, manifest, error, at)
                : missing is not null ? PluginRecord.Failure(id, manifest.Version, folder, manifest,
                    candidates.ContainsKey(missing) ? $"It depends on plugin '{missing}', which failed to load." : $"It depends on plugin '{missing}', which is not installed.", at)
                : LoadOne(folder, manifest, contexts, at);
            if (record.State == PluginState.Loaded)
            {
                loaded.Add(id);
            }

            records.Add(record);
        }

        foreach (var record in records)
        {
            if (record.State == PluginState.Failed)
            {
                _logger.LogError("Plugin {Plugin} in {Folder} failed to load: {Error}", record.Id, record.Path, record.Error);
            }
            else
            {
                _logger.LogInformation("Plugin {Plugin} {Version} loaded with {Count} extension(s)", record.Id, record.Version, record.Extensions.Count);
            }
        }

        return new PluginSet(records, contexts);
    }

    private PluginRecord LoadOne(string folder, PluginManifest manifest, List<AssemblyLoadContext> contexts, DateTimeOffset at)
    {
        PluginRecord Fail(string reason) => PluginRecord.Failure(manifest.Id, manifest.Version, folder, manifest, reason, at);

        var entryPath = Path.Combine(folder, manifest.EntryAssembly);
        if (!File.Exists(entryPath))
        {
            return Fail($"Entry assembly '{manifest.EntryAssembly}' named in plugin.json is not in the folder.");
        }

        if (CheckSdkVersion(manifest.SdkVersion) is { } sdkError)
        {
            return Fail(sdkError);
        }

        if (CheckAllowList(manifest.Id, entryPath) is { } allowError)
        {
            return Fail(allowError);
        }

        var context = new PluginLoadContext(manifest.Id, entryPath);
        try
        {
            var assembly = context.LoadFromAssemblyPath(entryPath);
            var sdkReference = assembly.GetReferencedAssemblies().FirstOrDefault(a => a.Name == typeof(ExtensionAttribute).Assembly.GetName().Name);
            if (sdkReference?.Version is { } referenced && referenced.Major != SdkVersion.Major)
            {
                context.Unload();
                return Fail($"{manifest.EntryAssembly} references ReversePaas.Sdk {referenced}; this host runs Sdk {SdkVersion.Text} and major versions must match.");
            }

            var instances = CreateExtensions(assembly);
            if (instances.Count == 0)
            {
                context.Unload();
                return Fail($"{manifest.EntryAssembly} contains no class marked [Extension], so the plugin would change nothing.");
            }

            contexts.Add(context);
            return new PluginRecord(manifest.Id, manifest.Version, folder, PluginState.Loaded, null, manifest, instances, at);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            context.Unload();
            return Fail(Describe(ex));
        }
    }

    private static List<object> CreateExtensions(Assembly assembly)
    {
        var instances = new List<object>();
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsDefined(typeof(ExtensionAttribute), inherit: false)))
        {
            if (type.GetConstructor(Type.EmptyTypes) is null)
            {
                throw new PluginLoadException($"Extension class {type.FullName} needs a public parameterless constructor.");
            }

            try
            {
                instances.Add(Activator.CreateInstance(type)!);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                throw new PluginLoadException($"The constructor of extension class {type.FullName} threw {ex.InnerException.GetType().Name}: {ex.InnerException.Message}");
            }
        }

        return instances;
    }

    private static string? CheckSdkVersion(string declared)
    {
        var parts = declared.Split('.');
        var major = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var minor = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        if (major != SdkVersion.Major)
        {
            return $"Built against ReversePaas.Sdk {declared}; this host runs Sdk {SdkVersion.Text} and major versions must match. Rebuild the plugin against Sdk {SdkVersion.Major}.x.";
        }

        return minor > SdkVersion.Minor
            ? $"Built against ReversePaas.Sdk {declared}, newer than this host's Sdk {SdkVersion.Text}; it may use what this host lacks. Upgrade the host or build against Sdk {SdkVersion.Major}.{SdkVersion.Minor}."
            : null;
    }

    private string? CheckAllowList(string id, string entryPath)
    {
        if (_options.AllowList.Count == 0)
        {
            return null;
        }

        var entry = _options.AllowList.FirstOrDefault(a => string.Equals(a.Id, id, StringComparison.Ordinal));
        if (entry is null)
        {
            return $"Plugin '{id}' is not on the allow-list (Plugins:AllowList).";
        }

        using var stream = File.OpenRead(entryPath);
        var actual = Convert.ToHexString(SHA256.HashData(stream));
        return string.Equals(actual, entry.Sha256.Trim(), StringComparison.OrdinalIgnoreCase)
            ? null
            : $"The SHA-256 of {Path.GetFileName(entryPath)} is {actual}, not the {entry.Sha256} the allow-list expects for '{id}'.";
    }

    private static string Describe(Exception ex) => ex switch
    {
        PluginLoadException load => load.Message,
        ReflectionTypeLoadException types => "Types could not be loaded: " + string.Join(" ", types.LoaderExceptions
            .Where(e => e is not null).Select(e => e!.Message).Distinct().Take(5)),
        FileNotFoundException file => $"A dependency could not be found: {file.Message}",
        BadImageFormatException image => $"Not a loadable .NET assembly: {image.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
