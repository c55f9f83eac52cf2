using System.Net;
using System.Text.Json.Nodes;

namespace ReversePaas.Host.Tests.Hostile;

/// <summary>A write route: where it is, who may call it, who may not, and a body of the right shape.</summary>
public sealed record WriteRoute(string Name, string Template, string RightKey, string WrongRoleKey, bool TakesJson, Func<JsonObject> Sample)
{
    /// <summary>The seeded id the route acts on, when its path has one.</summary>
    public string? Id { get; init; }

    public string Query { get; init; } = "";

    /// <summary>The content type the route takes (a plugin package route takes application/zip).</summary>
    public string MediaType { get; init; } = "application/json";

    public string Path => PathFor(Id ?? "") + Query;

    public string PathFor(string escapedId) => Template.Replace("{id}", escapedId, StringComparison.Ordinal);

    public HostileCase Case(string category, string name, HttpMethod method, string? key, Func<HttpContent?> body, HttpStatusCode expected)
        => new(category, Name, name, method, Path, key, body, expected);
}
