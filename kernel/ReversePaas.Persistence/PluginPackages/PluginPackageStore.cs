using Microsoft.EntityFrameworkCore;

namespace ReversePaas.Persistence.PluginPackages;

/// <summary>
/// The uploaded plugin packages and which version of each plugin is active. Every change of state is one transaction
/// that leaves at most one Active version per plugin; the hosts read <see cref="ActiveAsync"/> to know what to serve.
/// </summary>
public sealed class PluginPackageStore(ReverseDbContext db, TimeProvider time)
{
    /// <summary>Stores a validated package as Staged; the same bytes again change nothing; other bytes for the same id and version are refused.</summary>
    public async Task<(StoreOutcome Outcome, PluginPackageVersion Version)> AddAsync(string pluginId, string version, string sha256, byte[] content, CancellationToken cancellationToken)
    {
        if (await Find(pluginId, version).AsNoTracking().Select(p => new { p.Sha256, p.State, p.UploadedAt, p.ActivatedAt }).FirstOrDefaultAsync(cancellationToken) is { } stored)
        {
            return (stored.Sha256 == sha256 ? StoreOutcome.AlreadyStored : StoreOutcome.Conflict,
                new PluginPackageVersion(version, stored.Sha256, stored.State, stored.UploadedAt, stored.ActivatedAt));
        }

        var record = new PluginPackageRecord { PluginId = pluginId, Version = version, Sha256 = sha256, Content = content, UploadedAt = time.GetUtcNow() };
        db.PluginPackages.Add(record);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two uploads of the same id and version raced: the other one stored first; answer as if it had come first.
            db.ChangeTracker.Clear();
            if (!await Find(pluginId, version).AsNoTracking().AnyAsync(cancellationToken))
            {
                throw;
            }

            return await AddAsync(pluginId, version, sha256, content, cancellationToken);
        }

        return (StoreOutcome.Created, ToVersion(record));
    }

    /// <summary>Every stored version of <paramref name="pluginId"/>, newest upload first.</summary>
    public async Task<IReadOnlyList<PluginPackageVersion>> VersionsAsync(string pluginId, CancellationToken cancellationToken)
        => (await db.PluginPackages.AsNoTracking().Where(p => p.PluginId == pluginId)
                .Select(p => new PluginPackageVersion(p.Version, p.Sha256, p.State, p.UploadedAt, p.ActivatedAt)).ToListAsync(cancellationToken))
            .OrderByDescending(v => v.UploadedAt).ToList();

    /// <summary>Every stored version of every plugin (not the bytes), by plugin id, newest upload first.</summary>
    public async Task<IReadOnlyList<(string PluginId, PluginPackageVersion Version)>> AllAsync(CancellationToken cancellationToken)
        => (await db.PluginPackages.AsNoTracking()
                .Select(p => new { p.PluginId, Version = new PluginPackageVersion(p.Version, p.Sha256, p.State, p.UploadedAt, p.ActivatedAt) }).ToListAsync(cancellationToken))
            .OrderBy(p => p.PluginId, StringComparer.Ordinal).ThenByDescending(p => p.Version.UploadedAt)
            .Select(p => (p.PluginId, p.Version)).ToList();

    /// <summary>The active version of every plugin that has one.</summary>
    public async Task<IReadOnlyList<ActivePackage>> ActiveAsync(CancellationToken cancellationToken)
        => await db.PluginPackages.AsNoTracking().Where(p => p.State == PluginPackageStates.Active)
            .OrderBy(p => p.PluginId).Select(p => new ActivePackage(p.PluginId, p.Version, p.Sha256)).ToListAsync(cancellationToken);

    /// <summary>The bytes of a stored package, or null.</summary>
    public Task<byte[]?> ContentAsync(string pluginId, string version, CancellationToken cancellationToken)
        => Find(pluginId, version).AsNoTracking().Select(p => (byte[]?)p.Content).FirstOrDefaultAsync(cancellationToken);

    /// <summary>
    /// Makes <paramref name="version"/> the active one (the active one before it becomes Retired). False when no such
    /// version is stored.
    /// </summary>
    public async Task<bool> ActivateAsync(string pluginId, string version, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var versions = await db.PluginPackages.Where(p => p.PluginId == pluginId).ToListAsync(cancellationToken);
        if (versions.FirstOrDefault(p => p.Version == version) is not { } target)
        {
            return false;
        }

        foreach (var active in versions.Where(p => p.State == PluginPackageStates.Active && p != target))
        {
            active.State = PluginPackageStates.Retired;
        }

        target.State = PluginPackageStates.Active;
        target.ActivatedAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Re-activates the version that was active before the current one (the Retired version activated last). Null when
    /// there is none to go back to; otherwise the version now active.
    /// </summary>
    public async Task<string?> RollbackAsync(string pluginId, CancellationToken cancellationToken)
    {
        var versions = await db.PluginPackages.AsNoTracking().Where(p => p.PluginId == pluginId)
            .Select(p => new { p.Version, p.State, p.ActivatedAt }).ToListAsync(cancellationToken);
        var previous = versions.Where(p => p.State == PluginPackageStates.Retired && p.ActivatedAt is not null).MaxBy(p => p.ActivatedAt);
        return previous is not null && await ActivateAsync(pluginId, previous.Version, cancellationToken) ? previous.Version : null;
    }

    /// <summary>Retires the active version: no version of the plugin serves any more. False when none was active.</summary>
    public async Task<bool> DeactivateAsync(string pluginId, CancellationToken cancellationToken)
        => await db.PluginPackages.Where(p => p.PluginId == pluginId && p.State == PluginPackageStates.Active)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.State, PluginPackageStates.Retired), cancellationToken) > 0;

    private IQueryable<PluginPackageRecord> Find(string pluginId, string version)
        => db.PluginPackages.Where(p => p.PluginId == pluginId && p.Version == version);

    private static PluginPackageVersion ToVersion(PluginPackageRecord p) => new(p.Version, p.Sha256, p.State, p.UploadedAt, p.ActivatedAt);
}
