using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ReversePaas.Cli.Scenarios;

/// <summary>REST calls to a host, each with the API key of its actor (Role:subject, or a key given for the whole role).</summary>
internal sealed class ScenarioHttp(Uri host, IReadOnlyDictionary<string, string> keys) : IDisposable
{
    /// <summary>The actor that reads outcomes (orders, after-sales, deadlines): Ops sees them all.</summary>
    public const string Reader = "Ops";

    private readonly HttpClient _client = new(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host, Timeout = TimeSpan.FromSeconds(30) };

    public Uri Host => host;

    public async Task<ScenarioReply> SendAsync(string actor, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Add("X-Api-Key", KeyOf(actor));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new CliException($"The host {host} cannot be reached: {ex.Message}", innerException: ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonNode? json = null;
            try
            {
                json = text.Length == 0 ? null : JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                // Not JSON (an HTML error page of a proxy, say): the status alone is compared.
            }

            return new ScenarioReply((int)response.StatusCode, json);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>
    /// Why the given actors cannot all be acted as with the keys given, or null. A key given for a whole role acts as
    /// one subject only (the host knows the key's subject, not ours): the first actor of the role that uses it keeps it,
    /// so <c>Merchant:v-2</c> never quietly acts with <c>Merchant:v-1</c>'s key.
    /// </summary>
    public string? CannotActAs(IEnumerable<string> actors)
    {
        var claims = new Dictionary<string, string>(_roleKeyActors, StringComparer.Ordinal);
        foreach (var actor in actors.Distinct(StringComparer.Ordinal))
        {
            if (Missing(actor, claims) is { } reason)
            {
                return reason;
            }
        }

        return null;
    }

    private readonly Dictionary<string, string> _roleKeyActors = new(StringComparer.Ordinal);

    private string KeyOf(string actor)
    {
        if (Missing(actor, _roleKeyActors) is { } reason)
        {
            throw new ScenarioFault(reason);
        }

        return keys.TryGetValue(actor, out var key) ? key : keys[actor.Split(':')[0]];
    }

    // Null when a key can act as the actor (claiming a role's key for it); else why not.
    private string? Missing(string actor, Dictionary<string, string> claims)
    {
        if (keys.ContainsKey(actor))
        {
            return null;
        }

        var role = actor.Split(':')[0];
        if (!keys.ContainsKey(role))
        {
            return $"no API key for {actor}: pass --key {actor}=KEY (or --key {role}=KEY for the role)";
        }

        return claims.TryAdd(role, actor) || claims[role] == actor ? null
            : $"the key given for {role} acts as {claims[role]}: pass --key {actor}=KEY for {actor}";
    }
}
