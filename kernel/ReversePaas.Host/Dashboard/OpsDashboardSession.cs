using Microsoft.AspNetCore.DataProtection;

namespace ReversePaas.Host.Dashboard;

/// <summary>
/// The sign-in of the Hangfire dashboard. A browser cannot send <c>X-Api-Key</c> to a server-rendered page, so an Ops
/// caller trades its key (<c>POST /api/v1/ops/dashboard-session</c>) for a short-lived cookie: HttpOnly (no script reads
/// it), SameSite=Strict (no other site's page sends it), scoped to the dashboard's path, and protected by ASP.NET Core
/// Data Protection with its expiry inside (a copied or edited cookie is refused, an old one too).
/// </summary>
internal sealed class OpsDashboardSession(IDataProtectionProvider protection, TimeProvider time)
{
    /// <summary>Where the dashboard is served.</summary>
    public const string Path = "/ops/jobs";

    /// <summary>The cookie's name.</summary>
    public const string CookieName = "rp-ops-dashboard";

    /// <summary>How long a session lasts.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const string Purpose = "ReversePaas.Host.OpsDashboardSession.v1";

    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    /// <summary>Sets the cookie for <paramref name="subject"/> (an Ops key's subject); returns when it expires.</summary>
    public DateTimeOffset Issue(HttpContext context, string subject)
    {
        var expires = time.GetUtcNow() + Lifetime;
        context.Response.Cookies.Append(CookieName, _protector.Protect(subject, Lifetime), new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = Path,
            MaxAge = Lifetime,
            IsEssential = true,
        });
        return expires;
    }

    /// <summary>The subject of a valid, unexpired session cookie on <paramref name="context"/>; null otherwise.</summary>
    public string? SubjectOf(HttpContext context)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            return _protector.Unprotect(value);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Forged, edited, expired, or issued by a host with other keys.
            return null;
        }
    }
}
