using ReversePaas.Persistence.PluginPackages;
using ReversePaas.Plugins;
using ReversePaas.Plugins.Packages;

namespace ReversePaas.Host.PluginPackages;

/// <summary>
/// Serves the active plugin packages the database lists: at start, every <see cref="PluginPackageOptions.SyncInterval"/>,
/// and at once after this host changed them (activate, rollback, deactivate). When the active set differs from what
/// this host serves, the missing packages are unpacked into the cache and the plugin runtime reloads with them; work in
/// flight finishes on its snapshot (leases). A failure keeps what is served and is tried again on the next pass.
/// </summary>
internal sealed partial class PluginPackageSync(
    IServiceScopeFactory scopes, PluginRuntime runtime, PluginPackageOptions options, ILogger<PluginPackageSync> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string _served = "";

    /// <summary>The first sync runs before the host takes requests, so a restarted host serves the active versions at once.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TrySyncAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Compares the active set with what is served and reloads when they differ; true when it reloaded.</summary>
    public async Task<bool> SyncAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            IReadOnlyList<ActivePackage> active;
            using (var scope = scopes.CreateScope())
            {
                active = await scope.ServiceProvider.GetRequiredService<PluginPackageStore>().ActiveAsync(cancellationToken);
            }

            var key = string.Join(';', active.Select(a => $"{a.PluginId}:{a.Sha256}"));
            if (key == _served)
            {
                return false;
            }

            var folders = new List<string>();
            foreach (var package in active)
            {
                folders.Add(await UnpackedAsync(package, cancellationToken));
            }

            var outcome = await runtime.ReloadAsync(folders, cancellationToken);
            _served = key;
            LogServed(logger, active.Count, string.Join(", ", active.Select(a => $"{a.PluginId} {a.Version}")), outcome.Generation);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.SyncInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TrySyncAsync(stoppingToken);
        }
    }

    private async Task TrySyncAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SyncAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogSyncFailed(logger, ex);
        }
    }

    // One folder per id, version and SHA-256 prefix: hosts on one machine may share the cache, and a folder is only
    // ever moved into place complete.
    private async Task<string> UnpackedAsync(ActivePackage package, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(options.CacheDirectory, package.PluginId, $"{package.Version}-{package.Sha256[..12]}");
        if (Directory.Exists(folder))
        {
            return folder;
        }

        byte[] content;
        using (var scope = scopes.CreateScope())
        {
            content = await scope.ServiceProvider.GetRequiredService<PluginPackageStore>().ContentAsync(package.PluginId, package.Version, cancellationToken)
                ?? throw new InvalidOperationException($"Package {package.PluginId} {package.Version} is active but its bytes are gone.");
        }

        var partial = $"{folder}.partial-{Guid.NewGuid():N}";
        // Checked again as at upload: the cache folder is only ever filled from a package that passes.
        PluginPackageReader.Unpack(content, partial, options.Limits, allowList: []);
        try
        {
            Directory.Move(partial, folder);
        }
        catch (IOException) when (Directory.Exists(folder))
        {
            Directory.Delete(partial, recursive: true); // another host on this machine unpacked it first
        }

        return folder;
    }

    public override void Dispose()
    {
        _gate.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Plugin packages: serving {Count} active package(s) [{Packages}] in extension snapshot {Generation}")]
    private static partial void LogServed(ILogger logger, int count, string packages, long generation);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin packages: sync failed; the plugins served stay as they were and the next pass tries again")]
    private static partial void LogSyncFailed(ILogger logger, Exception ex);
}
