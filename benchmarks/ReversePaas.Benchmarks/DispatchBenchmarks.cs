using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ReversePaas.Kernel.Extensions;
using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Review;

namespace ReversePaas.Benchmarks;

/// <summary>
/// What it costs to find the extension(s) serving an identity: the snapshot against .NET keyed DI, a bare
/// FrozenDictionary, and the hand-written switch (the baseline) a team would write without a platform.
/// Every benchmark returns what it found so the JIT cannot drop the work.
/// </summary>
[MemoryDiagnoser]
public class DispatchBenchmarks
{
    // Ten business identities, as identities.json would produce them. Their parents (retail, daojia, ...)
    // and the default become known identities too, so the snapshot indexes ~17 of them.
    internal static readonly string[] Identities =
    [
        "retail.self", "retail.pop", "retail.pop.global", "daojia.fresh", "daojia.flower",
        "bmall.intent", "bmall.standard", "health.rx", "auto.service", "travel.hotel",
    ];

    private const string Measured = "retail.pop";

    private ExtensionSnapshot _snapshot = null!;
    private IdentityExtensions _profile = null!;
    private FrozenDictionary<string, IReviewRouter> _frozen = null!;

    // Held as IServiceProvider (how application code sees it); disposed in Cleanup.
    private IServiceProvider _services = null!;
    private BusinessIdentity _identity;
    private BusinessIdentity _copiedText;
    private BusinessIdentity _unknownChild;

    [GlobalSetup]
    public void Setup()
    {
        _snapshot = BuildSnapshot();
        // The same string instance as the snapshot's key, as when the identity comes from IdentityRuleSet.Resolve
        // over the rules the snapshot was built with: key comparison short-circuits on reference equality.
        _identity = BusinessIdentity.Parse(Measured);

        // Equal text in another string instance, as when the identity arrives in a request: the key
        // comparison has to compare characters.
        _copiedText = BusinessIdentity.Parse(new string(Measured.AsSpan()));
        _unknownChild = BusinessIdentity.Parse(Measured + ".night-market");
        _profile = _snapshot.For(_identity);

        var services = new ServiceCollection();
        foreach (var identity in Identities)
        {
            services.AddKeyedSingleton(identity, SwitchRoute(identity));
        }

        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        _frozen = Identities.ToFrozenDictionary(i => i, SwitchRoute, StringComparer.Ordinal);
        Verify();
    }

    [GlobalCleanup]
    public void Cleanup() => (_services as IDisposable)?.Dispose();

    [Benchmark(Baseline = true)]
    public IReviewRouter Switch() => SwitchRoute(_identity.Value);

    [Benchmark]
    public IReviewRouter FrozenDictionary() => _frozen[_identity.Value];

    [Benchmark]
    public IReviewRouter KeyedDi() => _services.GetRequiredKeyedService<IReviewRouter>(_identity.Value);

    // Identity lookup + dispatch: what a caller pays when it has only the identity.
    [Benchmark]
    public IReviewRouter Snapshot_Single() => _snapshot.Single<IReviewRouter>(_identity).Instance;

    // The per-request pattern: the profile is looked up once per request, then each point is an array index.
    [Benchmark]
    public IReviewRouter Profile_Single() => _profile.Single<IReviewRouter>().Instance;

    [Benchmark]
    public IReviewRouter Snapshot_Single_CopiedText() => _snapshot.Single<IReviewRouter>(_copiedText).Instance;

    // An identity the snapshot does not know (a new sub-line): For() walks up to retail.pop.
    [Benchmark]
    public IReviewRouter Snapshot_Single_UnknownChild() => _snapshot.Single<IReviewRouter>(_unknownChild).Instance;

    // Three members for retail.pop: the audit (priority 10), retail's member (inherited), the kernel's.
    [Benchmark]
    public int Snapshot_Chain() => _snapshot.Chain<IBenchChain>(_identity).Instances.Length;

    [Benchmark]
    public int Profile_Chain() => _profile.Chain<IBenchChain>().Instances.Length;

    // Running the chain too, to show what the member calls add on top of dispatch.
    [Benchmark]
    public int Profile_Chain_Run()
    {
        var score = 1;
        foreach (var member in _profile.Chain<IBenchChain>().Instances)
        {
            score = member.Weigh(score);
        }

        return score;
    }

    internal static ExtensionSnapshot BuildSnapshot()
    {
        // Rules that produce the identities, so the builder checks declarations against them as in production.
        var rules = Identities.Select(i => new IdentityRule(BusinessIdentity.Parse(i), new IdentityCondition(channel: [i]), "", $"bench {i}"));

        // The registration KernelExtensionPoints.CreateBuilder() does, with a default the switch can name.
        var builder = new ExtensionSnapshotBuilder()
            .AddPoint(Routers.CustomerService)
            .AddChainPoint<IBenchChain>(new KernelChainMember())
            .UseMappings(new IdentityMappings(new IdentityRuleSet(rules, BusinessIdentity.Default), []));
        var origin = new ExtensionOrigin("bench-plugin", "1.0.0");
        object[] extensions =
        [
            Routers.RetailPop, Routers.Daojia, Routers.BmallIntent, Routers.HealthRx,
            new RetailChainMember(), new RetailPopAuditChainMember(),
        ];
        foreach (var extension in extensions)
        {
            if (!builder.AddExtension(origin, extension))
            {
                throw new InvalidOperationException($"{extension.GetType().Name} was rejected.");
            }
        }

        var snapshot = builder.Build(1);
        return snapshot.Problems.Count == 0
            ? snapshot
            : throw new InvalidOperationException(string.Join(Environment.NewLine, snapshot.Problems.Select(p => p.Message)));
    }

    // The hand-written alternative: a switch over the identity text. It knows nothing of parents or unknown
    // children, which is why it is the lower bound rather than a real option.
    private static IReviewRouter SwitchRoute(string identity) => identity switch
    {
        "retail.pop" or "retail.pop.global" => Routers.RetailPop,
        "daojia.fresh" or "daojia.flower" => Routers.Daojia,
        "bmall.intent" => Routers.BmallIntent,
        "health.rx" => Routers.HealthRx,
        _ => Routers.CustomerService,
    };

    // Every mechanism must give the same answer for every identity, or the comparison means nothing.
    private void Verify()
    {
        foreach (var text in Identities)
        {
            var identity = BusinessIdentity.Parse(text);
            var expected = SwitchRoute(text);
            if (!ReferenceEquals(_snapshot.Single<IReviewRouter>(identity).Instance, expected)
                || !ReferenceEquals(_services.GetRequiredKeyedService<IReviewRouter>(text), expected)
                || !ReferenceEquals(_frozen[text], expected))
            {
                throw new InvalidOperationException($"Dispatch mechanisms disagree for '{text}'.");
            }
        }

        if (!ReferenceEquals(Snapshot_Single_CopiedText(), Routers.RetailPop)
            || !ReferenceEquals(Snapshot_Single_UnknownChild(), Routers.RetailPop)
            || Snapshot_Chain() != 3
            || Profile_Chain_Run() != 3)
        {
            throw new InvalidOperationException("The snapshot does not resolve retail.pop as the benchmark expects.");
        }
    }
}
