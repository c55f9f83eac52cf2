using System.Text;

namespace ReversePaas.CapabilityCatalog;

/// <summary>
/// What changes between two catalogs (the impact of a release): per identity, the capabilities added, removed and
/// rebound to another extension, and the plugins that came, went or changed version or state.
/// </summary>
public static class CatalogDiff
{
    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>.</summary>
    public static CatalogDiffResult Compare(CatalogDocument before, CatalogDocument after)
    {
        var identities = new List<IdentityChange>();
        var names = before.Identities.Select(i => i.Identity).Union(after.Identities.Select(i => i.Identity)).Order(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var old = before.FindIdentity(name);
            var @new = after.FindIdentity(name);
            var changes = new List<CapabilityChange>();
            var points = (old?.Resolutions.Select(r => r.Point) ?? []).Union(@new?.Resolutions.Select(r => r.Point) ?? []).Order(StringComparer.Ordinal);
            foreach (var point in points)
            {
                var from = old?.Resolutions.FirstOrDefault(r => r.Point == point);
                var to = @new?.Resolutions.FirstOrDefault(r => r.Point == point);
                var fromIds = from?.Extensions ?? [];
                var toIds = to?.Extensions ?? [];
                if (fromIds.SequenceEqual(toIds) && from?.Source == to?.Source)
                {
                    continue;
                }

                var kind = fromIds.Count == 0 ? ChangeKind.Added : toIds.Count == 0 ? ChangeKind.Removed : ChangeKind.Rebound;
                changes.Add(new CapabilityChange(point, kind, fromIds, toIds, from?.Source, to?.Source));
            }

            if (old is null || @new is null || changes.Count > 0)
            {
                identities.Add(new IdentityChange(name, old is null ? ChangeKind.Added : @new is null ? ChangeKind.Removed : ChangeKind.Rebound, changes));
            }
        }

        var plugins = new List<PluginChange>();
        foreach (var id in before.Plugins.Select(p => p.Id).Union(after.Plugins.Select(p => p.Id)).Order(StringComparer.Ordinal))
        {
            var old = before.Plugins.FirstOrDefault(p => p.Id == id);
            var @new = after.Plugins.FirstOrDefault(p => p.Id == id);
            var gone = @new is null || @new.State == Plugins.Loading.PluginState.Unloaded;
            if (old is null || (old.State == Plugins.Loading.PluginState.Unloaded && !gone))
            {
                plugins.Add(new PluginChange(id, ChangeKind.Added, null, @new!.Version, null, @new.State));
            }
            else if (gone && old.State != Plugins.Loading.PluginState.Unloaded)
            {
                plugins.Add(new PluginChange(id, ChangeKind.Removed, old.Version, null, old.State, null));
            }
            else if (!gone && (old.Version != @new!.Version || old.State != @new.State))
            {
                plugins.Add(new PluginChange(id, ChangeKind.Rebound, old.Version, @new.Version, old.State, @new.State));
            }
        }

        return new CatalogDiffResult(before.Generation, after.Generation, identities, plugins);
    }

    /// <summary>The diff in words, one line per change, for people and release notes.</summary>
    public static string Describe(CatalogDiffResult diff)
    {
        var text = new StringBuilder();
        if (diff.IsEmpty)
        {
            return "No capability changes.\n";
        }

        foreach (var plugin in diff.Plugins)
        {
            text.Append(plugin.Kind switch
            {
                ChangeKind.Added => $"+ plugin {plugin.Id} {plugin.ToVersion} ({plugin.ToState})",
                ChangeKind.Removed => $"- plugin {plugin.Id} {plugin.FromVersion}",
                _ => $"~ plugin {plugin.Id} {plugin.FromVersion} ({plugin.FromState}) -> {plugin.ToVersion} ({plugin.ToState})",
            }).Append('\n');
        }

        foreach (var identity in diff.Identities)
        {
            text.Append(identity.Kind switch
            {
                ChangeKind.Added => $"+ identity {identity.Identity}",
                ChangeKind.Removed => $"- identity {identity.Identity}",
                _ => $"~ identity {identity.Identity}",
            }).Append('\n');
            foreach (var change in identity.Changes)
            {
                var from = change.From.Count == 0 ? "nothing" : string.Join(", ", change.From) + $" ({change.FromSource})";
                var to = change.To.Count == 0 ? "nothing" : string.Join(", ", change.To) + $" ({change.ToSource})";
                text.Append(change.Kind switch
                {
                    ChangeKind.Added => $"    + {change.Point}: {to}",
                    ChangeKind.Removed => $"    - {change.Point}: {from}",
                    _ => $"    ~ {change.Point}: {from} -> {to}",
                }).Append('\n');
            }
        }

        return text.ToString();
    }
}
