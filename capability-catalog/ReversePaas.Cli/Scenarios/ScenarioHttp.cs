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

    private string KeyOf(string actor)
        => keys.TryGetValue(actor, out var key) || keys.TryGetValue(actor.Split(':')[0], out key) ? key
            : throw new ScenarioFault($"no API key for {actor}: pass --key {actor}=KEY (or --key {actor.Split(':')[0]}=KEY for the role)");
}
