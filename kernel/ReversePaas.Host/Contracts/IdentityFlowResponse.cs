using ReversePaas.Kernel.Extensions;
using ReversePaas.Sdk;

namespace ReversePaas.Host.Contracts;

/// <summary>One identity's flow: the activities in order, each point with what serves it and why.</summary>
internal sealed record IdentityFlowResponse(
    string Identity,
    long Generation,
    IReadOnlyList<ActivityFlowResponse> Activities,
    IReadOnlyDictionary<string, string> Settings);

/// <summary>One activity of a flow.</summary>
internal sealed record ActivityFlowResponse(Activity Activity, IReadOnlyList<PointResolutionResponse> Points);

/// <summary>How one point resolves for the identity.</summary>
internal sealed record PointResolutionResponse(
    string Code,
    CombineMode Combine,
    ResolutionSource Source,
    string DecidedAt,
    bool ViaBinding,
    string? Conflict,
    IReadOnlyList<ServingExtensionResponse> Extensions);

/// <summary>An extension serving a point.</summary>
internal sealed record ServingExtensionResponse(string Id, string Plugin, string Version, string Description);
