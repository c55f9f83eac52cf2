using System.Net;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;
using ReversePaas.Sdk.Ports;

namespace ReversePaas.Host.Ports.Http;

/// <summary>
/// One call to an external system over HTTP and the reading of its answer, the same for the five systems
/// (docs/adapters.md): 2xx is done (its <c>reference</c>), any other 4xx is refused (a <see cref="PortResult"/> failure
/// carrying the problem's detail), and 5xx, 408, 429, a timeout, a refused connection or an open breaker is
/// unavailable (<see cref="PortUnavailableException"/>, which the kernel retries later).
/// </summary>
internal sealed class HttpPortClient(IHttpClientFactory clients)
{
    /// <summary>The header carrying the call's idempotency key (the refund id, the after-sale id, ...).</summary>
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The named client of <paramref name="system"/> (e.g. <c>payment</c>).</summary>
    public static string ClientName(string system) => "ports." + system;

    public async Task<PortResult> PostAsync<TBody>(string system, string path, string idempotencyKey, TBody body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };
        request.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName(system)).SendAsync(request, cancellationToken);
        }
        catch (BrokenCircuitException open)
        {
            throw new PortUnavailableException(system, $"The {system} system failed too often; its circuit is open for now.", open);
        }
        catch (TimeoutRejectedException timedOut)
        {
            throw new PortUnavailableException(system, $"The {system} system did not answer in time.", timedOut);
        }
        catch (HttpRequestException unreachable)
        {
            throw new PortUnavailableException(system, $"The {system} system could not be reached ({unreachable.Message}).", unreachable);
        }
        catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PortUnavailableException(system, $"The {system} system did not answer in time.", timedOut);
        }

        using (response)
        {
            return await ReadAsync(system, response, cancellationToken);
        }
    }

    private static async Task<PortResult> ReadAsync(string system, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        if (response.IsSuccessStatusCode)
        {
            var answer = await ReadJsonAsync<PortWireAnswer>(response, cancellationToken);
            return answer is { Reference.Length: > 0 }
                ? PortResult.Success(answer.Reference)
                : throw new PortUnavailableException(system, $"The {system} system answered {status} without a reference.");
        }

        var detail = (await ReadJsonAsync<WireProblem>(response, cancellationToken))?.Detail is { Length: > 0 } said
            ? said
            : $"{status} {response.ReasonPhrase}";
        if (status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests)
        {
            throw new PortUnavailableException(system, $"The {system} system answered {status}: {detail}");
        }

        return PortResult.Failure(detail);
    }

    // A body that is not the expected JSON is read as no body: the status code still decides.
    private static async Task<T?> ReadJsonAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (NotSupportedException)
        {
            return null;
        }
    }

    private sealed record WireProblem(string? Detail);
}
