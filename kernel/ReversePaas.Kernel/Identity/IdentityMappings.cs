using ReversePaas.Kernel.Extensions;

namespace ReversePaas.Kernel.Identity;

/// <summary>Everything read from <c>identity-mappings/</c>: the identity rules and the bindings.</summary>
/// <param name="Rules">Order → identity rules.</param>
/// <param name="Bindings">Per-identity bindings and settings.</param>
public sealed record IdentityMappings(IdentityRuleSet Rules, IReadOnlyList<IdentityBinding> Bindings)
{
    /// <summary>No rules and no bindings.</summary>
    public static IdentityMappings Empty { get; } = new(IdentityRuleSet.Empty, []);

    /// <summary>Problems found in the mappings themselves (before they meet the extensions).</summary>
    public IReadOnlyList<ExtensionProblem> Problems => Rules.Problems;
}
