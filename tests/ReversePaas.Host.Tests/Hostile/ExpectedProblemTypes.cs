namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// The problem <c>type</c> URIs the campaign expects, spelled out rather than taken from the host's own constants, so
/// that a renamed type shows up as a failed answer instead of moving with the code under test.
/// </summary>
internal static class ExpectedProblemTypes
{
    public const string Problems = "https://reversepaas.dev/problems/";
    public const string ValidationFailed = Problems + "validation";
    public const string BadRequest = Problems + "bad-request";
    public const string NotFound = Problems + "not-found";
    public const string Conflict = Problems + "business-conflict";
    public const string Forbidden = Problems + "forbidden";
    public const string TooLarge = Problems + "payload-too-large";
    public const string UnsupportedMediaType = Problems + "unsupported-media-type";
}
