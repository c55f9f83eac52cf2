using System.Collections.Frozen;
using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// Works out, for every known identity and every point, which extension(s) serve and why. The order, at
/// each level from the identity itself up to the default: an explicit binding, then the extensions that
/// declare that level; after the default, the kernel's implementation. Chains gather every level instead.
/// </summary>
internal sealed class ResolutionPlanner
{
    private readonly IReadOnlyList<ExtensionPointDescriptor> _points;
    private readonly IReadOnlyList<ExtensionDescriptor> _extensions;
    private readonly IdentityMappings _mappings;
    private readonly bool _checkProduced;
    private readonly List<ExtensionProblem> _problems;
    private readonly Dictionary<(string Identity, string Point), ExtensionDescriptor[]> _declared = [];
    private readonly Dictionary<(string Identity, string Point), ExtensionDescriptor[]> _bound = [];
    private readonly HashSet<(string Identity, string Point)> _reportedConflicts = [];
    private readonly HashSet<IdentityBinding> _ignoredBindings = new(ReferenceEqualityComparer.Instance);

    internal ResolutionPlanner(
        IReadOnlyList<ExtensionPointDescriptor> points,
        IReadOnlyList<ExtensionDescriptor> extensions,
        IdentityMappings mappings,
        bool checkProduced,
        List<ExtensionProblem> problems)
    {
        _points = points;
        _extensions = extensions;
        _mappings = mappings;
        _checkProduced = checkProduced;
        _problems = problems;
    }

    internal FrozenDictionary<string, IdentityExtensions> Plan()
    {
        IndexDeclarations();
        var produced = ProducedWithAncestors();
        IndexBindings(produced);
        var known = KnownIdentities();
        if (_checkProduced)
        {
            ReportUnproducedDeclarations(produced);
        }

        var slots = _points.Count == 0 ? 0 : _points.Max(p => p.Slot) + 1;
        var profiles = new Dictionary<string, IdentityExtensions>(StringComparer.Ordinal);
        foreach (var identity in known)
        {
            var bySlot = new ExtensionResolution?[slots];
            var resolutions = new ExtensionResolution[_points.Count];
            for (var i = 0; i < _points.Count; i++)
            {
                var point = _points[i];
                var resolution = point.Combine == CombineMode.Single ? ResolveSingle(identity, point) : ResolveChain(identity, point);
                resolutions[i] = resolution;
                bySlot[point.Slot] = resolution;
            }

            profiles[identity.Value] = new IdentityExtensions(identity, bySlot, resolutions, MergedSettings(identity));
        }

        return profiles.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private void IndexDeclarations()
    {
        foreach (var group in _extensions
            .SelectMany(e => e.Identities.SelectMany(i => e.Points.Select(p => (Key: (i.Value, p.Code), Extension: e))))
            .GroupBy(x => x.Key))
        {
            _declared[group.Key] = [.. group.Select(x => x.Extension)];
        }
    }

    private void IndexBindings(HashSet<BusinessIdentity> produced)
    {
        foreach (var binding in _mappings.Bindings)
        {
            if (_checkProduced && !produced.Contains(binding.Identity))
            {
                Problem(ProblemSeverity.Error, "binding-unknown-identity",
                    $"{binding.Source} binds identity '{binding.Identity}', which no rule in identities.json produces (nor a child of it); the binding is ignored.",
                    binding.Identity.Value, null, binding.Source);
                _ignoredBindings.Add(binding);
                continue;
            }

            foreach (var (code, ids) in binding.Extensions)
            {
                var point = _points.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));
                if (point is null)
                {
                    Problem(ProblemSeverity.Error, "binding-unknown-point",
                        $"{binding.Source} binds unknown extension point '{code}'; known points: {string.Join(", ", _points.Select(p => p.Code))}.",
                        binding.Identity.Value, code, binding.Source);
                    continue;
                }

                if (point.Combine == CombineMode.Single && ids.Count != 1)
                {
                    Problem(ProblemSeverity.Error, "binding-single-needs-one",
                        $"{binding.Source} binds {ids.Count} extensions to '{code}', which takes exactly one.",
                        binding.Identity.Value, code, binding.Source);
                    continue;
                }

                var bound = new List<ExtensionDescriptor>();
                foreach (var id in ids.Distinct(StringComparer.Ordinal))
                {
                    var extension = _extensions.FirstOrDefault(e => string.Equals(e.Id, id, StringComparison.Ordinal))
                        ?? (point.KernelDefault is { } kernel && kernel.Id == id ? kernel : null);
                    if (extension is null)
                    {
                        Problem(ProblemSeverity.Error, "binding-unknown-extension",
                            $"{binding.Source} binds '{code}' to extension '{id}', which no loaded plugin provides; the kernel keeps resolving this point as if unbound.",
                            binding.Identity.Value, code, binding.Source);
                    }
                    else if (!extension.Serves(point))
                    {
                        Problem(ProblemSeverity.Error, "binding-extension-wrong-point",
                            $"{binding.Source} binds '{code}' to extension {extension.DisplayName}, which does not implement that point.",
                            binding.Identity.Value, code, binding.Source);
                    }
                    else
                    {
                        bound.Add(extension);
                    }
                }

                if (ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
                {
                    Problem(ProblemSeverity.Warning, "binding-duplicate-extension",
                        $"{binding.Source} lists an extension twice for '{code}'; it runs once, at its first place.",
                        binding.Identity.Value, code, binding.Source);
                }

                if (bound.Count == ids.Distinct(StringComparer.Ordinal).Count())
                {
                    _bound[(binding.Identity.Value, code)] = [.. bound];
                }
            }
        }
    }

    private HashSet<BusinessIdentity> ProducedWithAncestors()
        => [.. _mappings.Rules.ProducedIdentities.SelectMany(i => i.SelfAndAncestors())];

    private SortedSet<BusinessIdentity> KnownIdentities()
    {
        var known = new SortedSet<BusinessIdentity>(Comparer<BusinessIdentity>.Create((a, b) => string.CompareOrdinal(a.Value, b.Value)));
        IEnumerable<BusinessIdentity> sources = [
            BusinessIdentity.Default,
            .. _mappings.Rules.ProducedIdentities,
            .. _mappings.Bindings.Select(b => b.Identity),
            .. _extensions.SelectMany(e => e.Identities)];
        foreach (var identity in sources.SelectMany(i => i.SelfAndAncestors()))
        {
            known.Add(identity);
        }

        return known;
    }

    private void ReportUnproducedDeclarations(HashSet<BusinessIdentity> produced)
    {
        foreach (var (extension, identity) in _extensions.SelectMany(e => e.Identities.Select(i => (e, i))))
        {
            if (!produced.Contains(identity) && !produced.Any(identity.IsSelfOrAncestorOf))
            {
                Problem(ProblemSeverity.Warning, "identity-not-produced",
                    $"Extension {extension.DisplayName} serves '{identity}', but no rule in identities.json produces it or a child of it, so no order will reach it.",
                    identity.Value, null, extension.Origin.PluginId);
            }
        }
    }

    private ExtensionResolution ResolveSingle(BusinessIdentity identity, ExtensionPointDescriptor point)
    {
        foreach (var level in identity.SelfAndAncestors())
        {
            var source = level == identity ? ResolutionSource.Binding : ResolutionSource.Inherited;
            if (_bound.TryGetValue((level.Value, point.Code), out var bound))
            {
                return Single(point, identity, source, level, viaBinding: true, bound[0]);
            }

            if (!_declared.TryGetValue((level.Value, point.Code), out var declared))
            {
                continue;
            }

            source = level == identity ? ResolutionSource.Declared : ResolutionSource.Inherited;
            var top = declared.Max(e => e.Priority);
            var winners = declared.Where(e => e.Priority == top).OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
            if (winners.Length == 1)
            {
                return Single(point, identity, source, level, viaBinding: false, winners[0]);
            }

            var conflict = new ExtensionResolution(point, identity, ResolutionSource.Conflict, level, false, winners);
            if (_reportedConflicts.Add((level.Value, point.Code)))
            {
                Problem(ProblemSeverity.Error, "conflict", conflict.ConflictMessage!, level.Value, point.Code, null);
            }

            return conflict;
        }

        return Single(point, identity, ResolutionSource.KernelDefault, BusinessIdentity.Default, viaBinding: false, point.KernelDefault!);
    }

    private static ExtensionResolution Single(
        ExtensionPointDescriptor point, BusinessIdentity identity, ResolutionSource source, BusinessIdentity level, bool viaBinding, ExtensionDescriptor extension)
        => new(point, identity, source, level, viaBinding, [extension]) { Target = extension.Instance };

    private ExtensionResolution ResolveChain(BusinessIdentity identity, ExtensionPointDescriptor point)
    {
        // As for Single points, the more specific level wins: a binding fixes the chain at its level, and
        // members declared at levels more specific than that binding still run, ahead of the bound list.
        BusinessIdentity? boundAt = null;
        ExtensionDescriptor[] bound = [];
        foreach (var level in identity.SelfAndAncestors())
        {
            if (_bound.TryGetValue((level.Value, point.Code), out var list))
            {
                (boundAt, bound) = (level, list);
                break;
            }
        }

        // An extension declared at several levels counts at its most specific one.
        var members = new Dictionary<ExtensionDescriptor, int>(ReferenceEqualityComparer.Instance);
        BusinessIdentity? decidedAt = null;
        foreach (var level in identity.SelfAndAncestors())
        {
            if (boundAt is { } b && level.Depth <= b.Depth)
            {
                break;
            }

            if (_declared.TryGetValue((level.Value, point.Code), out var declared))
            {
                decidedAt ??= level;
                foreach (var extension in declared)
                {
                    members.TryAdd(extension, level.Depth);
                }
            }
        }

        var ordered = members
            .OrderByDescending(m => m.Key.Priority)
            .ThenByDescending(m => m.Value)
            .ThenBy(m => m.Key.Id, StringComparer.Ordinal)
            .Select(m => m.Key)
            .ToList();
        if (boundAt is { } at)
        {
            ordered.AddRange(bound.Where(e => !members.ContainsKey(e)));
            var source = members.ContainsValue(identity.Depth) ? ResolutionSource.Declared
                : at == identity ? ResolutionSource.Binding
                : ResolutionSource.Inherited;
            return Chain(point, identity, source, decidedAt ?? at, true, ordered);
        }

        if (point.KernelDefault is { } kernel)
        {
            ordered.Add(kernel);
        }

        var declaredSource = members.Count == 0 ? ResolutionSource.KernelDefault
            : members.ContainsValue(identity.Depth) ? ResolutionSource.Declared
            : ResolutionSource.Inherited;
        return Chain(point, identity, declaredSource, decidedAt ?? BusinessIdentity.Default, false, ordered);
    }

    private static ExtensionResolution Chain(
        ExtensionPointDescriptor point, BusinessIdentity identity, ResolutionSource source, BusinessIdentity level, bool viaBinding, List<ExtensionDescriptor> members)
    {
        // A typed TPoint[] built once here lets dispatch hand out a ReadOnlySpan<TPoint> without copying.
        var typed = Array.CreateInstance(point.Contract, members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            typed.SetValue(members[i].Instance, i);
        }

        return new(point, identity, source, level, viaBinding, [.. members]) { Target = typed };
    }

    private IdentitySettings MergedSettings(BusinessIdentity identity)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var level in identity.SelfAndAncestors().Reverse())
        {
            foreach (var binding in _mappings.Bindings.Where(b => b.Identity == level && !_ignoredBindings.Contains(b)))
            {
                foreach (var (key, value) in binding.Settings)
                {
                    merged[key] = value;
                }
            }
        }

        return merged.Count == 0 ? IdentitySettings.Empty : new IdentitySettings(merged);
    }

    private void Problem(ProblemSeverity severity, string code, string message, string? identity, string? point, string? source)
        => _problems.Add(new ExtensionProblem(severity, code, message, identity, point, source));
}
