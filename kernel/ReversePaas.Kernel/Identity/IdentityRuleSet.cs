using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Identity;

/// <summary>
/// The ordered rules that turn an order into a business identity: the first rule that matches wins;
/// when none does, the <see cref="Fallback"/> identity (the global default unless configured).
/// </summary>
public sealed class IdentityRuleSet
{
    private readonly IdentityRule[] _rules;

    /// <summary>Creates a rule set.</summary>
    public IdentityRuleSet(IEnumerable<IdentityRule> rules, BusinessIdentity fallback)
    {
        _rules = [.. rules];
        Fallback = fallback;
        Problems = FindProblems(_rules);
    }

    /// <summary>No rules: every order is the default identity.</summary>
    public static IdentityRuleSet Empty { get; } = new([], BusinessIdentity.Default);

    /// <summary>The rules in evaluation order.</summary>
    public IReadOnlyList<IdentityRule> Rules => _rules;

    /// <summary>The identity of an order no rule matches.</summary>
    public BusinessIdentity Fallback { get; }

    /// <summary>Rules that can never match (they follow a rule that matches everything).</summary>
    public IReadOnlyList<ExtensionProblem> Problems { get; }

    /// <summary>Every identity some rule (or the fallback) can produce.</summary>
    public IEnumerable<BusinessIdentity> ProducedIdentities => _rules.Select(r => r.Identity).Append(Fallback).Distinct();

    /// <summary>Resolves <paramref name="order"/> to its identity.</summary>
    public IdentityMatch Resolve(OrderTraits order)
    {
        foreach (var rule in _rules)
        {
            if (rule.When.Matches(order))
            {
                return new IdentityMatch(rule.Identity, rule);
            }
        }

        return new IdentityMatch(Fallback, null);
    }

    private static ExtensionProblem[] FindProblems(IdentityRule[] rules)
    {
        var catchAll = Array.FindIndex(rules, r => r.When.MatchesEverything);
        if (catchAll < 0 || catchAll == rules.Length - 1)
        {
            return [];
        }

        return [.. rules.Skip(catchAll + 1).Select(r => new ExtensionProblem(
            ProblemSeverity.Warning,
            "identity-rule-unreachable",
            $"Rule for '{r.Identity}' at {r.Source} can never match: the rule for '{rules[catchAll].Identity}' at {rules[catchAll].Source} matches every order before it.",
            Identity: r.Identity.Value,
            Source: r.Source))];
    }
}
