using System.Collections.Frozen;
using System.Reflection;
using System.Text.RegularExpressions;
using ReversePaas.Kernel.Extensions.Fields;
using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Extensions;

/// <summary>
/// Collects extension points (with kernel defaults), extensions (from the kernel and plugins) and identity
/// mappings, validates them, and builds an immutable <see cref="ExtensionSnapshot"/>. Reflection happens
/// here, once per plugin set, never at dispatch. Anything wrong becomes an <see cref="ExtensionProblem"/>:
/// the bad piece is left out and the rest is built.
/// </summary>
public sealed partial class ExtensionSnapshotBuilder
{
    private readonly List<ExtensionPointDescriptor> _points = [];
    private readonly Dictionary<Type, ExtensionPointDescriptor> _pointsByContract = [];
    private readonly Dictionary<string, ExtensionDescriptor> _extensions = new(StringComparer.Ordinal);
    private readonly List<ExtensionProblem> _problems = [];
    private readonly Dictionary<string, IPluginFieldSchema> _fieldSchemas = new(StringComparer.Ordinal);
    private IdentityMappings _mappings = IdentityMappings.Empty;
    private bool _checkProducedIdentities;

    /// <summary>Registers a <see cref="CombineMode.Single"/> extension point with its kernel default.</summary>
    public ExtensionSnapshotBuilder AddPoint<TPoint>(TPoint kernelDefault)
        where TPoint : class
    {
        var point = RegisterPoint<TPoint>();
        point.KernelDefault = CreateKernelDefault(point, kernelDefault);
        return this;
    }

    /// <summary>Registers a <see cref="CombineMode.Chain"/> extension point, optionally with kernel members run last.</summary>
    public ExtensionSnapshotBuilder AddChainPoint<TPoint>(TPoint? kernelMember = null)
        where TPoint : class
    {
        // Checked before registering, so a refused call leaves no half-registered point (one without a default).
        if (typeof(TPoint).GetCustomAttribute<ExtensionPointAttribute>() is { Combine: not CombineMode.Chain } declared)
        {
            throw new ArgumentException($"Extension point '{declared.Code}' is {declared.Combine}; register it with AddPoint.", nameof(kernelMember));
        }

        var point = RegisterPoint<TPoint>();
        if (kernelMember is not null)
        {
            point.KernelDefault = CreateKernelDefault(point, kernelMember);
        }

        return this;
    }

    /// <summary>Uses these identity mappings (rules and bindings); by default there are none.</summary>
    public ExtensionSnapshotBuilder UseMappings(IdentityMappings mappings)
    {
        _mappings = mappings;
        _checkProducedIdentities = true;
        return this;
    }

    /// <summary>Adds a problem found by whoever loaded the inputs (a plugin that failed, a mapping file).</summary>
    public ExtensionSnapshotBuilder AddProblem(ExtensionProblem problem)
    {
        _problems.Add(problem);
        return this;
    }

    /// <summary>Registers the schema of the fields plugin <paramref name="pluginId"/> owns (its manifest's <c>fields</c>).</summary>
    public ExtensionSnapshotBuilder AddFieldSchema(string pluginId, IPluginFieldSchema schema)
    {
        _fieldSchemas[pluginId] = schema;
        return this;
    }

    /// <summary>
    /// Registers the <see cref="ExtensionAttribute"/>-marked <paramref name="instance"/> from <paramref name="origin"/>.
    /// Returns false, with the reason in the problems, when it is rejected.
    /// </summary>
    public bool AddExtension(ExtensionOrigin origin, object instance)
    {
        var type = instance.GetType();
        var attribute = type.GetCustomAttribute<ExtensionAttribute>();
        if (attribute is null)
        {
            return Reject(origin, "extension-missing-attribute", $"{type.FullName} from {origin} has no [Extension] attribute.");
        }

        if (attribute.Id is null || !ExtensionIdPattern().IsMatch(attribute.Id))
        {
            return Reject(origin, "extension-invalid-id",
                $"Extension id '{attribute.Id}' on {type.FullName} from {origin} is not valid: use lowercase letters and digits in segments joined by '.' or '-', e.g. 'retail-pop.merchant-review'.");
        }

        // Kernel defaults are not in _extensions but their ids are taken too (bindings and the catalog use them).
        var existing = _extensions.GetValueOrDefault(attribute.Id)
            ?? _points.Select(p => p.KernelDefault).FirstOrDefault(k => k is not null && string.Equals(k.Id, attribute.Id, StringComparison.Ordinal));
        if (existing is not null)
        {
            return Reject(origin, "extension-duplicate-id",
                $"Extension id '{attribute.Id}' from {origin} ({type.FullName}) is already registered by {existing.Origin} ({existing.ImplementationType}); the second is ignored.");
        }

        var points = ServedPoints(origin, type, attribute);
        if (points.Count == 0)
        {
            return Reject(origin, "extension-serves-no-point",
                $"Extension '{attribute.Id}' from {origin} implements no registered extension point, so it can never run.");
        }

        var identities = new List<BusinessIdentity>();
        foreach (var text in attribute.Identities ?? [])
        {
            if (BusinessIdentity.TryParse(text, out var identity, out var error))
            {
                identities.Add(identity);
            }
            else
            {
                _problems.Add(new(ProblemSeverity.Error, "extension-invalid-identity",
                    $"Extension '{attribute.Id}' from {origin} declares an invalid identity: {error} It is ignored.", Source: origin.PluginId));
            }
        }

        _extensions.Add(attribute.Id, new ExtensionDescriptor(
            attribute.Id, origin, type, instance, points, identities.Distinct().ToArray(), attribute.Priority, attribute.Description ?? ""));
        return true;
    }

    /// <summary>Builds the snapshot with the given generation (see <see cref="ExtensionRuntime.Publish"/>).</summary>
    public ExtensionSnapshot Build(long generation)
    {
        var problems = new List<ExtensionProblem>(_problems);
        problems.AddRange(_mappings.Problems);
        var points = _points.OrderBy(p => p.Activity).ThenBy(p => p.Code, StringComparer.Ordinal).ToArray();
        var extensions = _extensions.Values
            .Concat(_points.Select(p => p.KernelDefault).OfType<ExtensionDescriptor>())
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToArray();
        var planner = new ResolutionPlanner(points, _extensions.Values.ToArray(), _mappings, _checkProducedIdentities, problems);
        return new ExtensionSnapshot(generation, points, extensions, planner.Plan(), problems, _fieldSchemas.ToFrozenDictionary(StringComparer.Ordinal));
    }

    private ExtensionPointDescriptor RegisterPoint<TPoint>()
        where TPoint : class
    {
        var contract = typeof(TPoint);
        var attribute = contract.GetCustomAttribute<ExtensionPointAttribute>()
            ?? throw new ArgumentException($"{contract.FullName} has no [ExtensionPoint] attribute.", nameof(TPoint));
        if (!contract.IsInterface)
        {
            throw new ArgumentException($"Extension point {contract.FullName} must be an interface.", nameof(TPoint));
        }

        if (_pointsByContract.ContainsKey(contract) || _points.Any(p => p.Code == attribute.Code))
        {
            throw new ArgumentException($"Extension point '{attribute.Code}' is registered twice.", nameof(TPoint));
        }

        var point = new ExtensionPointDescriptor(contract, attribute, PointSlot<TPoint>.Index);
        _points.Add(point);
        _pointsByContract.Add(contract, point);
        return point;
    }

    private static ExtensionDescriptor CreateKernelDefault(ExtensionPointDescriptor point, object instance)
    {
        var type = instance.GetType();
        var attribute = type.GetCustomAttribute<ExtensionAttribute>();
        return new ExtensionDescriptor(
            attribute?.Id ?? $"kernel.{point.Code}",
            ExtensionOrigin.Kernel,
            type,
            instance,
            [point],
            [],
            int.MinValue,
            attribute?.Description ?? $"Kernel default for '{point.Code}'.");
    }

    private List<ExtensionPointDescriptor> ServedPoints(ExtensionOrigin origin, Type type, ExtensionAttribute attribute)
    {
        var served = new List<ExtensionPointDescriptor>();
        if (attribute.Points is not { Length: > 0 })
        {
            foreach (var contract in type.GetInterfaces())
            {
                if (_pointsByContract.TryGetValue(contract, out var point))
                {
                    served.Add(point);
                }
                else if (contract.IsDefined(typeof(ExtensionPointAttribute), inherit: false))
                {
                    _problems.Add(new(ProblemSeverity.Error, "extension-unknown-point",
                        $"Extension '{attribute.Id}' from {origin} implements {contract.FullName}, which this kernel does not register (an Sdk newer than the host?).",
                        Source: origin.PluginId));
                }
            }

            return served;
        }

        foreach (var code in attribute.Points)
        {
            var point = _points.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.Ordinal));
            if (point is null)
            {
                _problems.Add(new(ProblemSeverity.Error, "extension-unknown-point",
                    $"Extension '{attribute.Id}' from {origin} names point '{code}', which does not exist. Known points: {string.Join(", ", _points.Select(p => p.Code))}.",
                    Point: code, Source: origin.PluginId));
            }
            else if (!point.Contract.IsAssignableFrom(type))
            {
                _problems.Add(new(ProblemSeverity.Error, "extension-contract-missing",
                    $"Extension '{attribute.Id}' from {origin} names point '{code}' but {type.FullName} does not implement {point.Contract.FullName}.",
                    Point: code, Source: origin.PluginId));
            }
            else if (!served.Contains(point))
            {
                served.Add(point);
            }
        }

        return served;
    }

    private bool Reject(ExtensionOrigin origin, string code, string message)
    {
        _problems.Add(new(ProblemSeverity.Error, code, message, Source: origin.PluginId));
        return false;
    }

    [GeneratedRegex("^[a-z][a-z0-9]*([.-][a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex ExtensionIdPattern();
}
