using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Tests.Support;

/// <summary>Builds snapshots for tests: the test points with kernel defaults, then what each test adds.</summary>
public sealed class SnapshotScenario
{
    public static readonly ExtensionOrigin PluginA = new("plugin-a", "1.0.0");
    public static readonly ExtensionOrigin PluginB = new("plugin-b", "2.1.0");

    private readonly List<(ExtensionOrigin Origin, object Instance)> _extensions = [];
    private readonly List<IdentityRule> _rules = [];
    private readonly List<IdentityBinding> _bindings = [];
    private bool _withMappings;
    private bool _chainKernelMember = true;

    public static BusinessIdentity Id(string text) => BusinessIdentity.Parse(text);

    public SnapshotScenario With(object extension, ExtensionOrigin? origin = null)
    {
        _extensions.Add((origin ?? PluginA, extension));
        return this;
    }

    public SnapshotScenario WithoutChainKernelMember()
    {
        _chainKernelMember = false;
        return this;
    }

    /// <summary>Rules producing these identities (so binding and declaration checks apply).</summary>
    public SnapshotScenario Producing(params string[] identities)
    {
        _withMappings = true;
        _rules.AddRange(identities.Select(i => new IdentityRule(Id(i), new IdentityCondition(venderType: [i]), "", $"rule {i}")));
        return this;
    }

    public SnapshotScenario Binding(string identity, string point, params string[] extensionIds)
        => Binding(identity, new Dictionary<string, IReadOnlyList<string>> { [point] = extensionIds }, new Dictionary<string, string>());

    public SnapshotScenario Settings(string identity, params (string Key, string Value)[] settings)
        => Binding(identity, new Dictionary<string, IReadOnlyList<string>>(), settings.ToDictionary(s => s.Key, s => s.Value));

    public ExtensionSnapshot Build(long generation = 1) => Builder().Build(generation);

    public ExtensionSnapshotBuilder Builder()
    {
        var builder = new ExtensionSnapshotBuilder()
            .AddPoint<ITestSingle>(new KernelSingle())
            .AddChainPoint<ITestChain>(_chainKernelMember ? new KernelChain() : null);
        if (_withMappings || _bindings.Count > 0)
        {
            builder.UseMappings(new IdentityMappings(new IdentityRuleSet(_rules, BusinessIdentity.Default), _bindings));
        }

        foreach (var (origin, instance) in _extensions)
        {
            builder.AddExtension(origin, instance);
        }

        return builder;
    }

    private SnapshotScenario Binding(string identity, Dictionary<string, IReadOnlyList<string>> extensions, Dictionary<string, string> settings)
    {
        _bindings.Add(new IdentityBinding(Id(identity), extensions, settings, $"bindings/{identity}.json"));
        return this;
    }
}
