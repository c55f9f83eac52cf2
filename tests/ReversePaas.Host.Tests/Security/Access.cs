namespace ReversePaas.Host.Tests.Security;

/// <summary>What one caller gets on one route: the class a cell of the access matrix states.</summary>
internal enum Access
{
    /// <summary><c>pub</c>: served without a key (API.md's public routes); any key, even an unknown one, changes nothing.</summary>
    Public,

    /// <summary><c>401</c>: no key, or a key that is not configured.</summary>
    Unauthenticated,

    /// <summary><c>403</c>: the key's role may not call the route (authorization, before any handler runs).</summary>
    WrongRole,

    /// <summary>
    /// <c>404</c>: the role may call the route, but the order or after-sale is not the caller's (another user's, another
    /// store's); answered exactly like a missing one, so existence does not leak.
    /// </summary>
    Hidden,

    /// <summary>
    /// <c>deny</c>: 403 <c>…/problems/forbidden</c>; the role may call the route and sees the after-sale, but may not do
    /// this to it (withdrawal by someone other than the applicant, a merchant reviewing what is routed to customer service).
    /// </summary>
    Refused,

    /// <summary><c>ok</c>: let through; the action itself may still answer 2xx, 400 or 409, never 401, 403, 404 or 5xx.</summary>
    Allowed,
}
