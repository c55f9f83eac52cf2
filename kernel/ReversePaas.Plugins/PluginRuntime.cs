using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Identity;
using ReversePaas.Kernel.Telemetry.Usage;
using ReversePaas.Plugins.Loading;
using ReversePaas.Plugins.Mappings;

namespace ReversePaas.Plugins;

/// <summary>
/// Composes what runs: identity mappings + kernel defaults + loaded plugins → one
/// <see cref="ExtensionSnapshot"/>, published through <see cref="Extensions"/>. A reload builds everything
/// anew beside the running set, swaps the snapshot atomically, and retires the previous one: its plugin contexts
/// are unloaded once the last unit of work holding it (<see cref="ExtensionRuntime.Lease"/>) is done.
/// </summary>
public sealed class PluginRuntime : IDisposable
{
    private readonly PluginRuntimeOptions _options;
    private readonly ILogger _logger;
    private readonly ILogger<PluginFolderLoader> _loaderLogger;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private IReadOnlyList<string> _packageFolders = [];
    private State _state;

    /// <summary>
    /// Loads mappings and plugins once. Invalid identity mappings throw <see cref="IdentityMappingException"/>
    /// (start-up must stop); failing plugins are reported, never thrown. With a budget, every extension call runs
    /// under it (null: calls are not timed); with <paramref name="usage"/>, every call is counted for the catalog.
    /// </summary>
    public PluginRuntime(PluginRuntimeOptions options, ILoggerFactory? loggerFactory = null, ExtensionCallBudget? budget = null, ExtensionUsage? usage = null)
    {
        _options = options;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<PluginRuntime>();
        _loaderLogger = loggerFactory.CreateLogger<PluginFolderLoader>();
        var mappings = IdentityMappingLoader.Load(options.MappingsDirectory);
        _state = Compose(mappings, generation: 1);
        Extensions = new ExtensionRuntime(_state.Snapshot, budget, usage);
        Log(_state);
    }

    /// <summary>The extension runtime dispatch reads from.</summary>
    public ExtensionRuntime Extensions { get; }

    /// <summary>
    /// The plugins of the current snapshot, then those a reload removed (state <see cref="PluginState.Unloaded"/>),
    /// so ops can see that a plugin went away and when.
    /// </summary>
    public IReadOnlyList<PluginRecord> Plugins => Volatile.Read(ref _state).Listed;

    /// <summary>
    /// The snapshot, its plugins and its mappings read together, so a view built from them (the catalog) never mixes
    /// two generations during a reload.
    /// </summary>
    public RuntimeView Current
    {
        get
        {
            var state = Volatile.Read(ref _state);
            return new RuntimeView(state.Snapshot, state.Listed, state.Mappings);
        }
    }

    /// <summary>The identity mappings of the current snapshot.</summary>
    public IdentityMappings Mappings => Volatile.Read(ref _state).Mappings;

    /// <summary>The options in force.</summary>
    public PluginRuntimeOptions Options => _options;

    /// <summary>
    /// Reloads identity mappings and plugins without a restart. Reloads are serialised. If the mappings are
    /// invalid nothing changes and the errors are returned.
    /// </summary>
    public Task<ReloadOutcome> ReloadAsync(CancellationToken cancellationToken = default) => ReloadAsync(packageFolders: null, cancellationToken);

    /// <summary>
    /// Reloads as <see cref="ReloadAsync(CancellationToken)"/>, serving the unpacked active packages in
    /// <paramref name="packageFolders"/> from now on (null: the same as before).
    /// </summary>
    public async Task<ReloadOutcome> ReloadAsync(IReadOnlyList<string>? packageFolders, CancellationToken cancellationToken = default)
    {
        await _reloadGate.WaitAsync(cancellationToken);
        try
        {
            if (packageFolders is not null)
            {
                _packageFolders = [.. packageFolders];
            }

            IdentityMappings mappings;
            try
            {
                mappings = IdentityMappingLoader.Load(_options.MappingsDirectory);
            }
            catch (IdentityMappingException ex)
            {
                _logger.LogError("Reload refused, identity mappings are invalid: {Errors}", ex.Message);
                var current = Volatile.Read(ref _state);
                return new ReloadOutcome(false, current.Snapshot.Generation, current.Listed, current.Snapshot.Problems, ex.Errors);
            }

            var previous = Volatile.Read(ref _state);
            var next = Compose(mappings, previous.Snapshot.Generation + 1);
            next = next with
            {
                Listed = [.. next.Listed, .. previous.Listed.Where(p => p.State != PluginState.Failed && !next.Listed.Any(n => n.Id == p.Id))],
            };
            Extensions.Publish(next.Snapshot);
            Volatile.Write(ref _state, next);
            // Work still holding the previous snapshot finishes on it: its plugins are listed Unloaded now (they serve
            // no new work) and their contexts unload when the last lease is released.
            previous.Plugins.MarkReplaced();
            previous.Snapshot.Retire(previous.Plugins.Unload);
            Log(next);
            return new ReloadOutcome(true, next.Snapshot.Generation, next.Listed, next.Snapshot.Problems, []);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>Unloads the current plugins.</summary>
    public void Dispose()
    {
        Volatile.Read(ref _state).Plugins.Unload();
        _reloadGate.Dispose();
    }

    private State Compose(IdentityMappings mappings, long generation)
    {
        var plugins = new PluginFolderLoader(_options.Loader, _loaderLogger).LoadAll(_options.PluginsDirectory, _packageFolders);
        var builder = KernelExtensionPoints.CreateBuilder().UseMappings(mappings);
        foreach (var plugin in plugins.Plugins)
        {
            if (plugin.State == PluginState.Failed)
            {
                builder.AddProblem(new ExtensionProblem(
                    ProblemSeverity.Error, "plugin-failed", $"Plugin '{plugin.Id}' failed to load: {plugin.Error}", Source: plugin.Id));
                continue;
            }

            foreach (var extension in plugin.Extensions)
            {
                builder.AddExtension(plugin.Origin, extension);
            }

            if (plugin.Manifest?.FieldSchema is { } fields)
            {
                builder.AddFieldSchema(plugin.Id, fields);
            }
        }

        return new State(builder.Build(generation), plugins, mappings, plugins.Plugins);
    }

    private void Log(State state)
    {
        _logger.LogInformation(
            "Extension snapshot {Generation}: {Loaded} plugin(s) loaded, {Failed} failed, {Extensions} extension(s), {Problems} problem(s)",
            state.Snapshot.Generation,
            state.Plugins.Plugins.Count(p => p.State == PluginState.Loaded),
            state.Plugins.Plugins.Count(p => p.State == PluginState.Failed),
            state.Snapshot.Extensions.Count,
            state.Snapshot.Problems.Count);
        foreach (var problem in state.Snapshot.Problems)
        {
            _logger.Log(problem.Severity == ProblemSeverity.Error ? LogLevel.Error : LogLevel.Warning, "{Code}: {Message}", problem.Code, problem.Message);
        }
    }

    private sealed record State(ExtensionSnapshot Snapshot, PluginSet Plugins, IdentityMappings Mappings, IReadOnlyList<PluginRecord> Listed);
}
