using ReversePaas.Kernel.Extensions.Budget;

namespace ReversePaas.CapabilityCatalog;

/// <summary>
/// An extension (kernel defaults included, plugin <c>kernel</c>). <see cref="Breaker"/> is its circuit breaker on the
/// host that answered (API.md v1.1, "Extension call budget"); always <c>Closed</c> where no budget applies (the CLI).
/// </summary>
public sealed record CatalogExtension(
    string Id, string Plugin, string Version, IReadOnlyList<string> Points, IReadOnlyList<string> Identities, int Priority, string Description, string Assembly, string Type,
    BreakerState Breaker = BreakerState.Closed);
