namespace ReversePaas.Host.Problems;

/// <summary>
/// The <c>type</c> URIs of our problem details, one per kind of failure, so clients can branch on them.
/// They are documented in docs/errors.md.
/// </summary>
internal static class ProblemTypes
{
    private const string Base = "https://reversepaas.dev/problems/";

    public const string ExtensionFailed = Base + "extension-failed";
    public const string ExtensionConflict = Base + "extension-conflict";
    public const string ExtensionTimeout = Base + "extension-timeout";
    public const string ExtensionUnavailable = Base + "extension-unavailable";
    public const string InvalidMappings = Base + "invalid-identity-mappings";
    public const string UnknownIdentity = Base + "unknown-identity";
    public const string InvalidIdentity = Base + "invalid-identity";
    public const string NotReady = Base + "not-ready";
    public const string BadRequest = Base + "bad-request";
    public const string Unexpected = Base + "unexpected";
    public const string Validation = Base + "validation";
    public const string BusinessConflict = Base + "business-conflict";
    public const string NotFound = Base + "not-found";
    public const string Forbidden = Base + "forbidden";
    public const string IdempotencyKeyReused = Base + "idempotency-key-reused";
    public const string RetryLater = Base + "retry-later";
    public const string PayloadTooLarge = Base + "payload-too-large";
    public const string UnsupportedMediaType = Base + "unsupported-media-type";
    public const string RateLimited = Base + "rate-limited";
    public const string InvalidPluginPackage = Base + "invalid-plugin-package";
    public const string PluginVersionExists = Base + "plugin-version-exists";
    public const string NothingToRollBack = Base + "no-active-version";
}
