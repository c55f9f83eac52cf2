using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Identity;

/// <summary>One ordered rule of <c>identities.json</c>: orders matching <see cref="When"/> get <see cref="Identity"/>.</summary>
/// <param name="Identity">The identity given.</param>
/// <param name="When">What the order must look like.</param>
/// <param name="Description">Why the rule exists, for ops.</param>
/// <param name="Source">Where it was read from (file and JSON path), for error messages.</param>
public sealed record IdentityRule(BusinessIdentity Identity, IdentityCondition When, string Description, string Source);
