using System.Net;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>
/// One hostile request of the campaign and the answer it must get. <see cref="Body"/> builds fresh content per send
/// (content is consumed by sending it).
/// </summary>
public sealed record HostileCase(string Category, string Route, string Name, HttpMethod Method, string Path, string? Key, Func<HttpContent?> Body, HttpStatusCode Expected)
{
    /// <summary>The problem <c>type</c> the answer must carry; null = any non-empty type.</summary>
    public string? ExpectedType { get; init; }

    /// <summary>Extra request headers (e.g. <c>Idempotency-Key</c>), sent without validation so hostile values get through.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// Kestrel refuses the request line itself (a NUL in the path, a line over 8 KB) before any middleware runs, with
    /// the right status and an empty body: no problem details are possible there.
    /// </summary>
    public bool AnsweredByServer { get; init; }

    /// <summary>An upper bound on the answer's size: errors must not grow with what the caller sent.</summary>
    public int? MaxAnswerBytes { get; init; }

    public override string ToString() => $"{Category} | {Route} | {Name}";
}
