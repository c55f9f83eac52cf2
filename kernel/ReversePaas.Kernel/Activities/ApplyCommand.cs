using System.Text.Json;
using ReversePaas.Sdk;
using ReversePaas.Sdk.Application;

namespace ReversePaas.Kernel.Activities;

/// <summary>An application for an after-sale, as a user, merchant or customer service sent it.</summary>
public sealed record ApplyCommand
{
    public required string OrderId { get; init; }

    /// <summary>Kind (not <see cref="AfterSaleType.Cancel"/>: cancellations go through the order).</summary>
    public required AfterSaleType Type { get; init; }

    public required string Reason { get; init; }

    /// <summary>Requested lines (the same SKU may appear more than once: the quantities add up).</summary>
    public required IReadOnlyList<RequestedLine> Lines { get; init; }

    /// <summary>Evidence URLs.</summary>
    public required IReadOnlyList<string> Evidence { get; init; }

    /// <summary>Requested pickup time.</summary>
    public required DateTimeOffset? PickupAt { get; init; }

    /// <summary>Plugin-owned fields by plugin id (<c>extensions</c>), checked against the plugins' schemas when applied.</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>
    /// The pickup address, already protected by the host (opaque; null when none). The kernel stores it as it is and
    /// never sees the plain name, phone or address.
    /// </summary>
    public string? ProtectedPickupAddress { get; init; }

    /// <summary>Who applies.</summary>
    public required Actor Applicant { get; init; }

    /// <summary>The <c>Idempotency-Key</c> header, if sent.</summary>
    public string? IdempotencyKey { get; init; }

    /// <summary>Fingerprint of the request body (compared when the key is reused).</summary>
    public string? Fingerprint { get; init; }
}
