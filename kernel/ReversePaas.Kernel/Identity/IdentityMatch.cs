using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Identity;

/// <summary>The identity an order resolved to, and which rule decided.</summary>
/// <param name="Identity">The business identity.</param>
/// <param name="Rule">The matching rule, or null when the fallback applied.</param>
public readonly record struct IdentityMatch(BusinessIdentity Identity, IdentityRule? Rule);
