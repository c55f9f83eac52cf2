using System.Security.Cryptography;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ReversePaas.Plugins.Loading;

/// <summary>
/// Loads every plugin folder of a directory, each into its own collectible load context (McMaster.NETCore.Plugins, see
/// <see cref="PluginContexts"/>), under this project's own rules: manifest and schema, allow-list, Sdk check,
/// dependency order.
/// A plugin that cannot load — bad or missing manifest, duplicate id, not on the allow-list, Sdk mismatch,
/// missing file, type-load error, throwing constructor, failed or missing dependency, dependency cycle — is
/// recorded as <see cref="PluginState.Failed"/> with the reason and its context is unloaded; the others load.
/// Nothing here throws because of a plugin, and nothing here keeps a plugin's assemblies, types or contexts.
/// </summary>
public sealed class PluginFolderLoader
{
    private readonly PluginLoaderOptions _options;
    private readonly ILogger _logger;

    // The folders of unpacked packages in the current LoadAll (a loader serves one load at a time).
    private HashSet<string> _packageFolders = [];

    /// <summary>Creates a loader.</summary>
    /// <param name="options">Admission settings (the allow-list).</param>
    /// <param name="logger">Where load results and failures are logged; none when null.</param>

    public PluginFolderLoader(PluginLoaderOptions options, ILogger<PluginFolderLoader>? logger = null)
    {
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Loads every subfolder of <paramref name="pluginsDirectory"/> as a plugin, dependencies first. A missing
    /// directory is logged and gives an empty set.
    /// </summary>
    public PluginSet LoadAll(string pluginsDirectory) => LoadAll(pluginsDirectory, []);

    /// <summary>
    /// Loads the subfolders of <paramref name="pluginsDirectory"/> and the unpacked active packages in
    /// <paramref name="packageFolders"/>. A package claims its plugin id first: a folder plugin with the same id is left
    /// out (an active uploaded version overrides it). A package's allow-list check was made on its SHA-256 at upload.
    /// </summary>
    public PluginSet LoadAll(string pluginsDirectory, IReadOnlyList<string> packageFolders)
    {
        ArgumentNullException.ThrowIfNull(packageFolders);
        var folders = ListPluginFolders(pluginsDirectory);
        if (folders is null && packageFolders.Count == 0)
        {
            return PluginSet.Empty;
        }

        var loading = new LoadRun(DateTimeOffset.UtcNow);
        _packageFolders = [.. packageFolders];
        var candidates = ReadManifests([.. packageFolders, .. folders ?? []], loading);
        var loaded = new HashSet<string>(StringComparer.Ordinal);
        var order = DependencyOrder.Of(candidates.ToDictionary(c => c.Key, c => c.Value.Manifest.DependsOn, StringComparer.Ordinal));
        foreach (var (id, cycle) in order)
        {
            var (folder, manifest) = candidates[id];
            var unmet = manifest.DependsOn.FirstOrDefault(d => !loaded.Contains(d));
            var record = cycle is not null
                ? loading.Fail(folder, manifest, $"Plugin '{id}' is part of a dependency cycle ({cycle}); none of its members can load first.")
                : unmet is not null
                    ? loading.Fail(folder, manifest, candidates.ContainsKey(unmet)
                        ? $"It depends on plugin '{unmet}', which failed to load."
                        : $"It depends on plugin '{unmet}', which is not installed (no folder has a valid plugin.json with that id).")
                    : LoadOne(folder, manifest, loading);
            if (record.State == PluginState.Loaded)
            {
                loaded.Add(id);
            }

            loading.Records.Add(record);
        }

        Log(loading.Records);
        return new PluginSet(loading.Records, loading.Contexts, loading.ContextReferences);
    }

    private string[]? ListPluginFolders(string pluginsDirectory)
    {
        try
        {
            if (!Directory.Exists(pluginsDirectory))
            {
                _logger.LogWarning("Plugins directory {Directory} does not exist; no plugins are loaded.", pluginsDirectory);
                return null;
            }

            return [.. Directory.GetDirectories(pluginsDirectory).Order(StringComparer.Ordinal)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Plugins directory {Directory} could not be listed ({Reason}); no plugins are loaded.", pluginsDirectory, ex.Message);
            return null;
        }
    }

    // The first folder (in ordinal order) to claim an id keeps it; later ones fail, so the outcome never
    // depends on file-system enumeration order.
    private Dictionary<string, (string Folder, PluginManifest Manifest)> ReadManifests(string[] folders, LoadRun loading)
    {
        var candidates = new Dictionary<string, (string Folder, PluginManifest Manifest)>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            var (manifest, error) = PluginManifestReader.Read(folder);
            if (manifest is null)
            {
                loading.Records.Add(PluginRecord.Failure(Path.GetFileName(folder), null, folder, null, error!, loading.At));
            }
            else if (candidates.TryGetValue(manifest.Id, out var first) && _packageFolders.Contains(first.Folder) && !_packageFolders.Contains(folder))
            {
                _logger.LogInformation("Plugin {Id} in {Folder} is not loaded: the active uploaded version {Version} overrides it.", manifest.Id, folder, first.Manifest.Version);
            }
            else if (candidates.TryGetValue(manifest.Id, out first))
            {
                loading.Records.Add(loading.Fail(folder, manifest,
                    $"Plugin id '{manifest.Id}' is already used by {first.Folder}; plugin ids must be unique, so this folder is not loaded."));
            }
            else
            {
                candidates.Add(manifest.Id, (folder, manifest));
            }
        }

        return candidates;
    }

    private PluginRecord LoadOne(string folder, PluginManifest manifest, LoadRun loading)
    {
        var entryPath = Path.Combine(folder, manifest.EntryAssembly);
        PluginLoader? context = null;
        try
        {
            if (!File.Exists(entryPath))
            {
                return loading.Fail(folder, manifest, $"Entry assembly '{manifest.EntryAssembly}' named in plugin.json is not in {folder}.");
            }

            var refusal = SdkCompatibility.CheckDeclared(manifest.SdkVersion)
                ?? (_packageFolders.Contains(folder) ? null : CheckAllowList(manifest.Id, entryPath))
                ?? SdkCompatibility.CheckReference(entryPath, manifest.SdkVersion);
            if (refusal is not null)
            {
                return loading.Fail(folder, manifest, refusal);
            }

            context = loading.NewContext(entryPath);
            var assembly = context.LoadDefaultAssembly();
            var (instances, skipped) = ExtensionDiscovery.CreateAll(assembly);
            foreach (var note in skipped)
            {
                _logger.LogWarning("Plugin {Plugin}: {Note}", manifest.Id, note);
            }

            if (instances.Count == 0)
            {
                throw new PluginLoadException($"{manifest.EntryAssembly} contains no public class marked [Extension], so the plugin would change nothing.");
            }

            loading.Contexts.Add(context);
            return new PluginRecord(manifest.Id, manifest.Version, folder, PluginState.Loaded, null, manifest, instances, loading.At);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Only the text survives: the exception (stack frames, types) must not outlive the context.
            context?.Dispose();
            return loading.Fail(folder, manifest, LoadFailureText.Describe(ex));
        }
    }

    private string? CheckAllowList(string id, string entryPath)
    {
        if (_options.AllowList.Count == 0)
        {
            return null;
        }

        var entries = _options.AllowList.Where(a => string.Equals(a.Id, id, StringComparison.Ordinal)).ToArray();
        if (entries.Length == 0)
        {
            return $"Plugin '{id}' is not on the allow-list (Plugins:AllowList), so it is not loaded.";
        }

        string actual;
        using (var stream = File.OpenRead(entryPath))
        {
            actual = Convert.ToHexString(SHA256.HashData(stream));
        }

        // More than one entry per id lets a new build be allowed before the old one is removed.
        return entries.Any(e => string.Equals(actual, e.Sha256.Trim(), StringComparison.OrdinalIgnoreCase))
            ? null
            : $"The SHA-256 of {Path.GetFileName(entryPath)} is {actual}, not the {string.Join(" or ", entries.Select(e => e.Sha256))} "
                + $"the allow-list expects for '{id}': the file is not the build that was approved.";
    }

    private void Log(IEnumerable<PluginRecord> records)
    {
        foreach (var record in records)
        {
            if (record.State == PluginState.Failed)
            {
                _logger.LogError("Plugin {Plugin} in {Folder} failed to load: {Error}", record.Id, record.Path, record.Error);
            }
            else
            {
                _logger.LogInformation("Plugin {Plugin} {Version} loaded from {Folder} with {Count} extension(s).", record.Id, record.Version, record.Path, record.Extensions.Count);
            }
        }
    }

    /// <summary>What one <c>LoadAll</c> call has produced so far.</summary>
    private sealed class LoadRun(DateTimeOffset at)
    {
        public DateTimeOffset At { get; } = at;

        public List<PluginRecord> Records { get; } = [];

        public List<IDisposable> Contexts { get; } = [];

        public List<WeakReference> ContextReferences { get; } = [];

        public PluginLoader NewContext(string entryPath)
        {
            var context = PluginContexts.Create(entryPath);
            ContextReferences.Add(new WeakReference(context.LoadContext, trackResurrection: false));
            return context;
        }

        public PluginRecord Fail(string folder, PluginManifest manifest, string reason)
            => PluginRecord.Failure(manifest.Id, manifest.Version, folder, manifest, reason, At);
    }
}
