using BenchmarkDotNet.Attributes;
using ReversePaas.Kernel.Identity;
using ReversePaas.Sdk;

namespace ReversePaas.Benchmarks;

/// <summary>
/// Turning an order into its business identity with <see cref="IdentityRuleSet.Resolve"/> over 50 rules
/// shaped like identities.json: ten business lines, five sub-lines each, list-valued fields and attribute
/// conditions. Rules are first-match-wins, so the cost grows with the position of the matching rule.
/// </summary>
[MemoryDiagnoser]
public class IdentityResolutionBenchmarks
{
    private static readonly string[] Lines =
        ["retail", "daojia", "bmall", "health", "auto", "travel", "fashion", "books", "grocery", "digital"];

    private IdentityRuleSet _rules = null!;
    private OrderTraits _first = null!;
    private OrderTraits _middle = null!;
    private OrderTraits _last = null!;
    private OrderTraits _none = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rules = BuildRules();

        // Orders carry more attributes than the rules look at, as real orders do.
        _first = Order("Self", "Normal", "App", ("bizLine", "retail"), ("crossBorder", "true"));
        _middle = Order("Pop", "Normal", "Pc", ("bizLine", "auto"));
        _last = Order("Pop", "Normal", "App", ("bizLine", "digital"));
        _none = Order("Pop", "Normal", "App", ("bizLine", "unknown"));

        Expect(_first, 0);
        Expect(_middle, 24);
        Expect(_last, 49);
        Expect(_none, -1);
    }

    [Benchmark]
    public IdentityMatch FirstRule() => _rules.Resolve(_first);

    [Benchmark]
    public IdentityMatch MiddleRule() => _rules.Resolve(_middle);

    // Worst case with a match: the 49 rules before it are evaluated and fail.
    [Benchmark]
    public IdentityMatch LastRule() => _rules.Resolve(_last);

    // Every rule is evaluated and fails; the fallback identity is returned.
    [Benchmark]
    public IdentityMatch NoMatch() => _rules.Resolve(_none);

    // Per business line, most specific first (as a rule author must order them, first match winning):
    //   global  cross-border orders of any merchant type (two attribute conditions)
    //   fresh   fresh-food orders delivered O2O or through the app
    //   intent  B2B purchase-intent orders
    //   self    first-party orders on consumer channels
    //   pop     third-party (POP) merchant orders on consumer channels
    // Every rule also pins bizLine, so for an order of another line most rules pass their field checks and
    // fail only at the attribute lookup: close to the most expensive way a rule can fail.
    private static IdentityRuleSet BuildRules()
    {
        var rules = new List<IdentityRule>(Lines.Length * 5);
        foreach (var line in Lines)
        {
            rules.Add(Rule($"{line}.global", ["Self", "Pop"], ["Normal", "Presale"], ["App", "Pc"], line, ("crossBorder", ["true"])));
            rules.Add(Rule($"{line}.fresh", ["Self", "Pop"], ["Fresh"], ["O2o", "App"], line));
            rules.Add(Rule($"{line}.intent", ["Self", "Pop"], ["Intent"], ["B2b"], line));
            rules.Add(Rule($"{line}.self", ["Self"], ["Normal", "Presale"], ["App", "Pc", "Mini"], line));
            rules.Add(Rule($"{line}.pop", ["Pop"], ["Normal", "Presale"], ["App", "Pc", "Mini"], line));
        }

        var set = new IdentityRuleSet(rules, BusinessIdentity.Default);
        return set.Rules.Count == 50 && set.Problems.Count == 0
            ? set
            : throw new InvalidOperationException("The benchmark rule set is not 50 reachable rules.");
    }

    private static IdentityRule Rule(
        string identity, string[] venderType, string[] orderType, string[] channel, string line, params (string Key, string[] Values)[] extra)
    {
        var attributes = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) { ["bizLine"] = [line] };
        foreach (var (key, values) in extra)
        {
            attributes[key] = values;
        }

        return new IdentityRule(
            BusinessIdentity.Parse(identity),
            new IdentityCondition(venderType, orderType, channel, attributes),
            $"{identity} orders",
            $"identities.json#/rules/{identity}");
    }

    private static OrderTraits Order(string venderType, string orderType, string channel, params (string Key, string Value)[] attributes)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal) { ["storeId"] = "10086", ["promotion"] = "none" };
        foreach (var (key, value) in attributes)
        {
            all[key] = value;
        }

        return new OrderTraits(venderType, orderType, channel, all);
    }

    // Guards the scenario: a benchmark that silently matched another rule would measure something else.
    private void Expect(OrderTraits order, int ruleIndex)
    {
        var match = _rules.Resolve(order);
        var expected = ruleIndex < 0 ? null : _rules.Rules[ruleIndex];
        if (!ReferenceEquals(match.Rule, expected))
        {
            throw new InvalidOperationException(
                $"Order {order} matched '{match.Identity}' instead of {(expected is null ? "the fallback" : $"rule {ruleIndex} ('{expected.Identity}')")}.");
        }
    }
}
