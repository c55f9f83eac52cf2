using ReversePaas.Sdk;

namespace ReversePaas.Kernel.Identity;

/// <summary>
/// One file of <c>identity-mappings/bindings/</c>: which extension serves an identity at which point
/// (configuration instead of code), and the identity's settings. Both inherit to child identities.
/// </summary>
/// <param name="Identity">The identity bound.</param>
/// <param name="Extensions">Point code → extension ids (one for a Single point; the exact run order for a Chain).</param>
/// <param name="Settings">Setting key → invariant text value, e.g. <c>review.timeoutHours</c> → <c>48</c>.</param>
/// <param name="Source">The file it was read from.</param>
public sealed record IdentityBinding(
    BusinessIdentity Identity,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extensions,
    IReadOnlyDictionary<string, string> Settings,
    string Source);
