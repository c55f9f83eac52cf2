using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Extensions.Budget;
using ReversePaas.Kernel.Identity;
using ReversePaas.Plugins.Loading;
using ReversePaas.Sdk;

namespace ReversePaas.CapabilityCatalog;

/// <summary>
/// Builds a <see cref="CatalogDocument"/> from the snapshot the dispatcher uses and the plugin records beside it.
/// Every resolution is read from the snapshot's own per-identity table, never recomputed.
/// </summary>
public static class CatalogBuilder
{
    /// <summary>Problem code: no identity changes this point; everyone gets the kernel default.</summary>
    public const string PointNotCustomised = "point-not-customised";

    /// <summary>Builds the catalog; <paramref name="rules"/> tells which identities orders can actually get.</summary>
    public static CatalogDocument Build(ExtensionSnapshot snapshot, IReadOnlyList<PluginRecord> plugins, IdentityRuleSet rules, DateTimeOffset now)
    {
        var produced = rules.ProducedIdentities.Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var points = snapshot.Points
            .Select(p => new CatalogPoint(p.Code, p.Activity, p.Combine, p.Contract.FullName ?? p.Contract.Name, p.Description, p.KernelDefault?.Id))
            .ToList();
        var extensions = snapshot.Extensions
            .Select(e => new CatalogExtension(
                e.Id, e.Origin.PluginId, e.Origin.Version, [.. e.Points.Select(p => p.Code)], [.. e.Identities.Select(i => i.Value)],
                e.Priority, e.Description, e.AssemblyName, e.ImplementationType, e.Breaker?.State ?? BreakerState.Closed))
            .ToList();
        var identities = snapshot.Identities
            .Select(profile => new CatalogIdentity(
                profile.Identity.Value,
                Parent(profile.Identity),
                produced.Contains(profile.Identity.Value),
                new SortedDictionary<string, string>(profile.Settings.Values.ToDictionary(), StringComparer.Ordinal),
                [.. profile.Resolutions.OrderBy(r => r.Point.Activity).ThenBy(r => r.Point.Code, StringComparer.Ordinal).Select(Describe)]))
            .ToList();
        var pluginEntries = plugins
            .Select(p => new CatalogPlugin(
                p.Id, p.Version, p.Manifest?.DisplayName, p.Manifest?.Owner, p.State, p.Error, p.Path,
                [.. snapshot.Extensions.Where(e => e.Origin.PluginId == p.Id).Select(e => e.Id)]))
            .ToList();

        var problems = snapshot.Problems
            .Select(p => new CatalogProblem(p.Severity, p.Code, p.Message, p.Identity, p.Point, p.Source))
            .ToList();
        foreach (var point in points.Where(point => identities.All(i => i.Resolutions.Any(r => r.Point == point.Code && r.Source == ResolutionSource.KernelDefault))))
        {
            problems.Add(new CatalogProblem(ProblemSeverity.Warning, PointNotCustomised,
                $"No identity customises '{point.Code}': every identity runs the kernel default{(point.KernelDefault is null ? " (no extension)" : $" '{point.KernelDefault}'")}.",
                null, point.Code, null));
        }

        return new CatalogDocument(SdkVersion.Text, snapshot.Generation, now, points, extensions, identities, pluginEntries, problems);
    }

    /// <summary>The flow of one identity as the catalog shows it.</summary>
    public static CatalogResolution Describe(ExtensionResolution resolution)
        => new(
            resolution.Point.Code,
            resolution.Point.Activity,
            resolution.Point.Combine,
            resolution.Source,
            resolution.DecidedAt.Value,
            resolution.ViaBinding,
            [.. resolution.Extensions.Select(e => e.Id)],
            [.. resolution.Extensions.Select(e => e.Origin.PluginId)],
            resolution.ConflictMessage);

    private static string? Parent(BusinessIdentity identity)
        => identity.TryGetParent(out var parent) ? parent.Value : null;
}
