using System.Security.Claims;
using ReversePaas.Sdk;

namespace ReversePaas.Host.Auth;

/// <summary>The caller as a domain <see cref="Actor"/> (role and subject from the API key).</summary>
internal static class Actors
{
    public static Actor ToActor(this ClaimsPrincipal user)
        => new(
            Enum.Parse<ActorRole>(user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("Authenticated caller without a role.")),
            user.FindFirstValue(ApiKeyAuthenticationHandler.SubjectClaim) ?? "");
}
