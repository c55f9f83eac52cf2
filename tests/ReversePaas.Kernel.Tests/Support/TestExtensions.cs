using ReversePaas.Sdk;

#pragma warning disable CA1812 // Instantiated by the tests through the builder.
namespace ReversePaas.Kernel.Tests.Support;

[Extension("kernel.test-single", Description = "Kernel default of test.single.")]
public sealed class KernelSingle : ITestSingle { public string Name => "kernel.test-single"; }

[Extension("a.single", Identities = ["retail"])]
public sealed class RetailSingle : ITestSingle { public string Name => "a.single"; }

[Extension("b.single", Identities = ["retail.pop"])]
public sealed class PopSingle : ITestSingle { public string Name => "b.single"; }

[Extension("c.single", Identities = ["retail.pop"])]
public sealed class PopSingleRival : ITestSingle { public string Name => "c.single"; }

[Extension("d.single", Identities = ["retail.pop"], Priority = 5)]
public sealed class PopSingleHighPriority : ITestSingle { public string Name => "d.single"; }

[Extension("bound.single", Description = "Serves only where bound.")]
public sealed class BoundOnlySingle : ITestSingle { public string Name => "bound.single"; }

[Extension("fresh.single", Identities = ["daojia.fresh"])]
public sealed class FreshSingle : ITestSingle { public string Name => "fresh.single"; }

[Extension("daojia.single", Identities = ["daojia"])]
public sealed class DaojiaSingle : ITestSingle { public string Name => "daojia.single"; }

[Extension("daojia.single-rival", Identities = ["daojia"])]
public sealed class DaojiaSingleRival : ITestSingle { public string Name => "daojia.single-rival"; }

[Extension("kernel.test-chain")]
public sealed class KernelChain : ITestChain { public string Name => "kernel.test-chain"; }

[Extension("chain.retail", Identities = ["retail"])]
public sealed class RetailChain : ITestChain { public string Name => "chain.retail"; }

[Extension("chain.retail-high", Identities = ["retail"], Priority = 10)]
public sealed class RetailChainHigh : ITestChain { public string Name => "chain.retail-high"; }

[Extension("chain.pop", Identities = ["retail.pop"])]
public sealed class PopChain : ITestChain { public string Name => "chain.pop"; }

[Extension("chain.pop-b", Identities = ["retail.pop"])]
public sealed class PopChainB : ITestChain { public string Name => "chain.pop-b"; }

[Extension("chain.pop-high", Identities = ["retail.pop"], Priority = 10)]
public sealed class PopChainHigh : ITestChain { public string Name => "chain.pop-high"; }

[Extension("both.points", Identities = ["retail.self"])]
public sealed class BothPoints : ITestSingle, ITestChain { public string Name => "both.points"; }

[Extension("throwing.single", Identities = ["retail.self"])]
public sealed class ThrowingSingle : ITestSingle { public string Name => throw new InvalidOperationException("boom from plugin code"); }

public sealed class NotAnExtension : ITestSingle { public string Name => "not-an-extension"; }

[Extension("Bad_Id")]
public sealed class InvalidIdSingle : ITestSingle { public string Name => "bad"; }

[Extension("points.unknown", Points = ["no.such.point"], Identities = ["retail"])]
public sealed class UnknownPointSingle : ITestSingle { public string Name => "points.unknown"; }

[Extension("points.not-implemented", Points = ["test.chain"], Identities = ["retail"])]
public sealed class ClaimsChainButIsSingle : ITestSingle { public string Name => "points.not-implemented"; }

[Extension("no.points", Identities = ["retail"])]
public sealed class ImplementsNothing { }

[Extension("unregistered.point", Identities = ["retail"])]
public sealed class UnregisteredPointServer : IUnregisteredPoint { public string Name => "unregistered.point"; }

[Extension("bad.identity", Identities = ["Retail..Pop", "retail.self"])]
public sealed class BadIdentitySingle : ITestSingle { public string Name => "bad.identity"; }

[Extension("ghost.single", Identities = ["ghost.line"])]
public sealed class GhostIdentitySingle : ITestSingle { public string Name => "ghost.single"; }

[Extension("self.single", Identities = ["retail.self"])]
public sealed class SelfSingle : ITestSingle { public string Name => "self.single"; }

[Extension("e.single", Identities = ["retail.pop"])]
public sealed class PopSingleThirdRival : ITestSingle { public string Name => "e.single"; }

[Extension("f.single", Identities = ["retail.pop"], Priority = -1)]
public sealed class PopSingleLowPriority : ITestSingle { public string Name => "f.single"; }

[Extension("default.single", Identities = ["default"])]
public sealed class DefaultDeclaredSingle : ITestSingle { public string Name => "default.single"; }

[Extension("chain.default", Identities = ["default"])]
public sealed class DefaultChain : ITestChain { public string Name => "chain.default"; }

[Extension("chain.night", Identities = ["retail.pop.night"])]
public sealed class NightChain : ITestChain { public string Name => "chain.night"; }

[Extension("chain.both-levels", Identities = ["retail", "retail.pop"])]
public sealed class TwoLevelChain : ITestChain { public string Name => "chain.both-levels"; }

[Extension("chain.unbound")]
public sealed class BoundOnlyChain : ITestChain { public string Name => "chain.unbound"; }

[Extension("dup.points", Points = ["test.single", "test.single"], Identities = ["retail"])]
public sealed class DuplicatePointsSingle : ITestSingle { public string Name => "dup.points"; }

[Extension("points.partial", Points = ["test.single", "no.such.point"], Identities = ["retail"])]
public sealed class PartlyUnknownPoints : ITestSingle { public string Name => "points.partial"; }

[Extension("points.only-single", Points = ["test.single"], Identities = ["retail.self"])]
public sealed class BothPointsServingOne : ITestSingle, ITestChain { public string Name => "points.only-single"; }

[Extension("kernel.test-single", Identities = ["retail"])]
public sealed class KernelIdImpostor : ITestSingle { public string Name => "impostor"; }

[Extension("cancelling.single", Identities = ["retail.self"])]
public sealed class CancellingSingle : ITestSingle { public string Name => throw new OperationCanceledException("caller gave up"); }

[Extension("unreachable.single", Identities = ["retail.self"])]
public sealed class UnreachableSingle : ITestSingle { public string Name => throw new ReversePaas.Sdk.Ports.PortUnavailableException("wms", "WMS gateway timed out."); }

/// <summary>One instance per snapshot generation, so a reader can tell which snapshot served it.</summary>
[Extension("gen.single", Identities = ["retail.pop"])]
public sealed class GenerationSingle(long generation) : ITestSingle
{
    public long Generation { get; } = generation;

    public string Name => "gen.single";
}

/// <summary>One instance per snapshot generation, for chains.</summary>
[Extension("gen.chain", Identities = ["retail"])]
public sealed class GenerationChain(long generation) : ITestChain
{
    public long Generation { get; } = generation;

    public string Name => "gen.chain";
}
#pragma warning restore CA1812
